/// What a capture session did: the bytes it delivered to the file and how it ended.
public struct CaptureResult: Sendable, Equatable {
    /// RFC 3339 UTC, when the session started and when its last byte was handled.
    public var startedAt: String
    public var finishedAt: String
    /// Seconds the session ran (monotonic clock).
    public var seconds: Double
    /// Bytes in the output file.
    public var byteCount: Int
    /// SHA-256 of exactly those bytes, lowercase hex.
    public var sha256: String
    /// Successful reads from the source (for HTTP, responses).
    public var chunkCount: Int
    /// Retries made.
    public var retries: Int
    /// Failures met, the first `errorLimit` of them.
    public var errors: [CaptureErrorRecord]
    /// All failures met.
    public var errorCount: Int
    public var endReason: CaptureEndReason
    /// The signal that interrupted the capture, e.g. "SIGINT".
    public var signal: String?
    public var health: CaptureHealthSummary

    public init(startedAt: String, finishedAt: String, seconds: Double, byteCount: Int, sha256: String, chunkCount: Int,
                retries: Int, errors: [CaptureErrorRecord], errorCount: Int, endReason: CaptureEndReason, signal: String?,
                health: CaptureHealthSummary) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.seconds = seconds
        self.byteCount = byteCount
        self.sha256 = sha256
        self.chunkCount = chunkCount
        self.retries = retries
        self.errors = errors
        self.errorCount = errorCount
        self.endReason = endReason
        self.signal = signal
        self.health = health
    }

    /// Bytes per second over the session.
    public var rate: Double { seconds > 0 ? Double(byteCount) / seconds : 0 }
}
