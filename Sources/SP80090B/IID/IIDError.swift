/// Why the IID track could not run on the given samples or options.
public enum IIDError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Fewer samples than the tests need (the count and the minimum).
    case tooFewSamples(count: Int, minimum: Int)
    /// All samples take one value; the reference awards no entropy and stops.
    case singleSymbolAlphabet
    /// A sample does not fit in the declared width (offset and value).
    case sampleExceedsWidth(offset: Int, value: UInt8, bitsPerSymbol: Int)
    /// An option is out of range (parameter name and reason).
    case invalidOption(name: String, reason: String)

    public var description: String {
        switch self {
        case let .tooFewSamples(count, minimum):
            "IID tests need at least \(minimum) samples, got \(count)"
        case .singleSymbolAlphabet:
            "symbol alphabet consists of 1 symbol; no entropy awarded"
        case let .sampleExceedsWidth(offset, value, bits):
            "sample at offset \(offset) has value \(value), which does not fit in \(bits) bits per symbol"
        case let .invalidOption(name, reason):
            "invalid IID option \(name): \(reason)"
        }
    }
}
