/// Suffix arrays by induced sorting (SA-IS, Nong, Zhang & Chan 2009) and their LCP arrays by
/// Kasai et al. (2001) — the general path of the t-tuple and LRS estimates (the reference uses
/// libdivsufsort for the same arrays).
public enum SuffixArray {
    /// The suffix array of `text` (values in 0..<alphabetSize): the starting positions of its
    /// suffixes in lexicographic order, a shorter suffix before any suffix it is a prefix of.
    public static func build(_ text: [UInt8], alphabetSize: Int) -> [Int32] {
        precondition(text.count < Int(Int32.max), "suffix arrays use 32-bit positions")
        let n = text.count
        if n == 0 { return [] }
        if n == 1 { return [0] }
        let wide = text.map { Int32($0) }
        var sa = [Int32](repeating: 0, count: n)
        wide.withUnsafeBufferPointer { t in
            sa.withUnsafeMutableBufferPointer { sa in inducedSort(t, sa, alphabetSize) }
        }
        return sa
    }

    /// LCP[r] = length of the longest common prefix of the suffixes SA[r − 1] and SA[r]
    /// (LCP[0] = 0), by Kasai's linear-time walk in text order.
    public static func longestCommonPrefixes(_ text: [UInt8], suffixArray sa: [Int32]) -> [Int32] {
        let n = text.count
        var lcp = [Int32](repeating: 0, count: n)
        if n < 2 { return lcp }
        var rank = [Int32](repeating: 0, count: n)
        for (r, p) in sa.enumerated() { rank[Int(p)] = Int32(r) }
        text.withUnsafeBufferPointer { t in
            var h = 0
            for i in 0..<n {
                let r = Int(rank[i])
                if r > 0 {
                    let j = Int(sa[r - 1])
                    while i + h < n && j + h < n && t[i + h] == t[j + h] { h += 1 }
                    lcp[r] = Int32(h)
                    if h > 0 { h -= 1 }
                } else {
                    h = 0
                }
            }
        }
        return lcp
    }

    /// SA-IS over `t` (values in 0..<k) with a virtual sentinel smaller than every symbol.
    static func inducedSort(_ t: UnsafeBufferPointer<Int32>, _ sa: UnsafeMutableBufferPointer<Int32>, _ k: Int) {
        let n = t.count
        if n == 1 {
            sa[0] = 0
            return
        }
        // Types: S (true) when the suffix is smaller than the next one; the last is L.
        var isS = [Bool](repeating: false, count: n)
        for i in stride(from: n - 2, through: 0, by: -1) {
            isS[i] = t[i] < t[i + 1] || (t[i] == t[i + 1] && isS[i + 1])
        }
        @inline(__always) func isLMS(_ i: Int) -> Bool { i > 0 && isS[i] && !isS[i - 1] }

        var bucketSizes = [Int](repeating: 0, count: k)
        for i in 0..<n { bucketSizes[Int(t[i])] += 1 }
        var bucket = [Int](repeating: 0, count: k)
        func bucketStarts() {
            var sum = 0
            for c in 0..<k { bucket[c] = sum; sum += bucketSizes[c] }
        }
        func bucketEnds() {
            var sum = 0
            for c in 0..<k { sum += bucketSizes[c]; bucket[c] = sum }
        }
        func induce() {
            bucketStarts()
            // The suffix before the sentinel is L-type and comes first in its bucket.
            let last = Int(t[n - 1])
            sa[bucket[last]] = Int32(n - 1)
            bucket[last] += 1
            for i in 0..<n {
                let j = Int(sa[i]) - 1
                if j >= 0 && !isS[j] {
                    let c = Int(t[j])
                    sa[bucket[c]] = Int32(j)
                    bucket[c] += 1
                }
            }
            bucketEnds()
            for i in stride(from: n - 1, through: 0, by: -1) {
                let j = Int(sa[i]) - 1
                if j >= 0 && isS[j] {
                    let c = Int(t[j])
                    bucket[c] -= 1
                    sa[bucket[c]] = Int32(j)
                }
            }
        }

        // Step 1: sort the LMS substrings.
        for i in 0..<n { sa[i] = -1 }
        bucketEnds()
        for i in 1..<n where isLMS(i) {
            let c = Int(t[i])
            bucket[c] -= 1
            sa[bucket[c]] = Int32(i)
        }
        induce()

        // Step 2: name the LMS substrings in sorted order.
        var sortedLMS = [Int32]()
        for i in 0..<n where isLMS(Int(sa[i])) { sortedLMS.append(sa[i]) }
        let m = sortedLMS.count
        if m == 0 { return }  // induce() already sorted everything (no S-type LMS positions)
        var names = [Int32](repeating: -1, count: n)
        var name: Int32 = 0
        names[Int(sortedLMS[0])] = 0
        for r in 1..<m {
            let a = Int(sortedLMS[r - 1]), b = Int(sortedLMS[r])
            var equal = true
            var d = 0
            while true {
                let ea = a + d == n, eb = b + d == n
                if ea || eb || t[a + d] != t[b + d] || isS[a + d] != isS[b + d] {
                    equal = false
                    break
                }
                if d > 0 && (isLMS(a + d) || isLMS(b + d)) {
                    equal = isLMS(a + d) && isLMS(b + d)
                    break
                }
                d += 1
            }
            if !equal { name += 1 }
            names[b] = name
        }

        // Step 3: sort the LMS suffixes, recursively when names repeat.
        var lmsPositions = [Int32]()
        lmsPositions.reserveCapacity(m)
        var reduced = [Int32]()
        reduced.reserveCapacity(m)
        for i in 1..<n where isLMS(i) {
            lmsPositions.append(Int32(i))
            reduced.append(names[i])
        }
        var order = [Int32](repeating: 0, count: m)
        if Int(name) + 1 < m {
            reduced.withUnsafeBufferPointer { r in
                order.withUnsafeMutableBufferPointer { o in inducedSort(r, o, Int(name) + 1) }
            }
        } else {
            for (i, nm) in reduced.enumerated() { order[Int(nm)] = Int32(i) }
        }

        // Step 4: place the sorted LMS suffixes at their bucket ends and induce the rest.
        for i in 0..<n { sa[i] = -1 }
        bucketEnds()
        for r in stride(from: m - 1, through: 0, by: -1) {
            let p = Int(lmsPositions[Int(order[r])])
            let c = Int(t[p])
            bucket[c] -= 1
            sa[bucket[c]] = Int32(p)
        }
        induce()
    }
}
