import RandomnessCore

/// The Berlekamp–Massey algorithm over GF(2), run on 64 equal-length sequences at once
/// ("bit-sliced"): word j of a polynomial holds its coefficient of x^j for all 64 sequences,
/// lane b in bit 63 − b. Every step is the same for all lanes except the length change,
/// which becomes a lane mask, so one word operation does the work of 64 bit operations.
///
/// For a sequence s_0 … s_{M−1}, with connection polynomial C (C_0 = 1), length L and
/// B' = x^(N−m)·B (B the polynomial before the last length change at step m):
///   d = Σ_{i=0..L} C_i s_{N−i};  if d = 1: C ← C + B', and if L ≤ N/2 also
///   L ← N + 1 − L and B ← the old C;  then B' ← x·B'.
/// Invariants deg C ≤ L and deg B' ≤ N + 1 − L bound every loop by max(L, N+1−L).
/// The lengths themselves are bit-sliced counters (see `run`), so no step branches per lane.
/// B' is multiplied by x by moving its origin one word down, not by copying.
public enum BerlekampMassey {
    /// The linear complexity (shortest LFSR length) of each of `blockCount` consecutive
    /// blocks of `blockLength` bits of `bits`, starting at bit `first`.
    public static func linearComplexities(of bits: BitSequence, blockLength M: Int, blockCount: Int, first: Int = 0) -> [Int] {
        precondition(M >= 1 && blockCount >= 0 && first >= 0 && first + blockCount * M <= bits.count, "blocks out of range")
        var result = [Int](repeating: 0, count: blockCount)
        if blockCount == 0 { return result }
        let chunks = (M + 63) / 64
        var s = [UInt64](repeating: 0, count: chunks * 64)
        var c = [UInt64](repeating: 0, count: M + 2)
        var b = [UInt64](repeating: 0, count: M + 4)
        var lengths = [Int](repeating: 0, count: 64)
        var rows = [UInt64](repeating: 0, count: 64)

        var group = 0
        while group < blockCount {
            let lanes = min(64, blockCount - group)
            // s[j]: bit j of every lane's block.
            for chunk in 0..<chunks {
                for lane in 0..<64 {
                    rows[lane] = lane < lanes ? bits.word(startingAt: first + (group + lane) * M + chunk * 64) : 0
                }
                transpose(&rows)
                for k in 0..<64 { s[chunk * 64 + k] = rows[k] }
            }
            s.withUnsafeBufferPointer { sp in
                c.withUnsafeMutableBufferPointer { cp in
                    b.withUnsafeMutableBufferPointer { bp in
                        lengths.withUnsafeMutableBufferPointer { lp in
                            run(s: sp.baseAddress!, length: M, lanes: lanes, c: cp.baseAddress!, b: bp.baseAddress!, l: lp.baseAddress!)
                        }
                    }
                }
            }
            for lane in 0..<lanes { result[group + lane] = lengths[lane] }
            group += lanes
        }
        return result
    }

    /// The linear complexity of the whole of `bits` (at least one bit).
    public static func linearComplexity(of bits: BitSequence) -> Int {
        linearComplexities(of: bits, blockLength: bits.count, blockCount: 1)[0]
    }

