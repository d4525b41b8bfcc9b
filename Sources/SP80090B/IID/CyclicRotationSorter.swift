#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sorts the cyclic rotations of a sequence of symbols 0..<b (the order bzip2's block sort
/// produces when the symbols are bytes): rotation j is s_j s_{j+1} … s_{j−1}, compared
/// lexicographically. Rotations that are equal as sequences (a periodic input) may come in any
/// order; nothing that uses the order can tell them apart.
///
/// Each rotation gets a 64-bit key holding its first d symbols as a number in base b (d as large
/// as fits, so the key order is the order of those prefixes). The rotations are radix sorted by
/// the top 22 bits of their keys; the groups sharing them (mostly single rotations on random
/// data) are ordered by whole key, then by the keys d, 2d, … symbols further on, within a work
/// budget. Long ties (repetitive data) exhaust the budget and fall back to a radix sort by whole
/// key and prefix doubling (Manber–Myers / Larsson–Sadakane): groups that still tie are refined
/// by the rank of the rotation h symbols further on, h doubling each round.
///
/// Buffers are kept between calls; one sorter serves one thread.
final class CyclicRotationSorter {
    private(set) var order: [Int32] = []   // sorted rotation starts
    private var keys: [UInt64] = []        // key of each rotation (by start)
    private var sortedKeys: [UInt64] = []  // keys in sorted order
    private var scratchKeys: [UInt64] = []
    private var scratchOrder: [Int32] = []
    private var rank: [Int32] = []         // doubling: rank (group start in `order`) of each rotation
    /// Doubling: groupEnd[i] > i + 1 marks an unsorted group starting at order index i.
    private var groupEnd: [Int32] = []
    private var refineKeys: [Int32] = []
    private var counts: [Int] = []
    private var records: [UInt64] = []
    private var scratchRecords: [UInt64] = []

    private static let digitBits = 11
    private static let buckets = 1 << digitBits
    /// Tie groups up to this size are ordered by comparison; a larger one goes to doubling.
    private static let largestComparedGroup = 48

    /// Sorts the rotations of `symbols` (each < `alphabetSize`); afterwards
    /// `order[0..<symbols.count]` lists rotation starts in increasing order of rotation.
    func sort(_ symbols: UnsafeBufferPointer<UInt16>, alphabetSize b: Int) {
        let n = symbols.count
        precondition(n > 0 && n < Int(Int32.max) && b >= 1 && b <= 1 << 16)
        if order.count < n {
            order = [Int32](repeating: 0, count: n)
            keys = [UInt64](repeating: 0, count: n)
            sortedKeys = [UInt64](repeating: 0, count: n)
            scratchKeys = [UInt64](repeating: 0, count: n)
            scratchOrder = [Int32](repeating: 0, count: n)
        }
        guard b > 1 else {
            // One symbol: every rotation is the same sequence.
            for i in 0..<n { order[i] = Int32(i) }
            return
        }
        // d symbols per key: the largest d with b^d − 1 ≤ 2^64 − 1.
        var depth = 0
        var power: UInt64 = 1  // b^depth while it fits
        var top: UInt64 = 1    // b^(depth − 1)
        while true {
            let (next, overflow) = power.multipliedReportingOverflow(by: UInt64(b))
            if overflow { break }
            top = power
            power = next
            depth += 1
        }
        let keyBits = 64 - (power - 1).leadingZeroBitCount
        let base = UInt64(b)
        keys.withUnsafeMutableBufferPointer { keys in
            var key: UInt64 = 0
            var incoming = 0
            for _ in 0..<depth {
                key = key &* base &+ UInt64(symbols[incoming])
                incoming += 1
                if incoming == n { incoming = 0 }
            }
            for i in 0..<n {
                keys[i] = key
                key = (key &- UInt64(symbols[i]) &* top) &* base &+ UInt64(symbols[incoming])
                incoming += 1
                if incoming == n { incoming = 0 }
            }
        }
        // Sort by the key's top bits, then order the (mostly single) rotations sharing them. The
        // top bits should hold about log2(n) + 3 bits of information, so that few rotations share
        // them: at H bits of entropy per symbol (from the symbol counts), a bit of the key holds
        // H/log2(b) bits of information.
        var symbolCounts = [Int](repeating: 0, count: b)
        for c in symbols { symbolCounts[Int(c)] += 1 }
        var entropy = 0.0
        for c in symbolCounts where c > 0 {
            let p = Double(c) / Double(n)
            entropy -= p * log2(p)
        }
        let wanted = entropy > 0 ? (log2(Double(n)) + 3) * log2(Double(b)) / entropy : Double(keyBits)
        let topBits = min(keyBits, Int((wanted / Double(Self.digitBits)).rounded(.up)) * Self.digitBits)
        let indexBits = max(1, Int.bitWidth - (n - 1).leadingZeroBitCount)
        if topBits < keyBits && topBits + indexBits <= 64 {
            // Records: as many of the key's top bits as fit beside the rotation start, in one
            // word. Radix sorted by the top bits, then each group sharing them sorted as words
            // (by the rest of the record key; no key needs fetching), then rotations whose record
            // keys are equal ordered by their keys.
            let recordKeyBits = min(keyBits, 64 - indexBits)
            radixSortRecords(count: n, keyBits: keyBits, recordKeyBits: recordKeyBits, topBits: topBits, indexBits: indexBits)
            let ordered = records.withUnsafeBufferPointer { records in
                orderGroups(count: n, depth: depth, from: recordKeyBits == keyBits ? depth : 0) { records[$0] >> UInt64(indexBits) }
            }
            if ordered { return }
        }
        radixSort(count: n, fromBit: 0, toBit: keyBits)
        let ordered = sortedKeys.withUnsafeBufferPointer { sortedKeys in
            orderGroups(count: n, depth: depth) { sortedKeys[$0] }
        }
        if ordered { return }
        radixSort(count: n, fromBit: 0, toBit: keyBits)
        sortByDoubling(count: n, depth: depth)
    }

