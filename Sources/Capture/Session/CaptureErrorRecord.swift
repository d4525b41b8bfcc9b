/// One failure met during a capture, as the manifest lists it.
public struct CaptureErrorRecord: Codable, Sendable, Equatable {
    /// RFC 3339 UTC.
    public var at: String
    /// Bytes captured when it happened.
    public var offset: Int
    public var message: String
    /// Whether a retry followed.
    public var retried: Bool

    public init(at: String, offset: Int, message: String, retried: Bool) {
        self.at = at
        self.offset = offset
        self.message = message
        self.retried = retried
    }
}
