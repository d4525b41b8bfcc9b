/// Why a batch could not start (an input that cannot be read is not one: it is an entry).
public enum BatchError: Error, CustomStringConvertible, Sendable, Equatable {
    case noInputs
    case cannotReadList(path: String, reason: String)
    case outputExists(path: String)

    public var description: String {
        switch self {
        case .noInputs: "no inputs: give files, directories, globs or --list FILE"
        case let .cannotReadList(path, reason): "--list \(path): \(reason)"
        case let .outputExists(path): "\(path) exists (use --force to overwrite, or --resume to continue the batch)"
        }
    }
}
