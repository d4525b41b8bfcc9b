/// Why reading from a capture source failed. `isRetryable` says whether the session may
/// try again (after a backoff) or must give up at once.
public enum CaptureSourceError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No byte arrived within the timeout.
    case timedOut(source: String, seconds: Double)
    /// A read failed (I/O error, connection reset); `offset` is the capture offset.
    case readFailed(source: String, offset: Int, reason: String)
    /// A network source could not be reached.
    case connectFailed(source: String, reason: String)
    /// A network stream ended before the requested byte count.
    case closedEarly(source: String, offset: Int)
    /// An HTTP response with a status other than 2xx.
    case httpStatus(source: String, status: Int, body: String)
    /// An HTTP request failed below HTTP (DNS, connection, TLS, cancelled by the timeout).
    case httpFailed(source: String, reason: String)
    /// A 2xx response whose body could not be turned into bytes (missing JSON field, bad
    /// base64 or hex, empty body).
    case malformedResponse(source: String, reason: String)
    /// The source cannot be opened at all (missing file, permission, a directory).
    case cannotOpen(source: String, reason: String)
    /// A stop was requested (SIGINT, SIGTERM) while waiting for the source.
    case stopped

    /// Timeouts, I/O errors, refused or dropped connections, early closes, HTTP 408, 425,
    /// 429 and 5xx are retried; other HTTP statuses (a wrong key is not fixed by asking
    /// again), malformed responses, unopenable sources and stops are not.
    public var isRetryable: Bool {
        switch self {
        case .timedOut, .readFailed, .connectFailed, .closedEarly, .httpFailed: true
        case let .httpStatus(_, status, _): status >= 500 || status == 408 || status == 425 || status == 429
        case .malformedResponse, .cannotOpen, .stopped: false
        }
    }

    public var description: String {
        switch self {
        case let .timedOut(source, seconds):
            "\(source): no data for \(Self.seconds(seconds)) (timeout)"
        case let .readFailed(source, offset, reason):
            "\(source): read failed at offset \(offset): \(reason)"
        case let .connectFailed(source, reason):
            "\(source): cannot connect: \(reason)"
        case let .closedEarly(source, offset):
            "\(source): connection closed by the peer at offset \(offset)"
        case let .httpStatus(source, status, body):
            "\(source): HTTP status \(status)" + (body.isEmpty ? "" : ": \(body)")
        case let .httpFailed(source, reason):
            "\(source): request failed: \(reason)"
        case let .malformedResponse(source, reason):
            "\(source): unusable response: \(reason)"
        case let .cannotOpen(source, reason):
            "\(source): cannot open: \(reason)"
        case .stopped:
            "stopped"
        }
    }

    static func seconds(_ s: Double) -> String {
        // Int(s) traps past 2^63 (and on NaN): only small whole numbers print as integers.
        s == s.rounded() && abs(s) < 1e15 ? "\(Int(s)) s" : "\(s) s"
    }
}
