/// Sorts the cyclic rotations of a block (the Burrows–Wheeler order bzip2's block sort
/// produces) by prefix doubling: rotations are first sorted by a 64-bit key packing their first
/// characters (each character as its rank among the characters present), then groups that
/// still tie are refined by the rank of the rotation h characters further on, h doubling each
/// round (Manber–Myers / Larsson–Sadakane). Identical rotations (a periodic block) stay tied;
/// their order does not change the BWT's last column.
///
/// Buffers are kept between calls; one sorter serves one thread.
final class CyclicRotationSorter {
    private(set) var order: [Int32] = []   // sorted rotation starts
    private var rank: [Int32] = []         // rank (group start in `order`) of each rotation
    private var keys: [UInt64] = []
    private var scratchKeys: [UInt64] = []
    private var scratchOrder: [Int32] = []
    private var counts: [Int] = []
    private var keyBuffer: [UInt64] = []
    /// Group boundaries: groupEnd[i] > i + 1 marks an unsorted group starting at order index i.
    private var groupEnd: [Int32] = []
    private var refineKeys: [Int32] = []

    /// Sorts the rotations of `block`; afterwards `order[0..<block.count]` lists rotation
    /// starts in increasing order.
    func sort(_ block: UnsafeBufferPointer<UInt8>) {
        let n = block.count
        precondition(n > 0 && n < Int(Int32.max))
        if order.count < n {
            order = [Int32](repeating: 0, count: n)
            rank = [Int32](repeating: 0, count: n)
            keys = [UInt64](repeating: 0, count: n)
            scratchKeys = [UInt64](repeating: 0, count: n)
            scratchOrder = [Int32](repeating: 0, count: n)
            groupEnd = [Int32](repeating: 0, count: n)
            refineKeys = [Int32](repeating: 0, count: n)
        }
        // Character ranks and the packing width.
        var present = [Bool](repeating: false, count: 256)
        for c in block { present[Int(c)] = true }
        var charRank = [UInt64](repeating: 0, count: 256)
        var symbols: UInt64 = 0
        for c in 0..<256 where present[c] { charRank[c] = symbols; symbols += 1 }
        var width = 1
        while (1 << width) < symbols { width += 1 }
        let perKey = 64 / width
        let depth = min(perKey, n)

        // Keys: the first `depth` characters of each rotation, first character most significant.
        keys.withUnsafeMutableBufferPointer { keys in
            let bits = UInt64(width)
            let mask: UInt64 = depth * width >= 64 ? ~0 : (1 << UInt64(depth * width)) - 1
            var key: UInt64 = 0
            for j in 0..<depth { key = (key << bits) | charRank[Int(block[j % n])] }
            var incoming = depth % n
            for i in 0..<n {
                keys[i] = key
                key = ((key << bits) & mask) | charRank[Int(block[incoming])]
                incoming += 1
                if incoming == n { incoming = 0 }
            }
        }
        // Fast path: when the smallest character never follows itself (the space of sample
        // text), rotations starting with it come first, ordered as the rotations that follow
        // them; so only the other rotations are sorted, by key and then by direct comparison of
        // further keys, and the rest is induced. Long ties (repetitive data) exceed the
        // comparison budget and fall back to prefix doubling over all rotations.
        let smallest = (0..<256).first { present[$0] }!
        var eligible = symbols > 1
        if eligible {
            for i in 0..<n where Int(block[i]) == smallest && Int(block[i + 1 == n ? 0 : i + 1]) == smallest {
                eligible = false
                break
            }
        }
        if eligible && sortByComparison(block, smallest: UInt8(smallest), depth: depth) { return }
        sortByDoubling(count: n, depth: depth)
    }

