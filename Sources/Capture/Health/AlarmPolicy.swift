/// What a capture does when a continuous health test raises an alarm (`--on-alarm`).
/// Every alarm is counted and its offset recorded (up to the manifest's cap) whatever the
/// policy.
public enum AlarmPolicy: String, Codable, Sendable, CaseIterable {
    /// End the capture at the first alarm. The bytes up to and including the sample that
    /// raised it are kept; the capture is incomplete (`health-alarm`).
    case stop
    /// Keep capturing; alarms are recorded but do not change the outcome (exit code 0 for
    /// an otherwise complete capture).
    case `continue`
    /// Keep capturing, and mark the capture as failed when any alarm was raised (the
    /// manifest's `flagged`, exit code 1), so that scripts notice.
    case mark
}
