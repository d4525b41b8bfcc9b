/// The parameters of the continuous health tests (SP 800-90B §4.4) for one noise source,
/// with the cutoffs derived from them.
public struct HealthTestParameters: Codable, Sendable, Equatable {
    /// α = 2^−20, the false-positive probability the standard uses for its examples.
    public static let defaultFalsePositiveProbability = 0x1p-20

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
        guard w >= 2 else { throw HealthTestError.windowSizeOutOfRange(w) }
        minEntropy = h
        self.bitsPerSymbol = bitsPerSymbol
        falsePositiveProbability = alpha
        repetitionCountCutoff = RepetitionCountTest.cutoff(minEntropy: h, falsePositiveProbability: alpha)
        adaptiveProportionWindow = w
        adaptiveProportionCutoff = try AdaptiveProportionTest.cutoff(minEntropy: h, windowSize: w, falsePositiveProbability: alpha)
    }
}
