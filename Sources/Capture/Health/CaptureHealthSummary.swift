import RandomnessCore
import SP80090B

/// The continuous health tests' account of a capture, as the manifest records it.
public struct CaptureHealthSummary: Codable, Sendable, Equatable {
    public var parameters: HealthTestParameters
    public var sampleUnit: HealthSampleUnit
    public var onAlarm: AlarmPolicy
    /// Samples tested: those in the captured bytes.
    public var samplesTested: Int
    public var repetitionCountAlarms: Int
    public var adaptiveProportionAlarms: Int
    /// The first `alarmLimit` alarms in sample order (offsets in samples from the start of
    /// the capture).
    public var alarms: [HealthAlarm]
    public var alarmLimit: Int
    /// Whether more alarms were raised than `alarms` lists.
    public var alarmsTruncated: Bool
    /// `.pass` without alarms, `.fail` with any.
    public var verdict: Verdict

    public var alarmCount: Int { repetitionCountAlarms + adaptiveProportionAlarms }

    public init(parameters: HealthTestParameters, sampleUnit: HealthSampleUnit, onAlarm: AlarmPolicy, samplesTested: Int,
                repetitionCountAlarms: Int, adaptiveProportionAlarms: Int, alarms: [HealthAlarm], alarmLimit: Int,
                alarmsTruncated: Bool, verdict: Verdict) {
        self.parameters = parameters
        self.sampleUnit = sampleUnit
        self.onAlarm = onAlarm
        self.samplesTested = samplesTested
        self.repetitionCountAlarms = repetitionCountAlarms
        self.adaptiveProportionAlarms = adaptiveProportionAlarms
        self.alarms = alarms
        self.alarmLimit = alarmLimit
        self.alarmsTruncated = alarmsTruncated
        self.verdict = verdict
    }
}
