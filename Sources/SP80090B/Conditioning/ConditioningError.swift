/// A conditioning-component parameter outside the range ea_conditioning accepts; names the
/// parameter and the bounds.
public enum ConditioningError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An integer parameter (n_in, n_out, nw) outside [1, 2^32 − 1].
    case sizeOutOfRange(parameter: String, value: Int)
    /// A real parameter (h_in in (0, n_in], h' in (0, 1]) outside its interval or not finite.
    case entropyOutOfRange(parameter: String, value: Double, upperBound: Double)

    public var description: String {
        switch self {
        case let .sizeOutOfRange(parameter, value):
            "\(parameter) = \(value) must be an integer in [1, \(UInt32.max)]"
        case let .entropyOutOfRange(parameter, value, upper):
            "\(parameter) = \(value) must be a finite number greater than 0 and at most \(upper)"
        }
    }
}
