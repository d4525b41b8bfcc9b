import Foundation

/// Constants shared by the SP 800-90B estimators.
public enum EntropyBounds {
    /// z_{1−α/2} for α = 0.01, the reference tool's ZALPHA.
    public static let zAlpha = 2.5758293035489008

    /// Upper bound of the 99 % confidence interval of a proportion p̂ over `count` samples:
    /// p_u = min(1, p̂ + z·sqrt(p̂(1 − p̂)/(count − 1))).
    public static func upperBound(_ pHat: Double, count: Int) -> Double {
        min(1.0, pHat + zAlpha * (pHat * (1.0 - pHat) / (Double(count) - 1.0)).squareRoot())
    }
}

/// Most Common Value estimate (SP 800-90B 6.3.1): p̂ = (count of the mode)/L,
/// p_u = min(1, p̂ + 2.576·sqrt(p̂(1 − p̂)/(L − 1))), min-entropy −log₂ p_u.
public struct MostCommonValueEstimate: Codable, Sendable, Equatable {
    /// Occurrences of the most common value.
    public var modeCount: Int
    public var pHat: Double
    public var pU: Double
    public var minEntropy: Double

    /// Estimates over samples below `1 << bitsPerSymbol`; needs at least two samples.
    public init(samples: [UInt8], bitsPerSymbol: Int) {
        precondition(samples.count > 1, "the MCV estimate needs at least two samples")
        var counts = [Int](repeating: 0, count: 1 << bitsPerSymbol)
        for s in samples { counts[Int(s)] += 1 }
        self.init(modeCount: counts.max()!, sampleCount: samples.count)
    }

    /// Estimates from the mode count and the number of samples.
    public init(modeCount: Int, sampleCount: Int) {
        self.modeCount = modeCount
        pHat = Double(modeCount) / Double(sampleCount)
        pU = EntropyBounds.upperBound(pHat, count: sampleCount)
        minEntropy = -log2(pU)
    }
}
