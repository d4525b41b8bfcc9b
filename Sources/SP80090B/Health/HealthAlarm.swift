/// One alarm of a continuous health test (SP 800-90B §4.4).
public struct HealthAlarm: Codable, Sendable, Equatable, Hashable {
    /// Which test raised the alarm.
    public enum Test: String, Codable, Sendable, Hashable {
        /// §4.4.1 Repetition Count Test.
        case repetitionCount = "repetition-count"
        /// §4.4.2 Adaptive Proportion Test.
        case adaptiveProportion = "adaptive-proportion"
    }

    public var test: Test
    /// Offset (0-based, counted from the first sample fed) of the sample that made the count
    /// reach the cutoff.
    public var offset: Int
    /// The count B that tripped: the run length (RCT) or the occurrences of the window's first
    /// sample in the window so far (APT). Equal to the cutoff C, since the test restarts there.
    public var count: Int
    /// Offset of the first sample of the run (RCT) or of the window (APT).
    public var start: Int
    /// The repeated (RCT) or over-frequent (APT) sample value.
    public var value: UInt8

    public init(test: Test, offset: Int, count: Int, start: Int, value: UInt8) {
        self.test = test
        self.offset = offset
        self.count = count
        self.start = start
        self.value = value
    }
}
