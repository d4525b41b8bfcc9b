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

    /// −log₂ε for h_out = (1 − ε)·n_out, where h_out = Output_Entropy(…): how close the output
    /// is to full entropy (ea_conditioning prints it as "epsilon = 2^(−…)").
    ///
    /// Computed from the deficit n_out − h_out without forming h_out: with q = 2^−h_in,
    /// r = 2^−n_in and s = sqrt(2n·ln 2·2^−(n_in − n)), h_out = n − log₂(1 + max(x, y)) where
    /// x = (r + q·(2^n − 1 − 2^(n − n_in)))/(1 − r) (from ψ) and y = (s·(1 − q) + r − q)/(1 − r)
    /// (from ω), both kept as base-2 logarithms, so deficits far below one ulp of n_out (a
    /// 256-bit hash fed 512 bits of entropy: ε ≈ 2^−130) come out exactly.
    public static func fullEntropyEpsilonExponent(inputBits nIn: Int, outputBits nOut: Int, narrowestWidth nw: Int, inputEntropy hIn: Double) -> Double {
        let nw = min(nw, nIn)
        let nInt = min(nOut, nw)
        let n = Double(nInt), t = Double(nIn) - n
        let ln2 = M_LN2
        func log2OneMinusPow2(_ x: Double) -> Double { log(-expm1(-x * ln2)) / ln2 }
        let log2R = -Double(nIn), log2Q = -hIn
        let log2OneMinusR = log2OneMinusPow2(Double(nIn)), log2OneMinusQ = log2OneMinusPow2(hIn)
        // x: log₂(r + q·A) − log₂(1 − r), A = 2^n·(1 − 2^−n − 2^−n_in) ≥ 0.
        let aFraction = -(exp2(-n) + exp2(log2R))
        let log2A = aFraction <= -1 ? -Double.infinity : n + log1p(aFraction) / ln2
        let log2X = logAddExp2(log2R, log2Q + log2A) - log2OneMinusR
        // y: numerator s·(1 − q) + (r − q), its sign decided in the log domain.
        let log2S = (log2(2 * n * ln2) - t) / 2
        let log2Lead = log2S + log2OneMinusQ
        var log2Y = -Double.infinity
        if log2R >= log2Q {
            let log2Diff = log2R == log2Q ? -Double.infinity : log2R + log2OneMinusPow2(log2R - log2Q)
            log2Y = logAddExp2(log2Lead, log2Diff) - log2OneMinusR
        } else {
            let log2Diff = log2Q + log2OneMinusPow2(log2Q - log2R)
            if log2Lead > log2Diff { log2Y = log2Lead + log2OneMinusPow2(log2Lead - log2Diff) - log2OneMinusR }
        }
        let log2M = max(log2X, log2Y)
        // log₂(1 + M) in bits; log₂ of it without underflow when M is tiny.
        let log2LogOnePlusM: Double
        if log2M < -30 {
            let m = exp2(log2M)
            log2LogOnePlusM = log2M - log2(ln2) + log1p(-m / 2) / ln2
        } else {
            log2LogOnePlusM = log2(log1p(exp2(log2M)) / ln2)
        }
        if exp2(log2LogOnePlusM) >= n { return 0 }  // ψ or ω capped at 1: h_out = 0
        let log2Deficit = nOut > nInt ? log2(Double(nOut - nInt) + exp2(log2LogOnePlusM)) : log2LogOnePlusM
        return log2(Double(nOut)) - log2Deficit
    }

    /// log₂(2^a + 2^b).
    static func logAddExp2(_ a: Double, _ b: Double) -> Double {
        let hi = max(a, b), lo = min(a, b)
        if hi == -.infinity { return hi }
        return hi + log1p(exp2(lo - hi)) / M_LN2
    }
}