    /// Berlekamp–Massey on the lanes of `s` (M words); `c` has M + 2 words and `b` M + 4,
    /// both overwritten; the lengths land in `l[0 ..< lanes]`.
    ///
    /// The lengths are kept bit-sliced too, as D = 2L − N − 1 in two's complement planes:
    /// the length changes exactly where d = 1 and D < 0 (L ≤ N/2), and then D ← −D − 1 = ~D;
    /// elsewhere D ← D − 1. max|D| over the lanes bounds both loops, as
    /// L and N + 1 − L are at most (N + 1 + |D|)/2.
    private static func run(
        s: UnsafePointer<UInt64>, length M: Int, lanes: Int,
        c: UnsafeMutablePointer<UInt64>, b: UnsafeMutablePointer<UInt64>, l: UnsafeMutablePointer<Int>
    ) {
        let active: UInt64 = lanes == 64 ? ~0 : ~(~UInt64(0) >> UInt64(lanes))
        c.update(repeating: 0, count: M + 2)
        b.update(repeating: 0, count: M + 4)
        c[0] = ~0                      // C = 1
        var origin = M + 1             // B'_j lives in b[origin + j]
        b[origin + 1] = ~0             // B'_0 = x (m = −1, B = 1)

        // D planes: |D| ≤ M + 1, plus a sign plane; D_0 = −1 (all ones).
        let planeCount = (Int.bitWidth - (M + 1).leadingZeroBitCount) + 1
        var planes = [UInt64](repeating: ~0, count: planeCount)
        planes.withUnsafeMutableBufferPointer { dp in
            let d = dp.baseAddress!
            let signPlane = planeCount - 1
            var magnitudeBound = 1     // ≥ max |D| over active lanes

            for n in 0..<M {
                let reach = (n + 1 + magnitudeBound) / 2
                // Discrepancy d = s_n + Σ_{i=1..L} C_i s_{n−i}, four accumulators.
                let top = min(reach, n)
                var d0 = s[n], d1: UInt64 = 0, d2: UInt64 = 0, d3: UInt64 = 0
                var i = 1
                while i + 3 <= top {
                    d0 ^= c[i] & s[n - i]
                    d1 ^= c[i + 1] & s[n - i - 1]
                    d2 ^= c[i + 2] & s[n - i - 2]
                    d3 ^= c[i + 3] & s[n - i - 3]
                    i += 4
                }
                while i <= top {
                    d0 ^= c[i] & s[n - i]
                    i += 1
                }
                let discrepancy = (d0 ^ d1 ^ d2 ^ d3) & active
                // Lanes whose length changes: d = 1 and D < 0.
                let change = discrepancy & d[signPlane]

                if discrepancy != 0 {
                    let bound = min(reach, n + 1)
                    let bb = b + origin
                    if change == 0 {
                        for j in 0...bound { c[j] ^= discrepancy & bb[j] }
                    } else {
                        let keep = ~change
                        for j in 0...bound {
                            let cj = c[j], bj = bb[j]
                            c[j] = cj ^ (discrepancy & bj)
                            bb[j] = (bj & keep) | (cj & change)
                        }
                    }
                }
                origin -= 1            // B' ← x·B'

                // D ← ~D where the length changed, D − 1 elsewhere.
                var borrow = ~change
                for p in 0..<planeCount {
                    let old = d[p] ^ change
                    d[p] = old ^ borrow
                    borrow &= ~old
                }
                // max |D| (|D| − 1 for negative D, hence the + 1).
                let sign = d[signPlane]
                var candidates = active
                var magnitude = 0
                var p = signPlane - 1
                while p >= 0 {
                    let t = candidates & (d[p] ^ sign)
                    if t != 0 {
                        candidates = t
                        magnitude |= 1 << p
                    }
                    p -= 1
                }
                magnitudeBound = magnitude + 1
            }
            // L = (D + M + 1) / 2.
            for lane in 0..<lanes {
                let shift = UInt64(63 - lane)
                var value = 0
                for p in 0..<planeCount where (d[p] >> shift) & 1 == 1 { value |= 1 << p }
                if value >> signPlane & 1 == 1 { value -= 1 << planeCount }
                l[lane] = (value + M + 1) / 2
            }
        }
    }

    /// Transposes a 64×64 bit matrix in place: row r is word r, column k is bit 63 − k.
    static func transpose(_ a: inout [UInt64]) {
        a.withUnsafeMutableBufferPointer { p in
            var width = 32
            var mask: UInt64 = 0x0000_0000_FFFF_FFFF
            while width != 0 {
                var k = 0
                while k < 64 {
                    let t = (p[k] ^ (p[k + width] &>> UInt64(width))) & mask
                    p[k] ^= t
                    p[k + width] ^= t &<< UInt64(width)
                    k = (k + width + 1) & ~width
                }
                width >>= 1
                mask ^= mask &<< UInt64(width)
            }
        }
    }
}