    /// The fast path; false when the comparison budget ran out (nothing usable in `order`).
    private func sortByComparison(_ block: UnsafeBufferPointer<UInt8>, smallest: UInt8, depth: Int) -> Bool {
        let n = block.count
        var m = 0
        for i in 0..<n where block[i] != smallest { order[m] = Int32(i); m += 1 }
        radixSortByKey(count: m)
        var budget = 64 * n
        let ok: Bool = order.withUnsafeMutableBufferPointer { order in
            keys.withUnsafeBufferPointer { keys in
                scratchKeys.withUnsafeBufferPointer { sortedKeys in
                    var start = 0
                    while start < m {
                        var end = start + 1
                        while end < m && sortedKeys[end] == sortedKeys[start] { end += 1 }
                        if end - start > 1 {
                            // Insertion sort of the tie group, comparing keys `depth` apart.
                            var i = start + 1
                            while i < end {
                                let current = order[i]
                                var j = i - 1
                                while j >= start {
                                    let a = Int(order[j]), b = Int(current)
                                    var h = depth
                                    var greater = false
                                    while h < n {
                                        budget -= 1
                                        var pa = a + h, pb = b + h
                                        if pa >= n { pa %= n }
                                        if pb >= n { pb %= n }
                                        let ka = keys[pa], kb = keys[pb]
                                        if ka != kb { greater = ka > kb; break }
                                        h += depth
                                    }
                                    if budget < 0 { return false }
                                    if !greater { break }
                                    order[j + 1] = order[j]
                                    j -= 1
                                }
                                order[j + 1] = current
                                i += 1
                            }
                        }
                        start = end
                    }
                    return true
                }
            }
        }
        guard ok else { return false }
        // Induce: rotation p − 1 (starting with the smallest character) ranks as rotation p.
        var induced = 0
        scratchOrder.withUnsafeMutableBufferPointer { front in
            order.withUnsafeBufferPointer { order in
                for r in 0..<m {
                    var q = Int(order[r]) - 1
                    if q < 0 { q += n }
                    if block[q] == smallest { front[induced] = Int32(q); induced += 1 }
                }
            }
        }
        // order ← induced ++ sorted others.
        order.withUnsafeMutableBufferPointer { order in
            scratchOrder.withUnsafeBufferPointer { front in
                var r = m - 1
                while r >= 0 { order[r + induced] = order[r]; r -= 1 }
                for r in 0..<induced { order[r] = front[r] }
            }
        }
        return induced + m == n
    }

    /// Prefix doubling over all rotations.
    private func sortByDoubling(count n: Int, depth: Int) {
        for i in 0..<n { order[i] = Int32(i) }
        radixSortByKey(count: n)

        // Initial groups and ranks.
        order.withUnsafeMutableBufferPointer { order in
            scratchKeys.withUnsafeBufferPointer { sortedKeys in
                rank.withUnsafeMutableBufferPointer { rank in
                    groupEnd.withUnsafeMutableBufferPointer { groupEnd in
                        var start = 0
                        while start < n {
                            var end = start + 1
                            let k = sortedKeys[start]
                            while end < n && sortedKeys[end] == k { end += 1 }
                            for p in start..<end { rank[Int(order[p])] = Int32(start) }
                            groupEnd[start] = Int32(end)
                            start = end
                        }
                    }
                }
            }
        }

        // Prefix doubling on the groups that still tie.
        var h = depth
        while h < n {
            if !refine(count: n, offset: h) { break }
            h *= 2
        }
    }

    /// One doubling round: sorts every unsorted group by rank[(i + h) mod n]; returns whether
    /// any group is still unsorted afterwards.
    private func refine(count n: Int, offset h: Int) -> Bool {
        var anyLeft = false
        order.withUnsafeMutableBufferPointer { order in
            rank.withUnsafeMutableBufferPointer { rank in
                groupEnd.withUnsafeMutableBufferPointer { groupEnd in
                    refineKeys.withUnsafeMutableBufferPointer { refineKeys in
                        // Snapshot the keys of all unsorted groups before any rank changes.
                        var start = 0
                        var unsorted = false
                        while start < n {
                            let end = Int(groupEnd[start])
                            if end - start > 1 {
                                unsorted = true
                                for p in start..<end {
                                    var j = Int(order[p]) + h
                                    if j >= n { j %= n }
                                    refineKeys[p] = rank[j]
                                }
                            }
                            start = end
                        }
                        guard unsorted else { return }
                        start = 0
                        while start < n {
                            let end = Int(groupEnd[start])
                            if end - start > 1 {
                                Self.sortGroup(order: order, keys: refineKeys, start: start, end: end)
                                var s = start
                                while s < end {
                                    var e = s + 1
                                    while e < end && refineKeys[e] == refineKeys[s] { e += 1 }
                                    for p in s..<e { rank[Int(order[p])] = Int32(s) }
                                    groupEnd[s] = Int32(e)
                                    if e - s > 1 { anyLeft = true }
                                    s = e
                                }
                            }
                            start = end
                        }
                    }
                }
            }
        }
        return anyLeft
    }

