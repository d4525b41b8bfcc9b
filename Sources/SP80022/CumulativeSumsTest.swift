import RandomnessCore

/// Cumulative Sums test, SP 800-22 §2.13, forward and backward (two p-values, in that order).
///
/// The walk S_k = Σ_{i≤k}(2ε_i − 1) with S_0 = 0 gives z = max_k |S_k| (forward) and
/// z' = max_k |S_n − S_k| (backward, the walk read from the end); each p-value is
/// P(z) = 1 − Σ_{k=⌊(−n/z+1)/4⌋}^{⌊(n/z−1)/4⌋} [Φ((4k+1)z/√n) − Φ((4k−1)z/√n)]
///       + Σ_{k=⌊(−n/z−3)/4⌋}^{⌊(n/z−1)/4⌋} [Φ((4k+3)z/√n) − Φ((4k+1)z/√n)]
/// with C's truncating integer division, as STS. The walk's running maximum and minimum
/// come a byte at a time from lookup tables of each byte's net step and prefix extremes.
public enum CumulativeSumsTest: SP80022Test {
    public static let id = SP80022TestID.cumulativeSums

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let n = bits.count
        guard n > 0 else { return .notApplicable(id, reason: "the stream is empty") }
        let walk = RandomWalkExtremes(bits)
        let forward = walk.maximumExcursion
        let backward = max(walk.maximum - walk.final, walk.final - walk.minimum)
        let pForward = try pValue(z: forward, n: n)
        let pBackward = try pValue(z: backward, n: n)
        return SP80022TestOutcome(test: id, pValues: [pForward, pBackward], labels: ["forward", "backward"],
                                  statistics: ["z_forward": Double(forward), "z_backward": Double(backward)])
    }

    /// The p-value for maximum excursion `z` (≥ 1) of an n-step walk, STS's summation.
    static func pValue(z: Int, n: Int) throws -> Double {
        let rootN = Double(n).squareRoot()
        var sum1 = 0.0
        var k = (-n / z + 1) / 4
        while k <= (n / z - 1) / 4 {
            sum1 += SpecialFunctions.normalCDF(Double((4 * k + 1) * z) / rootN)
            sum1 -= SpecialFunctions.normalCDF(Double((4 * k - 1) * z) / rootN)
            k += 1
        }
        var sum2 = 0.0
        k = (-n / z - 3) / 4
        while k <= (n / z - 1) / 4 {
            sum2 += SpecialFunctions.normalCDF(Double((4 * k + 3) * z) / rootN)
            sum2 -= SpecialFunctions.normalCDF(Double((4 * k + 1) * z) / rootN)
            k += 1
        }
        return 1.0 - sum1 + sum2
    }
}
