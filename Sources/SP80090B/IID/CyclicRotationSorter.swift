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
        radixSortByKey(count: n)

        // Initial groups and ranks.
        order.withUnsafeMutableBufferPointer { order in
            keys.withUnsafeBufferPointer { keys in
                rank.withUnsafeMutableBufferPointer { rank in
                    groupEnd.withUnsafeMutableBufferPointer { groupEnd in
                        var start = 0
                        while start < n {
                            var end = start + 1
                            let k = keys[Int(order[start])]
                            while end < n && keys[Int(order[end])] == k { end += 1 }
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

    /// LSD radix sort of positions 0..<n by keys[position], 16 bits per pass (stable); the
    /// sorted positions end in `order`.
    private func radixSortByKey(count n: Int) {
        if counts.count < 65536 { counts = [Int](repeating: 0, count: 65536) }
        if keyBuffer.count < n { keyBuffer = [UInt64](repeating: 0, count: n) }
        order.withUnsafeMutableBufferPointer { order in
            scratchOrder.withUnsafeMutableBufferPointer { tmpOrder in
                keys.withUnsafeBufferPointer { keys in
                    scratchKeys.withUnsafeMutableBufferPointer { sortedKeys in
                        keyBuffer.withUnsafeMutableBufferPointer { altKeys in
                            counts.withUnsafeMutableBufferPointer { counts in
                                var srcOrder = order, dstOrder = tmpOrder
                                var srcKeys = sortedKeys, dstKeys = altKeys
                                for i in 0..<n { srcOrder[i] = Int32(i); srcKeys[i] = keys[i] }
                                for pass in 0..<4 {
                                    let shift = UInt64(16 * pass)
                                    for d in 0..<65536 { counts[d] = 0 }
                                    for i in 0..<n { counts[Int((srcKeys[i] >> shift) & 0xFFFF)] += 1 }
                                    var total = 0
                                    for d in 0..<65536 { let c = counts[d]; counts[d] = total; total += c }
                                    for i in 0..<n {
                                        let d = Int((srcKeys[i] >> shift) & 0xFFFF)
                                        let p = counts[d]
                                        counts[d] = p + 1
                                        dstKeys[p] = srcKeys[i]
                                        dstOrder[p] = srcOrder[i]
                                    }
                                    swap(&srcKeys, &dstKeys)
                                    swap(&srcOrder, &dstOrder)
                                }
                                // Four passes: the sorted positions are back in `order`.
                            }
                        }
                    }
                }
            }
        }
    }
}
