import RandomnessCore

/// How often tuples repeat in a sequence — what the t-tuple (6.3.5) and LRS (6.3.6) estimates
/// need, read off the suffix array and its LCP array.
///
/// For each length t ≤ v (v = the length of the longest repeated substring):
/// Q[t] = the largest number of occurrences of any t-tuple, and
/// S[t] = Σ over distinct t-tuples of C(count, 2) (pairs of equal t-tuples).
/// In the sorted suffixes, the occurrences of a tuple form one run whose adjacent LCPs are ≥ t,
/// i.e. one lcp-interval: an interval with lcp value h, enclosed by one with lcp value p < h,
/// is the set of occurrences of one t-tuple for every t in (p, h]. A single stack pass over
/// the LCP array enumerates the intervals.
public struct RepeatedTuples: Sendable, Equatable {
    /// The sequence length n.
    public let length: Int
    /// v, the length of the longest repeated substring (0 when no symbol repeats).
    public let longestRepeat: Int
    /// Q[t] for t = 1…v (index 0 unused).
    public let maxOccurrences: [Int]
    /// S[t] for t = 1…v (index 0 unused); 64-bit, as S can pass 2³².
    public let equalPairs: [Int]

    /// From the LCP values of adjacent sorted suffixes, in suffix order; `lcp(i)` for
    /// i = 1..<n is the LCP of the (i−1)-th and i-th suffixes, at most `cap`.
    init(length n: Int, cap: Int, lcp: (Int) -> Int) {
        var best = [Int](repeating: 0, count: cap + 2)
        var difference = [Int](repeating: 0, count: cap + 3)
        var stackLCP = [Int](repeating: 0, count: 1)
        var stackStart = [Int](repeating: 0, count: 1)
        stackLCP.reserveCapacity(cap + 2)
        stackStart.reserveCapacity(cap + 2)
        var v = 0
        for i in stride(from: 1, through: n, by: 1) {
            let h = i < n ? lcp(i) : 0
            if h > v { v = h }
            var start = i - 1
            while h < stackLCP[stackLCP.count - 1] {
                let top = stackLCP.removeLast()
                let topStart = stackStart.removeLast()
                let size = i - topStart
                let parent = max(h, stackLCP[stackLCP.count - 1])
                if size > best[top] { best[top] = size }
                let pairs = size * (size - 1) / 2
                difference[parent + 1] += pairs
                difference[top + 1] -= pairs
                start = topStart
            }
            if h > stackLCP[stackLCP.count - 1] {
                stackLCP.append(h)
                stackStart.append(start)
            }
        }
        var q = [Int](repeating: 0, count: v + 1)
        var s = [Int](repeating: 0, count: v + 1)
        var running = 1
        for t in stride(from: v, through: 1, by: -1) {
            running = max(running, best[t])
            q[t] = running
        }
        var sum = 0
        for t in stride(from: 1, through: v, by: 1) {
            sum += difference[t]
            s[t] = sum
        }
        length = n
        longestRepeat = v
        maxOccurrences = q
        equalPairs = s
    }

    /// The statistics of `symbols` (values in 0..<alphabetSize).
    public init(symbols: [UInt8], alphabetSize k: Int) {
        let width = max(1, Int.bitWidth - (k - 1).leadingZeroBitCount)
        let perKey = 64 / width
        let n = symbols.count
        let keys = symbols.withUnsafeBufferPointer { s in
            [UInt64](unsafeUninitializedCapacity: n) { out, initialized in
                let used = perKey * width
                let lowMask: UInt64 = used == 64 ? ~0 : (1 << UInt64(used)) - 1
                var register: UInt64 = 0
                for j in 0..<perKey {
                    register = register << UInt64(width) | (j < n ? UInt64(s[j]) : 0)
                }
                for p in 0..<n {
                    out[p] = (register & lowMask) << UInt64(64 - used)
                    let next = p + perKey
                    register = register << UInt64(width) | (next < n ? UInt64(s[next]) : 0)
                }
                initialized = n
            }
        }
        if let fast = Self.fromSortedWindows(keys: keys, perKey: perKey, width: width) {
            self = fast
        } else {
            self.init(suffixSortOf: symbols, alphabetSize: k)
        }
    }

    /// The statistics of a bit string.
    public init(bits: BitSequence) {
        let n = bits.count
        let keys = bits.words.withUnsafeBufferPointer { w in
            [UInt64](unsafeUninitializedCapacity: n) { out, initialized in
                for p in 0..<n {
                    let index = p >> 6, shift = UInt64(p & 63)
                    var window = w[index] << shift
                    if shift != 0 && index + 1 < w.count { window |= w[index + 1] >> (64 &- shift) }
                    out[p] = window
                }
                initialized = n
            }
        }
        if let fast = Self.fromSortedWindows(keys: keys, perKey: 64, width: 1) {
            self = fast
        } else {
            self.init(suffixSortOf: bits.bitArray, alphabetSize: 2)
        }
    }

