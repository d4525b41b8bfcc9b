/// Why the history database could not be opened, read or written.
public enum HistoryError: Error, CustomStringConvertible, Sendable, Equatable {
    case cannotOpen(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    case notFound(path: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "\(path): cannot open the history database: \(reason)"
        case let .cannotWrite(path, reason): "\(path): cannot record the report in the history: \(reason)"
        case let .cannotRead(path, reason): "\(path): cannot read the history: \(reason)"
        case let .notFound(path): "\(path): no such history database"
        }
    }
}
