import RandomnessCore

/// The continuous health tests (SP 800-90B §4.4) run once over a whole sample sequence.
public struct HealthTestScan: Codable, Sendable, Equatable {
    public var parameters: HealthTestParameters
    public var samplesTested: Int
    /// Every Repetition Count Test alarm, counted.
    public var repetitionCountAlarms: Int
    /// Every Adaptive Proportion Test alarm, counted.
    public var adaptiveProportionAlarms: Int
    /// Adaptive Proportion Test windows completed (ended at W samples or at an alarm): the
    /// APT's opportunities to alarm, as `samplesTested` are the RCT's.
    public var adaptiveProportionWindows: Int
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
        let limit = alarmLimit ?? Int.max
        samples.samples.withUnsafeBufferPointer { buffer in
            // Alarms with their details until `limit` are kept, then only counted.
            var start = 0
            while start < buffer.count {
                let block = UnsafeBufferPointer(rebasing: buffer[start..<min(buffer.count, start + HealthMonitor.blockSize)])
                if kept.count < limit {
                    monitor.feed(block) { alarm in if kept.count < limit { kept.append(alarm) } }
                } else {
                    monitor.count(block)
                }
                start += HealthMonitor.blockSize
            }
        }
        let rct = monitor.repetitionCount.alarmCount
        let apt = monitor.adaptiveProportion.alarmCount
        self.parameters = parameters
        samplesTested = samples.count
        repetitionCountAlarms = rct
        adaptiveProportionAlarms = apt
        adaptiveProportionWindows = monitor.adaptiveProportion.windowsCompleted
        alarms = kept
        alarmsTruncated = rct + apt > kept.count
        verdict = rct + apt == 0 ? .pass : .fail
    }
}