    /// Records (the key's top `recordKeyBits` bits) << indexBits | start, LSD radix sorted by
    /// their top `topBits` key bits in passes of 11 bits, then each run sharing those bits sorted
    /// as words; afterwards `records` holds them in order and `order` the starts.
    private func radixSortRecords(count n: Int, keyBits: Int, recordKeyBits: Int, topBits: Int, indexBits: Int) {
        let passes = (topBits + Self.digitBits - 1) / Self.digitBits
        let buckets = Self.buckets
        if records.count < n {
            records = [UInt64](repeating: 0, count: n)
            scratchRecords = [UInt64](repeating: 0, count: n)
        }
        if counts.count < passes * buckets { counts = [Int](repeating: 0, count: passes * buckets) }
        records.withUnsafeMutableBufferPointer { records in
            scratchRecords.withUnsafeMutableBufferPointer { scratch in
                keys.withUnsafeBufferPointer { keys in
                    counts.withUnsafeMutableBufferPointer { counts in
                        // Digit `pass` is bits 11·pass ..< +11 of the top bits (the last one narrower).
                        let masks = (0..<passes).map { pass -> UInt64 in
                            let w = min(Self.digitBits, topBits - Self.digitBits * pass)
                            return (1 << UInt64(w)) - 1
                        }
                        let keyShift = UInt64(keyBits - recordKeyBits)
                        let topShift = UInt64(indexBits + recordKeyBits - topBits)  // record → top bits
                        for d in 0..<(passes * buckets) { counts[d] = 0 }
                        // Records start where the last pass makes them end in `records`.
                        var source = passes % 2 == 0 ? records : scratch
                        var target = passes % 2 == 0 ? scratch : records
                        for i in 0..<n {
                            let record = (keys[i] >> keyShift) << UInt64(indexBits) | UInt64(i)
                            source[i] = record
                            let top = record >> topShift
                            for pass in 0..<passes {
                                counts[pass &* buckets &+ Int((top >> UInt64(Self.digitBits &* pass)) & masks[pass])] &+= 1
                            }
                        }
                        for pass in 0..<passes {
                            let shift = topShift + UInt64(Self.digitBits * pass)
                            let mask = masks[pass]
                            let row = pass * buckets
                            var total = 0
                            for d in row..<(row + buckets) { let c = counts[d]; counts[d] = total; total += c }
                            for i in 0..<n {
                                let record = source[i]
                                let d = row &+ Int((record >> shift) & mask)
                                let p = counts[d]
                                counts[d] = p &+ 1
                                target[p] = record
                            }
                            swap(&source, &target)
                        }
                        // Runs sharing the top bits: sorted as words.
                        var start = 0
                        while start < n - 1 {
                            let top = records[start] >> topShift
                            if records[start + 1] >> topShift != top { start += 1; continue }
                            var end = start + 2
                            while end < n && records[end] >> topShift == top { end += 1 }
                            if end - start <= 16 {
                                var i = start + 1
                                while i < end {
                                    let current = records[i]
                                    var j = i - 1
                                    while j >= start && records[j] > current {
                                        records[j + 1] = records[j]
                                        j -= 1
                                    }
                                    records[j + 1] = current
                                    i += 1
                                }
                            } else {
                                var run = UnsafeMutableBufferPointer(rebasing: records[start..<end])
                                run.sort()
                            }
                            start = end
                        }
                        let indexMask = (UInt64(1) << UInt64(indexBits)) - 1
                        order.withUnsafeMutableBufferPointer { order in
                            for i in 0..<n { order[i] = Int32(truncatingIfNeeded: records[i] & indexMask) }
                        }
                    }
                }
            }
        }
    }

