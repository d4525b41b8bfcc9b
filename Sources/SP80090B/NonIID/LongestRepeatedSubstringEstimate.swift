import Foundation

/// Longest Repeated Substring (LRS) estimate (SP 800-90B 6.3.6), as the reference computes it.
///
/// For each length i from u (the first length whose most frequent tuple occurs fewer than 35
/// times) to v (the length of the longest repeated substring), P_i is the chance that two
/// i-tuples drawn from the sequence collide: P_i = Σ C(count, 2) / C(L − i + 1, 2).
/// p̂ = max_i P_i^{1/i}, p_u = min(1, p̂ + 2.576·√(p̂(1 − p̂)/(L − 1))), min-entropy −log₂ p_u.
/// The pair counts need 64 bits.
public struct LongestRepeatedSubstringEstimate: Codable, Sendable, Equatable {
    /// u.
    public var u: Int
    /// v, the length of the longest repeated substring.
    public var v: Int
    public var pHat: Double
    public var pU: Double
    public var minEntropy: Double

    /// The estimate, or nil when v < u (the reference: "v<u. Can't Run LRS Test").
    public static func estimate(_ tuples: RepeatedTuples) -> LongestRepeatedSubstringEstimate? {
        let n = tuples.length
        let u = tuples.tupleCutoffLength
        let v = tuples.longestRepeat
        guard v >= u else { return nil }
        var pMax = 0.0
        for i in u...v {
            let choices = Double(n - i) * Double(n - i + 1) / 2.0
            let p = pow(Double(tuples.equalPairs[i]) / choices, 1.0 / Double(i))
            if pMax < p { pMax = p }
        }
        let pU = min(1.0, pMax + EntropyBounds.zAlpha * (pMax * (1.0 - pMax) / Double(n - 1)).squareRoot())
        return LongestRepeatedSubstringEstimate(u: u, v: v, pHat: pMax, pU: pU, minEntropy: -log2(pU))
    }
}
