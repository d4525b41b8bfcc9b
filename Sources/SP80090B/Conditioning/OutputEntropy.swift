import Foundation

/// Output_Entropy(n_in, n_out, nw, h_in) of SP 800-90B §3.1.5.1.2:
///
///     P_high = 2^−h_in,  P_low = (1 − P_high) / (2^n_in − 1),  n = min(n_out, nw)
///     ψ = 2^(n_in − n)·P_low + P_high,  U = 2^(n_in − n) + sqrt(2n·(2^(n_in − n))·ln 2)
///     ω = U·P_low,  Output_Entropy = −log₂(max(ψ, ω))
///
/// with nw first reduced to min(nw, n_in) (Appendix E), and ψ and ω capped at 1 as
/// ea_conditioning caps them. Computed in base-2 logarithms so that n_in up to 2^32 − 1 does not
/// overflow: with t = n_in − n and L = log₂(1 − 2^−h_in) − log₂(1 − 2^−n_in),
/// log₂ψ = log₂(2^(−n + L) + 2^−h_in) and log₂ω = −n + L + log₂(1 + sqrt(2n·ln 2·2^−t)).
/// ea_conditioning evaluates the same formula in MPFR with outward rounding and prints a long
/// double; the two agree to about 1e-15 relative (see Fixtures/sp800-90b-conditioning).
public enum OutputEntropy {
    /// Output_Entropy for parameters that `ConditioningAssessment` has validated.
    public static func compute(inputBits nIn: Int, outputBits nOut: Int, narrowestWidth nw: Int, inputEntropy hIn: Double) -> Double {
        let nw = min(nw, nIn)
        let n = Double(min(nOut, nw))
        let t = Double(nIn) - n
        let ln2 = M_LN2
        // log₂(1 − 2^−x) without cancellation: ln(−expm1(−x·ln 2)) / ln 2.
        func log2OneMinusPow2(_ x: Double) -> Double { log(-expm1(-x * ln2)) / ln2 }
        let l = log2OneMinusPow2(hIn) - log2OneMinusPow2(Double(nIn))
        let log2Psi = logAddExp2(-n + l, -hIn)
        let s = exp2((log2(2 * n * ln2) - t) / 2)
        let log2Omega = -n + l + log1p(s) / ln2
        let worst = max(min(log2Psi, 0), min(log2Omega, 0))
        return worst == 0 ? 0 : -worst
    }

    /// log₂(2^a + 2^b).
    static func logAddExp2(_ a: Double, _ b: Double) -> Double {
        let hi = max(a, b), lo = min(a, b)
        return hi + log1p(exp2(lo - hi)) / M_LN2
    }
}
