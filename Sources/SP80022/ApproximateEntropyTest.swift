import Foundation
import RandomnessCore

/// SP 800-22 §2.12 Approximate Entropy test, as STS 2.1.2's `ApproximateEntropy(m, n)`.
///
/// With C_i^m the count of the cyclic m-bit pattern i among the n windows,
/// φ(m) = Σ_i (C_i^m / n) ln(C_i^m / n), ApEn = φ(m) − φ(m+1),
/// χ² = 2n (ln 2 − ApEn) and p = igamc(2^(m−1), χ²/2).
/// One pass counts the (m+1)-bit windows; the m-bit counts are their prefix sums.
public enum ApproximateEntropyTest: SP80022Test {
    public static let id = SP80022TestID.approximateEntropy
    /// Supported block lengths m (the (m+1)-bit histogram must stay small).
    public static let blockLengths = 0...24

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let m = parameters.approximateEntropyBlockLength
        try SP80022Error.checkRange(m, blockLengths, name: "approximateEntropyBlockLength")
        let n = bits.count
        guard n > 0 else { return .notApplicable(id, reason: "empty sequence") }

        let countsM1 = PatternHistogram.cyclic(bits, width: m + 1)
        let phiM1 = phi(countsM1, n: n)
        let phiM = m == 0 ? 0 : phi(PatternHistogram.prefixCounts(countsM1), n: n)
        let apen = phiM - phiM1
        let chiSquare = 2.0 * Double(n) * (log(2.0) - apen)
        let p = try CephesConvention.igamc(pow(2.0, Double(m - 1)), chiSquare / 2.0)
        return SP80022TestOutcome(test: id, pValues: [p], statistics: [
            "m": Double(m), "phi_m": phiM, "phi_m+1": phiM1, "ApEn": apen, "chi_squared": chiSquare,
        ])
    }

    /// φ = Σ_i (C_i / n) ln(C_i / n), summed in pattern order as STS does.
    static func phi(_ counts: [UInt32], n: Int) -> Double {
        let blocks = Double(n)
        var sum = 0.0
        for c in counts where c > 0 {
            let count = Double(c)
            sum += count * log(count / blocks)
        }
        return sum / blocks
    }
}
