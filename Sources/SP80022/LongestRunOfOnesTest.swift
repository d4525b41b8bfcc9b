import RandomnessCore

/// Longest Run of Ones in a Block, SP 800-22 §2.4: the stream is cut into N = ⌊n/M⌋ blocks,
/// the longest run of ones in each is binned into K+1 classes ν_0…ν_K, and
/// χ² = Σ (ν_i − Nπ_i)² / (Nπ_i), P = igamc(K/2, χ²/2).
///
/// M, K, the class boundaries and π_i follow STS 2.1.2 by n: n < 128 not applicable;
/// n < 6272: M = 8, K = 3; n < 750 000: M = 128, K = 5; otherwise M = 10 000, K = 6.
public enum LongestRunOfOnesTest: SP80022Test {
    public static let id = SP80022TestID.longestRun

    /// One row of STS's table: block length, class values V_0…V_K and probabilities π_i.
    struct Design {
        let blockLength: Int
        let classes: [Int]
        let probabilities: [Double]
        var k: Int { classes.count - 1 }
    }

    static func design(n: Int) -> Design? {
        if n < 128 { return nil }
        if n < 6272 {
            return Design(blockLength: 8, classes: [1, 2, 3, 4],
                          probabilities: [0.21484375, 0.3671875, 0.23046875, 0.1875])
        }
        if n < 750_000 {
            return Design(blockLength: 128, classes: [4, 5, 6, 7, 8, 9],
                          probabilities: [0.1174035788, 0.242955959, 0.249363483, 0.17517706, 0.102701071, 0.112398847])
        }
        return Design(blockLength: 10_000, classes: [10, 11, 12, 13, 14, 15, 16],
                      probabilities: [0.0882, 0.2092, 0.2483, 0.1933, 0.1208, 0.0675, 0.0727])
    }

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let n = bits.count
        guard let design = design(n: n) else {
            return .notApplicable(id, reason: "n = \(n) is too short (STS 2.1.2 needs n ≥ 128)")
        }
        let m = design.blockLength
        let blocks = n / m
        let k = design.k
        var nu = [Int](repeating: 0, count: k + 1)
        for b in 0..<blocks {
            let v = longestRunOfOnes(bits, in: b * m..<(b + 1) * m)
            // Class 0 holds v ≤ V_0, class K holds v ≥ V_K.
            let index = min(max(v - design.classes[0], 0), k)
            nu[index] += 1
        }
        var chiSquared = 0.0
        for i in 0...k {
            let expected = Double(blocks) * design.probabilities[i]
            chiSquared += (Double(nu[i]) - expected) * (Double(nu[i]) - expected) / expected
        }
        let pValue = try SpecialFunctions.igamc(Double(k) / 2.0, chiSquared / 2.0)
        var statistics = ["chi_squared": chiSquared, "N": Double(blocks), "M": Double(m)]
        for i in 0...k { statistics["nu_\(i)"] = Double(nu[i]) }
        return SP80022TestOutcome(test: id, pValues: [pValue], statistics: statistics)
    }

    /// The longest run of ones among the bits in `range`, 64 bits at a time: a run is the
    /// carried run plus the chunk's leading ones, or lies inside the chunk, or continues
    /// into the next chunk from its trailing ones.
    static func longestRunOfOnes(_ bits: BitSequence, in range: Range<Int>) -> Int {
        var best = 0
        var carry = 0
        var start = range.lowerBound
        while start < range.upperBound {
            let length = min(64, range.upperBound - start)
            var chunk = bits.word(startingAt: start)
            if length < 64 { chunk &= ~UInt64(0) << UInt64(64 - length) }
            if length == 64 && chunk == ~UInt64(0) {
                carry += 64
            } else {
                let leading = (~chunk).leadingZeroBitCount
                if leading >= length {
                    carry += length
                } else {
                    best = max(best, carry + leading)
                    best = max(best, longestRunInWord(chunk))
                    // Trailing ones of the valid part: the run that may continue.
                    let valid = chunk >> UInt64(64 - length)
                    carry = (~valid).trailingZeroBitCount
                }
            }
            start += length
        }
        return max(best, carry)
    }

    /// The longest run of ones in a word: the number of `x &= x << 1` steps until zero.
    @inline(__always)
    static func longestRunInWord(_ word: UInt64) -> Int {
        var x = word
        var run = 0
        while x != 0 {
            x &= x << 1
            run += 1
        }
        return run
    }
}
