/// A snapshot of a running capture, for progress displays.
public struct CaptureProgress: Sendable, Equatable {
    /// Bytes read from the source so far.
    public var bytes: Int
    /// Bytes requested, if a count was given.
    public var target: Int?
    /// Seconds since the capture started.
    public var elapsed: Double
    /// Health alarms so far.
    public var alarms: Int
    /// Retries so far.
    public var retries: Int
    /// A failure being retried, or nil.
    public var note: String?
    /// Whether this is the last report.
    public var finished: Bool

    public init(bytes: Int, target: Int?, elapsed: Double, alarms: Int, retries: Int, note: String? = nil, finished: Bool = false) {
        self.bytes = bytes
        self.target = target
        self.elapsed = elapsed
        self.alarms = alarms
        self.retries = retries
        self.note = note
        self.finished = finished
    }

    /// Bytes per second on average so far.
    public var rate: Double { elapsed > 0 ? Double(bytes) / elapsed : 0 }

    /// Seconds left at the average rate, when there is a target and a rate.
    public var secondsLeft: Double? {
        guard let target, rate > 0, bytes <= target else { return nil }
        return Double(target - bytes) / rate
    }
}
