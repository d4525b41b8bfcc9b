import Foundation

/// t-Tuple estimate (SP 800-90B 6.3.5), as the reference computes it (Kaufer's suffix-array
/// method).
///
/// t is the largest length such that some t-tuple occurs at least 35 times; with Q[i] the most
/// occurrences of any i-tuple, P_i = (Q[i]/(L − i + 1))^{1/i},
/// p̂_max = max_{i ≤ t} P_i, p_u = min(1, p̂_max + 2.576·√(p̂_max(1 − p̂_max)/(L − 1))) and the
/// min-entropy is −log₂ p_u.
public struct TTupleEstimate: Codable, Sendable, Equatable {
    /// t.
    public var t: Int
    public var pHatMax: Double
    public var pU: Double
    public var minEntropy: Double

    /// The minimum number of occurrences that makes a tuple length count.
    public static let cutoff = 35

    /// The estimate, or nil when no symbol occurs 35 times (the reference: "No strings are
    /// repeated 35 times").
    public static func estimate(_ tuples: RepeatedTuples) -> TTupleEstimate? {
        let n = tuples.length
        let t = tuples.tupleCutoffLength - 1
        guard t >= 1 else { return nil }
        var pMax = -1.0
        for i in 1...t {
            let p = pow(Double(tuples.maxOccurrences[i]) / Double(n - i + 1), 1.0 / Double(i))
            if p > pMax { pMax = p }
        }
        let pU = min(1.0, pMax + EntropyBounds.zAlpha * (pMax * (1.0 - pMax) / Double(n - 1)).squareRoot())
        return TTupleEstimate(t: t, pHatMax: pMax, pU: pU, minEntropy: -log2(pU))
    }
}

extension RepeatedTuples {
    /// u: the smallest length whose most frequent tuple occurs fewer than 35 times (v + 1 when
    /// every length up to v reaches 35). The t-tuple estimate uses lengths below u, the LRS
    /// estimate lengths u…v.
    public var tupleCutoffLength: Int {
        var u = 1
        while u <= longestRepeat && maxOccurrences[u] >= TTupleEstimate.cutoff { u += 1 }
        return u
    }
}
