/// Why the gate could not start or go on.
public enum GateError: Error, CustomStringConvertible, Sendable {
    case spool(path: String, reason: String)
    case invalidParameter(name: String, value: String, reason: String)
    case tls(path: String, reason: String)
    case apiKeys(path: String, line: Int, reason: String)
    case buffer(id: Int, reason: String)

    public var description: String {
        switch self {
        case let .spool(path, reason): "\(path): \(reason)"
        case let .invalidParameter(name, value, reason): "\(name) \(value): \(reason)"
        case let .tls(path, reason): "\(path): TLS: \(reason)"
        case let .apiKeys(path, line, reason): "\(path):\(line): \(reason)"
        case let .buffer(id, reason): "buffer \(id): \(reason)"
        }
    }
}