    /// LSD radix sort of all rotations by bits fromBit..<toBit of their keys, in passes of 11
    /// bits (a pass whose digit is the same for every key is skipped); the sorted starts end in
    /// `order`, their keys in `sortedKeys`.
    private func radixSort(count n: Int, fromBit: Int, toBit: Int) {
        let passes = (toBit - fromBit + Self.digitBits - 1) / Self.digitBits
        let buckets = Self.buckets
        if counts.count < passes * buckets { counts = [Int](repeating: 0, count: passes * buckets) }
        order.withUnsafeMutableBufferPointer { order in
            scratchOrder.withUnsafeMutableBufferPointer { tmpOrder in
                keys.withUnsafeBufferPointer { keys in
                    sortedKeys.withUnsafeMutableBufferPointer { sortedKeys in
                        scratchKeys.withUnsafeMutableBufferPointer { tmpKeys in
                            counts.withUnsafeMutableBufferPointer { counts in
                                let mask = UInt64(buckets - 1)
                                // Digit `pass` is bits fromBit + 11·pass ..< +11 (the last one
                                // masked to toBit).
                                func digitMask(_ pass: Int) -> UInt64 {
                                    let width = min(Self.digitBits, toBit - fromBit - Self.digitBits * pass)
                                    return mask >> UInt64(Self.digitBits - width)
                                }
                                for d in 0..<(passes * buckets) { counts[d] = 0 }
                                // One read gathers the digit counts of every pass.
                                if passes == 2 {
                                    let m0 = digitMask(0), m1 = digitMask(1)
                                    for i in 0..<n {
                                        let k = keys[i] >> UInt64(fromBit)
                                        counts[Int(k & m0)] &+= 1
                                        counts[buckets &+ Int((k >> UInt64(Self.digitBits)) & m1)] &+= 1
                                    }
                                } else {
                                    let masks = (0..<passes).map(digitMask)
                                    for i in 0..<n {
                                        let k = keys[i] >> UInt64(fromBit)
                                        for pass in 0..<passes {
                                            counts[pass &* buckets &+ Int((k >> UInt64(Self.digitBits &* pass)) & masks[pass])] &+= 1
                                        }
                                    }
                                }
                                // Sources and destinations alternate; the data starts in the
                                // buffers that make the last pass land in order/sortedKeys.
                                let active = (0..<passes).filter { pass in
                                    let row = pass * buckets
                                    return !(0..<buckets).contains { counts[row + $0] == n }
                                }
                                var srcOrder = active.count % 2 == 0 ? order : tmpOrder
                                var srcKeys = active.count % 2 == 0 ? sortedKeys : tmpKeys
                                var dstOrder = active.count % 2 == 0 ? tmpOrder : order
                                var dstKeys = active.count % 2 == 0 ? tmpKeys : sortedKeys
                                for i in 0..<n {
                                    srcOrder[i] = Int32(i)
                                    srcKeys[i] = keys[i]
                                }
                                for pass in active {
                                    let shift = UInt64(fromBit + Self.digitBits * pass)
                                    let dm = digitMask(pass)
                                    let row = pass * buckets
                                    var total = 0
                                    for d in row..<(row + buckets) { let c = counts[d]; counts[d] = total; total += c }
                                    for i in 0..<n {
                                        let key = srcKeys[i]
                                        let d = row &+ Int((key >> shift) & dm)
                                        let p = counts[d]
                                        counts[d] = p &+ 1
                                        dstKeys[p] = key
                                        dstOrder[p] = srcOrder[i]
                                    }
                                    swap(&srcKeys, &dstKeys)
                                    swap(&srcOrder, &dstOrder)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// After a sort by part of the keys (`group(i)`: that part of the i-th key in order): orders
    /// each group sharing it by whole key, and rotations with equal keys by the keys `depth`,
    /// 2·`depth`, … symbols further on (insertion sort; comparisons start `first` symbols in,
    /// `depth` when the part is the whole key). False when a tie of equal keys is too long or the
    /// comparisons exceed their budget (`order` is then a permutation of no particular use).
    private func orderGroups(count n: Int, depth: Int, from first: Int = 0, group: (Int) -> UInt64) -> Bool {
        var budget = 32 * n
        return order.withUnsafeMutableBufferPointer { order in
            keys.withUnsafeBufferPointer { keys in
                do {
                    /// Is rotation a greater than rotation b (compared from symbol `from` on)?
                    func greater(_ a: Int, _ b: Int, from: Int) -> Bool {
                        var h = from
                        while h < n && budget >= 0 {
                            budget &-= 1
                            var pa = a + h, pb = b + h
                            if pa >= n { pa %= n }
                            if pb >= n { pb %= n }
                            let ka = keys[pa], kb = keys[pb]
                            if ka != kb { return ka > kb }
                            h += depth
                        }
                        return false
                    }
                    /// Insertion sort of order[start..<end] by rotation.
                    func insertionSort(_ start: Int, _ end: Int, from: Int) {
                        var i = start + 1
                        while i < end {
                            let current = Int(order[i])
                            var j = i - 1
                            while j >= start && greater(Int(order[j]), current, from: from) {
                                order[j + 1] = order[j]
                                j -= 1
                            }
                            order[j + 1] = Int32(current)
                            i += 1
                        }
                    }
                    var start = 0
                    while start < n - 1 {
                        // Skip to the next pair of neighbours sharing the sorted part (on random
                        // data most rotations stand alone).
                        var top = group(start)
                        var next = group(start + 1)
                        while next != top {
                            start += 1
                            if start == n - 1 { return budget >= 0 }
                            top = next
                            next = group(start + 1)
                        }
                        var end = start + 2
                        while end < n && group(end) == top { end += 1 }
                        if end - start <= Self.largestComparedGroup {
                            insertionSort(start, end, from: first)
                        } else {
                            // A large group: sort it by whole key, then order the equal keys.
                            var pairs = (start..<end).map { (keys[Int(order[$0])], order[$0]) }
                            pairs.sort { $0.0 < $1.0 }
                            for (offset, pair) in pairs.enumerated() { order[start + offset] = pair.1 }
                            var s = start
                            while s < end {
                                var e = s + 1
                                while e < end && pairs[e - start].0 == pairs[s - start].0 { e += 1 }
                                if e - s > Self.largestComparedGroup { return false }
                                if e - s > 1 { insertionSort(s, e, from: depth) }
                                s = e
                            }
                        }
                        if budget < 0 { return false }
                        start = end
                    }
                    return budget >= 0
                }
            }
        }
    }

    /// Prefix doubling from the key order (rotations sorted by their first `depth` symbols).
    private func sortByDoubling(count n: Int, depth: Int) {
        if rank.count < n {
            rank = [Int32](repeating: 0, count: n)
            groupEnd = [Int32](repeating: 0, count: n)
            refineKeys = [Int32](repeating: 0, count: n)
        }
        // Initial groups and ranks. `order` may hold partly ordered runs of equal keys; each run
        // is one group, refined from scratch.
        order.withUnsafeMutableBufferPointer { order in
            sortedKeys.withUnsafeBufferPointer { sortedKeys in
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
}
