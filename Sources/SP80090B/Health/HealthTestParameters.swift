import Foundation

/// The parameters of the continuous health tests (SP 800-90B §4.4) for one noise source,
/// with the cutoffs derived from them.
public struct HealthTestParameters: Codable, Sendable, Equatable {
    /// α = 2^−20, the false-positive probability the standard uses for its examples.
    public static let defaultFalsePositiveProbability = 0x1p-20

    /// α for people: "2^-k" when it is a power of two, else printf's %g.
    public static func alphaText(_ alpha: Double) -> String {
        let k = -log2(alpha)
        return k == k.rounded() ? "2^-\(Int(k))" : String(format: "%g", alpha)
    }

    /// H: the assessed min-entropy per sample.
    public var minEntropy: Double
    public var bitsPerSymbol: Int
    /// α: the false-positive probability of each test.
    public var falsePositiveProbability: Double
    /// C of the Repetition Count Test.
    public var repetitionCountCutoff: Int
    /// W of the Adaptive Proportion Test.
    public var adaptiveProportionWindow: Int
    /// C of the Adaptive Proportion Test.
    public var adaptiveProportionCutoff: Int

    /// Derives the cutoffs for H and α. The APT window defaults to 1024 for 1-bit samples
    /// (a binary source) and 512 otherwise.
    public init(minEntropy h: Double, bitsPerSymbol: Int,
                falsePositiveProbability alpha: Double = defaultFalsePositiveProbability,
                adaptiveProportionWindow window: Int? = nil) throws {
        guard (1...8).contains(bitsPerSymbol) else { throw HealthTestError.bitsPerSymbolOutOfRange(bitsPerSymbol) }
        guard h.isFinite, h > 0, h <= Double(bitsPerSymbol) else {
            throw HealthTestError.minEntropyOutOfRange(minEntropy: h, bitsPerSymbol: bitsPerSymbol)
        }
        guard alpha > 0, alpha < 1 else { throw HealthTestError.falsePositiveProbabilityOutOfRange(alpha) }
        let w = window ?? AdaptiveProportionTest.windowSize(binary: bitsPerSymbol == 1)
        guard AdaptiveProportionTest.windowSizeRange.contains(w) else { throw HealthTestError.windowSizeOutOfRange(w) }
        minEntropy = h
        self.bitsPerSymbol = bitsPerSymbol
        falsePositiveProbability = alpha
        repetitionCountCutoff = RepetitionCountTest.cutoff(minEntropy: h, falsePositiveProbability: alpha)
        adaptiveProportionWindow = w
        adaptiveProportionCutoff = try AdaptiveProportionTest.cutoff(minEntropy: h, windowSize: w, falsePositiveProbability: alpha)
        // α close to 1 gives C = 1, which would alarm on every sample.
        guard repetitionCountCutoff >= 2 else { throw HealthTestError.cutoffOutOfRange(test: "repetition count", cutoff: repetitionCountCutoff) }
        guard adaptiveProportionCutoff >= 2 else { throw HealthTestError.cutoffOutOfRange(test: "adaptive proportion", cutoff: adaptiveProportionCutoff) }
    }

    /// Checks α before the data (and so H and the sample width) is known: α must lie in (0, 1)
    /// and give cutoffs of at least 2 for every H and width with the default windows. The
    /// cutoffs fall as H grows, so the worst cases are H = 8 bits (W = 512) and H = 1 bit of a
    /// binary source (W = 1024); α ≤ 0.5 always passes.
    public static func validate(falsePositiveProbability alpha: Double) throws(HealthTestError) {
        guard alpha > 0, alpha < 1 else { throw .falsePositiveProbabilityOutOfRange(alpha) }
        do {
            _ = try HealthTestParameters(minEntropy: 8, bitsPerSymbol: 8, falsePositiveProbability: alpha)
            _ = try HealthTestParameters(minEntropy: 1, bitsPerSymbol: 1, falsePositiveProbability: alpha)
        } catch let error as HealthTestError {
            throw error
        } catch {
            throw .falsePositiveProbabilityOutOfRange(alpha)
        }
    }
}
