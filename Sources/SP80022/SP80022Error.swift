import RandomnessCore

/// Why the SP 800-22 battery could not run: a bad parameter, too little input, or a
/// numerical failure inside one test on one stream.
public enum SP80022Error: Error, CustomStringConvertible, Equatable, Sendable {
    /// A parameter is out of its valid range; `name` is the `SP80022Parameters` property.
    case invalidParameter(name: String, value: String, reason: String)
    /// `streamCount × streamLength` bits were asked for but the input holds fewer.
    case insufficientInput(streamCount: Int, streamLength: Int, availableBits: Int)
    /// The input does not hold even one stream of `streamLength` bits.
    case noStreams(streamLength: Int, availableBits: Int)
    /// A special function failed inside `test` on stream `stream` (0-based).
    case numerics(test: SP80022TestID, stream: Int, NumericsError)
    /// Any other error thrown by `test` on stream `stream` (0-based).
    case testError(test: SP80022TestID, stream: Int, description: String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, reason):
            "invalid SP 800-22 parameter \(name) = \(value): \(reason)"
        case let .insufficientInput(count, length, available):
            "SP 800-22: --streams \(count) × --stream-length \(length) = \(count * length) bits, but the input holds only \(available) bits"
        case let .noStreams(length, available):
            "SP 800-22: the input holds \(available) bits, fewer than one stream of --stream-length \(length) bits"
        case let .numerics(test, stream, error):
            "SP 800-22 \(test.rawValue) on stream \(stream + 1): \(error)"
        case let .testError(test, stream, description):
            "SP 800-22 \(test.rawValue) on stream \(stream + 1): \(description)"
        }
    }
}
