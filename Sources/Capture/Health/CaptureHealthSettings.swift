import SP80090B

/// The continuous health tests run on a capture.
public struct CaptureHealthSettings: Sendable, Equatable {
    /// Cutoffs and window (from the claimed min-entropy H, bits per symbol and α).
    public var parameters: HealthTestParameters
    public var sampleUnit: HealthSampleUnit
    public var onAlarm: AlarmPolicy
    /// Alarms kept with their offsets in the manifest; all are counted.
    public var alarmLimit: Int

    /// At most this many alarms are listed by default (the manifest stays small on a
    /// source that alarms constantly); counts are always complete.
    public static let defaultAlarmLimit = 1000

    public init(parameters: HealthTestParameters, sampleUnit: HealthSampleUnit = .byte,
                onAlarm: AlarmPolicy = .continue, alarmLimit: Int = defaultAlarmLimit) {
        self.parameters = parameters
        self.sampleUnit = sampleUnit
        self.onAlarm = onAlarm
        self.alarmLimit = alarmLimit
    }
}
