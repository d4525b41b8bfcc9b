import RandomnessCore

/// The continuous health tests (SP 800-90B §4.4) run once over a whole sample sequence.
public struct HealthTestScan: Codable, Sendable, Equatable {
    public var parameters: HealthTestParameters
    public var samplesTested: Int
    /// Every Repetition Count Test alarm, counted.
    public var repetitionCountAlarms: Int
    /// Every Adaptive Proportion Test alarm, counted.
    public var adaptiveProportionAlarms: Int
    /// The alarms in sample order, the first `alarmLimit` of them.
    public var alarms: [HealthAlarm]
    /// True when more alarms occurred than `alarms` holds.
    public var alarmsTruncated: Bool
    /// `.pass` without alarms, `.fail` with any.
    public var verdict: Verdict

    /// Runs both tests over `samples` from a fresh start. `alarmLimit` caps the alarms kept
    /// with their offsets (all are counted); nil keeps them all.
    public init(samples: SampleSequence, parameters: HealthTestParameters, alarmLimit: Int? = 10_000) throws(HealthTestError) {
        var monitor = try HealthMonitor(parameters: parameters)
        var kept: [HealthAlarm] = []
        var rct = 0, apt = 0
        let limit = alarmLimit ?? Int.max
        samples.samples.withUnsafeBufferPointer { buffer in
            monitor.feed(buffer) { alarm in
                switch alarm.test {
                case .repetitionCount: rct += 1
                case .adaptiveProportion: apt += 1
                }
                if kept.count < limit { kept.append(alarm) }
            }
        }
        self.parameters = parameters
        samplesTested = samples.count
        repetitionCountAlarms = rct
        adaptiveProportionAlarms = apt
        alarms = kept
        alarmsTruncated = rct + apt > kept.count
        verdict = rct + apt == 0 ? .pass : .fail
    }
}
