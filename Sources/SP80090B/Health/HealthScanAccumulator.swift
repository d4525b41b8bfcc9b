import RandomnessCore

/// The continuous health tests (SP 800-90B §4.4) run over samples fed in chunks of any size,
/// with the first `alarmLimit` alarms kept with their offsets and the rest only counted; the
/// result is the `HealthTestScan` of the whole sequence, whatever the chunking.
public struct HealthScanAccumulator: Sendable {
    private var monitor: HealthMonitor
    private var kept: [HealthAlarm] = []
    private let limit: Int

    public init(parameters: HealthTestParameters, alarmLimit: Int? = 10_000) throws(HealthTestError) {
        monitor = try HealthMonitor(parameters: parameters)
        limit = alarmLimit ?? Int.max
    }

    /// Samples fed so far.
    public var samplesTested: Int { monitor.samplesTested }

    /// Feeds the next samples.
    public mutating func feed(_ buffer: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while start < buffer.count {
            let block = UnsafeBufferPointer(rebasing: buffer[start..<min(buffer.count, start + HealthMonitor.blockSize)])
            if kept.count < limit {
                var found: [HealthAlarm] = []
                monitor.feed(block) { alarm in found.append(alarm) }
                kept.append(contentsOf: found.prefix(limit - kept.count))
            } else {
                monitor.count(block)
            }
            start += HealthMonitor.blockSize
        }
    }

    /// The scan of everything fed.
    public var scan: HealthTestScan {
        HealthTestScan(parameters: monitor.parameters, samplesTested: monitor.samplesTested,
                       repetitionCountAlarms: monitor.repetitionCount.alarmCount,
                       adaptiveProportionAlarms: monitor.adaptiveProportion.alarmCount,
                       adaptiveProportionWindows: monitor.adaptiveProportion.windowsCompleted, alarms: kept)
    }
}

extension HealthTestScan {
    /// A scan from its counts (what `HealthScanAccumulator` gathered).
    init(parameters: HealthTestParameters, samplesTested: Int, repetitionCountAlarms: Int,
         adaptiveProportionAlarms: Int, adaptiveProportionWindows: Int, alarms: [HealthAlarm]) {
        self.parameters = parameters
        self.samplesTested = samplesTested
        self.repetitionCountAlarms = repetitionCountAlarms
        self.adaptiveProportionAlarms = adaptiveProportionAlarms
        self.adaptiveProportionWindows = adaptiveProportionWindows
        self.alarms = alarms
        self.alarmsTruncated = repetitionCountAlarms + adaptiveProportionAlarms > alarms.count
        self.verdict = repetitionCountAlarms + adaptiveProportionAlarms == 0 ? .pass : .fail
    }
}
