/// Where an assessment stands, for a progress display: bytes read (of how many, when known),
/// SP 800-22 streams done and the SP 800-90B phase.
public struct AssessmentProgress: Sendable, Equatable {
    public var bytesRead: Int
    /// The input's size when known (a regular file, or `--bytes`).
    public var totalBytes: Int?
    public var streamsDone: Int
    /// What SP 800-90B is doing: "collecting window", "estimating", "health tests", nil when
    /// that suite does not run.
    public var sp80090bPhase: String?

    public init(bytesRead: Int = 0, totalBytes: Int? = nil, streamsDone: Int = 0, sp80090bPhase: String? = nil) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.streamsDone = streamsDone
        self.sp80090bPhase = sp80090bPhase
    }
}
