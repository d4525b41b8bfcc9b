/// The continuous health tests (SP 800-90B §4.4) run over the assessed samples, with cutoffs
/// from the claimed min-entropy when one was given, else from the assessed one.
public struct SP80090BHealthCheck: Codable, Sendable, Equatable {
    /// Where the H of the cutoffs came from.
    public enum Basis: String, Codable, Sendable {
        /// `--claimed-entropy`: an alarm fails the suite.
        case claimedEntropy = "claimed-entropy"
        /// The assessed min-entropy: an alarm makes the suite suspect.
        case assessedEntropy = "assessed-entropy"
    }

    public var basis: Basis
    /// H, α, the cutoffs, the alarm counts and the first alarms with their offsets (at most
    /// `SP80090BSuite.reportedAlarmLimit`; all are counted).
    public var scan: HealthTestScan

    public init(basis: Basis, scan: HealthTestScan) {
        self.basis = basis
        self.scan = scan
    }

    /// Alarms of both tests.
    public var alarmCount: Int { scan.repetitionCountAlarms + scan.adaptiveProportionAlarms }
}
