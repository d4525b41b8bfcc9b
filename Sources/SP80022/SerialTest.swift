import Foundation
import RandomnessCore

/// SP 800-22 §2.11 Serial test, as STS 2.1.2's `Serial(m, n)`.
///
/// ψ²_k = (2^k / n) Σ_i (C_i^k)² − n over the n cyclic k-bit windows (ψ²_0 = ψ²_−1 = 0);
/// ∇ψ²_m = ψ²_m − ψ²_{m−1}, ∇²ψ²_m = ψ²_m − 2ψ²_{m−1} + ψ²_{m−2};
/// p₁ = igamc(2^(m−2), ∇ψ²_m / 2), p₂ = igamc(2^(m−3), ∇²ψ²_m / 2).
/// One pass counts the m-bit windows; the (m−1)- and (m−2)-bit counts are prefix sums.
public enum SerialTest: SP80022Test {
    public static let id = SP80022TestID.serial
    /// Supported block lengths m (the 2^m histogram must stay small).
    public static let blockLengths = 1...24
    /// The labels of the two p-values.
    public static let labels = ["∇ψ²m", "∇²ψ²m"]

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let m = parameters.serialBlockLength
        try SP80022Error.checkRange(m, blockLengths, name: "serialBlockLength")
        let n = bits.count
        guard n > 0 else { return .notApplicable(id, reason: "empty sequence") }

        let countsM = PatternHistogram.cyclic(bits, width: m)
        let psiM = psiSquared(countsM, width: m, n: n)
        var psiM1 = 0.0, psiM2 = 0.0
        if m >= 2 {
            let countsM1 = PatternHistogram.prefixCounts(countsM)
            psiM1 = psiSquared(countsM1, width: m - 1, n: n)
            if m >= 3 { psiM2 = psiSquared(PatternHistogram.prefixCounts(countsM1), width: m - 2, n: n) }
        }
        let del1 = psiM - psiM1
        let del2 = psiM - 2.0 * psiM1 + psiM2
        let p1 = try CephesConvention.igamc(pow(2.0, Double(m - 1)) / 2, del1 / 2.0)
        let p2 = try CephesConvention.igamc(pow(2.0, Double(m - 2)) / 2, del2 / 2.0)
        return SP80022TestOutcome(test: id, pValues: [p1, p2], labels: labels, statistics: [
            "m": Double(m), "psi2_m": psiM, "psi2_m-1": psiM1, "psi2_m-2": psiM2, "del_1": del1, "del_2": del2,
        ])
    }

    /// ψ² = Σ C² · 2^k / n − n. The sum of squares is exact in UInt64 (and in STS's double).
    static func psiSquared(_ counts: [UInt32], width k: Int, n: Int) -> Double {
        var sum: UInt64 = 0
        for c in counts { sum &+= UInt64(c) &* UInt64(c) }
        return (Double(sum) * pow(2.0, Double(k)) / Double(n)) - Double(n)
    }
}
