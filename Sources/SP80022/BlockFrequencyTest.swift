import RandomnessCore

/// Block Frequency test, SP 800-22 §2.2: the stream is cut into N = ⌊n/M⌋ blocks of M bits
/// with proportions π_i of ones; χ² = 4M Σ(π_i − ½)² and P = igamc(N/2, χ²/2).
///
/// STS 2.1.2 uses the given M whatever n is. With `corrected`, an M that breaks §2.2.7's
/// recommendation (M ≥ 20, M > 0.01 n, N < 100) is replaced by the smallest one that meets
/// it, max(20, ⌊n/100⌋ + 1); the M used is reported in the statistics.
public enum BlockFrequencyTest: SP80022Test {
    public static let id = SP80022TestID.blockFrequency

    /// The block length the test uses for `n` bits.
    public static func blockLength(n: Int, parameters: SP80022Parameters) -> Int {
        let m = parameters.blockFrequencyBlockLength
        guard parameters.corrected else { return m }
        if m >= 20 && 100 * m > n && n / m < 100 { return m }
        return max(20, n / 100 + 1)
    }

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let n = bits.count
        let m = blockLength(n: n, parameters: parameters)
        let blocks = m > 0 ? n / m : 0
        guard blocks > 0 else {
            return .notApplicable(id, reason: "the block length M = \(m) exceeds the stream length n = \(n)")
        }
        var sum = 0.0
        for i in 0..<blocks {
            let v = Double(bits.popcount(in: i * m..<(i + 1) * m)) / Double(m) - 0.5
            sum += v * v
        }
        let chiSquared = 4.0 * Double(m) * sum
        let pValue = try SpecialFunctions.igamc(Double(blocks) / 2.0, chiSquared / 2.0)
        return SP80022TestOutcome(test: id, pValues: [pValue],
                                  statistics: ["chi_squared": chiSquared, "N": Double(blocks), "M": Double(m)])
    }
}
