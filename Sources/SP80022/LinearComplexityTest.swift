import Foundation
import RandomnessCore

/// SP 800-22 §2.10 Linear Complexity test, as STS 2.1.2's `LinearComplexity(M, n)`.
///
/// N = ⌊n/M⌋ blocks of M bits (the rest is discarded); L_i is block i's linear complexity
/// (Berlekamp–Massey). With μ = M/2 + (9 + (−1)^(M+1))/36 − (M/3 + 2/9)/2^M and
/// T_i = (−1)^M (L_i − μ) + 2/9, the blocks are tallied in the classes T ≤ −2.5, (−2.5, −1.5],
/// …, (1.5, 2.5], > 2.5; χ² = Σ_k (ν_k − Nπ_k)² / (Nπ_k), p = igamc(K/2, χ²/2), K = 6.
///
/// STS 2.1.2's π_0 is 0.01047, a misprint of SP 800-22's 0.010417 = 1/96 (its π then sum to
/// 1.000053); that is the default here. With `parameters.corrected` the exact
/// π = 1/96, 1/32, 1/8, 1/2, 1/4, 1/16, 1/48 are used (docs/sp800-22-deviations.md).
public enum LinearComplexityTest: SP80022Test {
    public static let id = SP80022TestID.linearComplexity
    /// STS's K (seven classes).
    public static let degreesOfFreedom = 6
    /// STS 2.1.2's class probabilities π_0 … π_6.
    static let stsPi = [0.01047, 0.03125, 0.12500, 0.50000, 0.25000, 0.06250, 0.020833]
    /// SP 800-22 §3.10's exact class probabilities.
    static let exactPi: [Double] = [1 / 96, 1 / 32, 1 / 8, 1 / 2, 1 / 4, 1 / 16, 1 / 48]

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let M = parameters.linearComplexityBlockLength
        try SP80022Error.checkRange(M, 1...Int(Int32.max), name: "linearComplexityBlockLength")
        let n = bits.count
        let N = n / M
        guard N > 0 else {
            return .notApplicable(id, reason: "n = \(n) is shorter than one block of M = \(M) bits")
        }
        let complexities = BerlekampMassey.linearComplexities(of: bits, blockLength: M, blockCount: N)
        let nu = classCounts(complexities, blockLength: M)

        let pi = parameters.corrected ? exactPi : stsPi
        var chiSquare = 0.0
        for k in 0...degreesOfFreedom {
            let expected = Double(N) * pi[k]
            let diff = nu[k] - expected
            chiSquare += diff * diff / expected
        }
        let p = try CephesConvention.igamc(Double(degreesOfFreedom) / 2.0, chiSquare / 2.0)
        var statistics: [String: Double] = [
            "M": Double(M), "N": Double(N), "discarded_bits": Double(n % M), "chi_squared": chiSquare,
        ]
        for k in 0...degreesOfFreedom { statistics["nu_\(k)"] = nu[k] }
        return SP80022TestOutcome(test: id, pValues: [p], statistics: statistics)
    }

    /// ν_0 … ν_6: the blocks per class of T, with STS's floating-point expressions.
    static func classCounts(_ complexities: [Int], blockLength M: Int) -> [Double] {
        let meanSign = (M + 1) % 2 == 0 ? -1.0 : 1.0
        let mean = Double(M) / 2.0 + (9.0 + meanSign) / 36.0 - 1.0 / pow(2.0, Double(M)) * (Double(M) / 3.0 + 2.0 / 9.0)
        let sign = M % 2 == 0 ? 1.0 : -1.0
        var nu = [Double](repeating: 0, count: 7)
        for L in complexities {
            let t = sign * (Double(L) - mean) + 2.0 / 9.0
            let k: Int
            if t <= -2.5 { k = 0 }
            else if t <= -1.5 { k = 1 }
            else if t <= -0.5 { k = 2 }
            else if t <= 0.5 { k = 3 }
            else if t <= 1.5 { k = 4 }
            else if t <= 2.5 { k = 5 }
            else { k = 6 }
            nu[k] += 1
        }
        return nu
    }
}
