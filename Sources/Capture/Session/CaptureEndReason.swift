/// Why a capture ended.
public enum CaptureEndReason: String, Codable, Sendable {
    /// The requested byte count was reached, or (without one) the file, pipe, standard
    /// input or TCP stream ended.
    case complete
    /// A file, pipe or standard input ended before the requested byte count.
    case sourceEnded = "source-ended"
    /// The source kept failing after the allowed retries, or failed in a way retrying
    /// cannot mend (an HTTP 4xx, a malformed response).
    case sourceFailed = "source-failed"
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT (or a stop requested by code).
    case interrupted
    /// A health alarm under `--on-alarm stop`.
    case healthAlarm = "health-alarm"
    /// The output file could not be written (disk full, I/O error).
    case writeFailed = "write-failed"

    /// Only `complete` means the capture has everything that was asked for.
    public var isComplete: Bool { self == .complete }
}
