import Foundation
import RandomnessCore

/// Collision estimate (SP 800-90B 6.3.2) of a bit string, as the reference computes it.
///
/// Walking the bits, each collision closes after t = 2 bits (two equal bits) or t = 3 bits;
/// v collisions with Σt = `sumT`, mean X̄ = Σt/v and σ̂² = (Σt² − Σt·X̄)/(v − 1). With
/// X̄′ = max(2, X̄ − 2.576·σ̂/√v), the closed form X̄′ = −2p² + 2p + 2 gives
/// p = 1/2 + √(5/4 − X̄′/2) and min-entropy −log₂ p; for X̄′ ≥ 2.5 no p exists and the estimate
/// is p = 1/2, one bit ("Could Not Find p").
public struct CollisionEstimate: Codable, Sendable, Equatable {
    /// Number of collisions v.
    public var collisions: Int
    /// Σ t_i, the bits consumed by the collisions.
    public var sumT: Int
    /// X̄ = Σt / v.
    public var mean: Double
    /// σ̂.
    public var standardDeviation: Double
    /// X̄′ = max(2, X̄ − z·σ̂/√v).
    public var meanLowerBound: Double
    /// False when X̄′ ≥ 2.5 and p fell back to 1/2.
    public var foundP: Bool
    public var p: Double
    public var minEntropy: Double

    /// The estimate over `bits`, or nil when fewer than two collisions occur (σ̂ is undefined;
    /// the reference would print NaN).
    public static func estimate(_ bits: BitSequence) -> CollisionEstimate? {
        let len = bits.count
        var i = 0
        var v = 0
        var sumSquares = 0
        bits.words.withUnsafeBufferPointer { w in
            @inline(__always) func bit(_ k: Int) -> UInt64 { w[k >> 6] >> UInt64(63 - (k & 63)) & 1 }
            while i < len - 1 {
                let t: Int
                if bit(i) == bit(i + 1) {
                    t = 2
                } else if i < len - 2 {
                    t = 3
                } else {
                    break
                }
                v += 1
                sumSquares += t * t
                i += t
            }
        }
        guard v >= 2 else { return nil }
        let mean = Double(i) / Double(v)
        let sigma = ((Double(sumSquares) - Double(i) * mean) / Double(v - 1)).squareRoot()
        let bound = max(2.0, mean - EntropyBounds.zAlpha * sigma / Double(v).squareRoot())
        let found = bound < 2.5
        let p = found ? 0.5 + (1.25 - 0.5 * bound).squareRoot() : 0.5
        return CollisionEstimate(
            collisions: v, sumT: i, mean: mean, standardDeviation: sigma, meanLowerBound: bound,
            foundP: found, p: p, minEntropy: found ? -log2(p) : 1.0)
    }
}