    /// The general path: SA-IS suffix array and Kasai LCP.
    init(suffixSortOf text: [UInt8], alphabetSize k: Int) {
        let sa = SuffixArray.build(text, alphabetSize: k)
        let lcp = SuffixArray.longestCommonPrefixes(text, suffixArray: sa)
        let cap = Int(lcp.max() ?? 0)
        self.init(length: text.count, cap: cap) { Int(lcp[$0]) }
    }

    /// The fast path, the first round of prefix doubling: every suffix is represented by its
    /// first `perKey` symbols packed into a word (`keys[p]`, symbols of `width` bits, first
    /// symbol most significant, zeros past the end). Sorting the words sorts the suffixes, and
    /// adjacent LCPs are the common leading symbols of adjacent words — exact as long as no two
    /// full-length windows are equal. Returns nil when some are (a repeat of ≥ perKey symbols),
    /// and the caller falls back to the full suffix array.
    static func fromSortedWindows(keys: consuming [UInt64], perKey: Int, width: Int) -> RepeatedTuples? {
        let n = keys.count
        if n < 2 { return RepeatedTuples(length: n, cap: 0) { _ in 0 } }
        // Windows that run past the end (suffixes shorter than perKey) sort before every longer
        // suffix with the same padded window, shorter first.
        let longCount = max(0, n - perKey + 1)
        var short: [(key: UInt64, length: Int)] = []
        for p in longCount..<n { short.append((keys[p], n - p)) }
        var long = keys
        long.removeLast(n - longCount)
        RadixSort.sort(&long)
        short.sort { (a: (key: UInt64, length: Int), b: (key: UInt64, length: Int)) -> Bool in
            a.key != b.key ? a.key < b.key : a.length < b.length
        }
        var lcp = [UInt8](repeating: 0, count: n)
        var overflow = false
        long.withUnsafeBufferPointer { long in
            lcp.withUnsafeMutableBufferPointer { lcp in
                var li = 0, si = 0
                var previousKey: UInt64 = 0, previousLength = 0
                for r in 0..<n {
                    let key: UInt64, length: Int
                    if si < short.count && (li >= long.count || short[si].key <= long[li]) {
                        key = short[si].key
                        length = short[si].length
                        si += 1
                    } else {
                        key = long[li]
                        length = perKey
                        li += 1
                    }
                    if r > 0 {
                        let common = (previousKey ^ key).leadingZeroBitCount / width
                        if common >= perKey && length == perKey && previousLength == perKey {
                            overflow = true
                            return
                        }
                        lcp[r] = UInt8(min(common, length, previousLength))
                    }
                    previousKey = key
                    previousLength = length
                }
            }
        }
        if overflow { return nil }
        return lcp.withUnsafeBufferPointer { lcp in
            RepeatedTuples(length: n, cap: perKey) { Int(lcp[$0]) }
        }
    }
}

/// LSD radix sort of 64-bit keys, one byte per pass; passes whose byte is the same in every
/// key are skipped.
enum RadixSort {
    static func sort(_ keys: inout [UInt64]) {
        let n = keys.count
        if n < 2 { return }
        var histogram = [Int](repeating: 0, count: 8 * 256)
        keys.withUnsafeBufferPointer { k in
            histogram.withUnsafeMutableBufferPointer { h in
                for key in k {
                    for digit in 0..<8 { h[digit << 8 | Int(truncatingIfNeeded: key >> UInt64(digit * 8)) & 255] += 1 }
                }
            }
        }
        var buffer = [UInt64](repeating: 0, count: n)
        var sortedInBuffer = false
        for digit in 0..<8 {
            let base = digit << 8
            if (0..<256).contains(where: { histogram[base + $0] == n }) { continue }
            var offsets = [Int](repeating: 0, count: 256)
            var sum = 0
            for b in 0..<256 {
                offsets[b] = sum
                sum += histogram[base + b]
            }
            let shift = UInt64(digit * 8)
            offsets.withUnsafeMutableBufferPointer { offsets in
                if sortedInBuffer {
                    buffer.withUnsafeBufferPointer { src in
                        keys.withUnsafeMutableBufferPointer { dst in
                            for key in src {
                                let b = Int(truncatingIfNeeded: key >> shift) & 255
                                dst[offsets[b]] = key
                                offsets[b] += 1
                            }
                        }
                    }
                } else {
                    keys.withUnsafeBufferPointer { src in
                        buffer.withUnsafeMutableBufferPointer { dst in
                            for key in src {
                                let b = Int(truncatingIfNeeded: key >> shift) & 255
                                dst[offsets[b]] = key
                                offsets[b] += 1
                            }
                        }
                    }
                }
            }
            sortedInBuffer.toggle()
        }
        if sortedInBuffer { swap(&keys, &buffer) }
    }
}