    /// Sorts order[start..<end] together with keys[start..<end] by key.
    private static func sortGroup(order: UnsafeMutableBufferPointer<Int32>, keys: UnsafeMutableBufferPointer<Int32>, start: Int, end: Int) {
        if end - start <= 16 {
            var i = start + 1
            while i < end {
                let k = keys[i], o = order[i]
                var j = i - 1
                while j >= start && keys[j] > k {
                    keys[j + 1] = keys[j]
                    order[j + 1] = order[j]
                    j -= 1
                }
                keys[j + 1] = k
                order[j + 1] = o
                i += 1
            }
            return
        }
        var pairs = (start..<end).map { (keys[$0], order[$0]) }
        pairs.sort { $0.0 < $1.0 }
        for (offset, pair) in pairs.enumerated() {
            keys[start + offset] = pair.0
            order[start + offset] = pair.1
        }
    }

    /// LSD radix sort of the n positions listed in `order` by keys[position], six stable passes of 11 bits (few
    /// enough buckets for the scattered writes to stay cached); the sorted positions end in
    /// `order` and their keys, in the same order, in `scratchKeys`.
    private func radixSortByKey(count n: Int) {
        let digitBits: UInt64 = 11
        let buckets = 1 << Int(digitBits)
        let passes = 6
        if counts.count < passes * buckets { counts = [Int](repeating: 0, count: passes * buckets) }
        if keyBuffer.count < n { keyBuffer = [UInt64](repeating: 0, count: n) }
        order.withUnsafeMutableBufferPointer { order in
            scratchOrder.withUnsafeMutableBufferPointer { tmpOrder in
                keys.withUnsafeBufferPointer { keys in
                    scratchKeys.withUnsafeMutableBufferPointer { sortedKeys in
                        keyBuffer.withUnsafeMutableBufferPointer { altKeys in
                            counts.withUnsafeMutableBufferPointer { counts in
                                var srcOrder = order, dstOrder = tmpOrder
                                var srcKeys = sortedKeys, dstKeys = altKeys
                                let digitMask = UInt64(buckets - 1)
                                // One read computes the digit counts of every pass.
                                for d in 0..<(passes * buckets) { counts[d] = 0 }
                                for i in 0..<n {
                                    let position = Int(order[i])
                                    let k = keys[position]
                                    srcOrder[i] = Int32(position)
                                    srcKeys[i] = k
                                    for pass in 0..<passes {
                                        counts[pass * buckets + Int((k >> (digitBits * UInt64(pass))) & digitMask)] += 1
                                    }
                                }
                                for pass in 0..<passes {
                                    let shift = digitBits * UInt64(pass)
                                    let base = pass * buckets
                                    var total = 0
                                    for d in base..<(base + buckets) { let c = counts[d]; counts[d] = total; total += c }
                                    for i in 0..<n {
                                        let key = srcKeys[i]
                                        let d = base + Int((key >> shift) & digitMask)
                                        let p = counts[d]
                                        counts[d] = p + 1
                                        dstKeys[p] = key
                                        dstOrder[p] = srcOrder[i]
                                    }
                                    swap(&srcKeys, &dstKeys)
                                    swap(&srcOrder, &dstOrder)
                                }
                                // Six passes: the sorted positions are back in `order`.
                            }
                        }
                    }
                }
            }
        }
    }
}
