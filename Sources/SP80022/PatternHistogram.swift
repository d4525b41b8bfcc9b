import RandomnessCore

/// Histograms of overlapping m-bit windows (m ≤ 32) over packed MSB-first words: the
/// window at position p is the integer whose bits, most significant first, are bits
/// p ..< p + m. One pass, two shifts and one increment per window.
enum PatternHistogram {
    /// The largest window width supported.
    static let maxWidth = 32

    /// Adds the m-bit windows starting at positions `first ..< first + count` of `words`
    /// into `histogram` (2^m counters). Every bit a window touches must lie in `words`.
    static func accumulate(
        words: UnsafeBufferPointer<UInt64>, first: Int, count: Int, width m: Int,
        into histogram: UnsafeMutablePointer<UInt32>
    ) {
        precondition(m >= 1 && m <= maxWidth && first >= 0 && count >= 0)
        if count == 0 { return }
        precondition((first + count + m - 2) >> 6 < words.count, "windows run past the words")
        let drop = UInt64(64 - m)
        let end = first + count
        var p = first

        @inline(__always) func window(at p: Int) -> Int {
            let w = p >> 6
            let shift = UInt64(p & 63)
            var v = words[w] << shift
            if shift != 0 && w + 1 < words.count { v |= words[w + 1] >> (64 - shift) }
            return Int(truncatingIfNeeded: v >> drop)
        }

        // Head: up to the next word boundary.
        while p < end && p & 63 != 0 {
            histogram[window(at: p)] &+= 1
            p += 1
        }
        // Whole words: all 64 positions in range and the next word present.
        while p + 64 <= end && (p >> 6) + 1 < words.count {
            let w = p >> 6
            let hi = words[w]
            let mid = hi << 32 | words[w + 1] >> 32
            // Positions 0..<32 read only `hi`, 32..<64 only `mid` (as m ≤ 32).
            for k in 0..<32 { histogram[Int(truncatingIfNeeded: (hi << UInt64(k)) >> drop)] &+= 1 }
            for k in 0..<32 { histogram[Int(truncatingIfNeeded: (mid << UInt64(k)) >> drop)] &+= 1 }
            p += 64
        }
        // Tail.
        while p < end {
            histogram[window(at: p)] &+= 1
            p += 1
        }
    }

    /// Counts of the n cyclic m-bit windows of `bits` (window i covers bits i, i+1, ...,
    /// i+m−1 taken mod n — STS's `epsilon[(i+j) % n]`), indexed by pattern value.
    static func cyclic(_ bits: BitSequence, width m: Int) -> [UInt32] {
        precondition(m >= 1 && m <= maxWidth && bits.count > 0)
        let n = bits.count
        // The sequence followed by its first m−1 bits (repeated if n < m−1), plus one spare word.
        let extendedBits = n + m - 1
        var extended = [UInt64](repeating: 0, count: (extendedBits + 63) >> 6 + 1)
        for (i, w) in bits.words.enumerated() { extended[i] = w }
        for t in 0..<(m - 1) {
            let position = n + t
            if bits[t % n] != 0 { extended[position >> 6] |= 1 << UInt64(63 - (position & 63)) }
        }
        var histogram = [UInt32](repeating: 0, count: 1 << m)
        extended.withUnsafeBufferPointer { words in
            histogram.withUnsafeMutableBufferPointer { h in
                accumulate(words: words, first: 0, count: n, width: m, into: h.baseAddress!)
            }
        }
        return histogram
    }

    /// The counts of (m−1)-bit prefixes from counts of m-bit windows: for cyclic windows
    /// the (m−1)-bit window at i is the prefix of the m-bit window at i.
    static func prefixCounts(_ histogram: [UInt32]) -> [UInt32] {
        let half = histogram.count / 2
        var out = [UInt32](repeating: 0, count: half)
        for v in 0..<half { out[v] = histogram[2 * v] &+ histogram[2 * v + 1] }
        return out
    }
}
