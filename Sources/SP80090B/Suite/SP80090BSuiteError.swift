/// Why the SP 800-90B suite could not run with the given parameters; names the parameter.
public enum SP80090BSuiteError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A parameter outside its range (the parameter's name in `SP80090BParameters`).
    case invalidParameter(name: String, value: String, reason: String)
    /// The claimed entropy exceeds the bits per symbol of the samples.
    case claimedEntropyExceedsWidth(claimedEntropy: Double, bitsPerSymbol: Int)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, reason):
            "SP 800-90B parameter \(name) = \(value): \(reason)"
        case let .claimedEntropyExceedsWidth(h, bits):
            "claimed entropy \(h) exceeds the \(bits) bits per symbol of the samples"
        }
    }
}
