/// A health-test parameter outside its range; names the parameter.
public enum HealthTestError: Error, CustomStringConvertible, Equatable, Sendable {
    /// H must be finite with 0 < H ≤ bits_per_symbol.
    case minEntropyOutOfRange(minEntropy: Double, bitsPerSymbol: Int)
    /// bits_per_symbol must be 1…8 (one sample per byte).
    case bitsPerSymbolOutOfRange(Int)
    /// α must lie strictly between 0 and 1.
    case falsePositiveProbabilityOutOfRange(Double)
    /// The APT window W must lie in `AdaptiveProportionTest.windowSizeRange` (2…65536).
    case windowSizeOutOfRange(Int)
    /// A cutoff C must be at least 2 (C = 1 would alarm on every sample).
    case cutoffOutOfRange(test: String, cutoff: Int)

    public var description: String {
        switch self {
        case let .minEntropyOutOfRange(h, bits):
            "min-entropy H = \(h) must be a finite number with 0 < H ≤ bits_per_symbol = \(bits)"
        case let .bitsPerSymbolOutOfRange(bits):
            "bits_per_symbol = \(bits) must be 1…8"
        case let .falsePositiveProbabilityOutOfRange(alpha):
            "false-positive probability α = \(alpha) must lie strictly between 0 and 1"
        case let .windowSizeOutOfRange(w):
            "adaptive proportion window W = \(w) must be between \(AdaptiveProportionTest.windowSizeRange.lowerBound) and \(AdaptiveProportionTest.windowSizeRange.upperBound)"
        case let .cutoffOutOfRange(test, c):
            "\(test) cutoff C = \(c) must be at least 2"
        }
    }
}
