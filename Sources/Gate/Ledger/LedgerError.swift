/// Why the ledger could not be opened or written.
public enum LedgerError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case inconsistent(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "\(path): cannot open the ledger: \(reason)"
        case let .writeFailed(path, reason): "\(path): cannot write the ledger: \(reason)"
        case let .inconsistent(path, reason): "\(path): the ledger is inconsistent: \(reason)"
        }
    }
}
