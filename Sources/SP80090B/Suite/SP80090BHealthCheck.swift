/// The continuous health tests (SP 800-90B §4.4) run over the samples, with cutoffs from the
/// claimed min-entropy when one was given, else from the assessed one, and their alarms judged
/// against chance (`SP80090BHealthJudgement`: the same rule on either basis).
public struct SP80090BHealthCheck: Codable, Sendable, Equatable {
    /// Where the H of the cutoffs came from.
    public enum Basis: String, Codable, Sendable {
        /// `--claimed-entropy`: the alarms are judged against a source that meets the claim.
        case claimedEntropy = "claimed-entropy"
        /// The assessed min-entropy (a conservative value: higher cutoffs, fewer false alarms).
        case assessedEntropy = "assessed-entropy"
    }

    public var basis: Basis
    /// H, α, the cutoffs, the alarm counts, the opportunities tested and the first alarms with
    /// their offsets (at most `SP80090BSuite.reportedAlarmLimit`; all are counted).
    public var scan: HealthTestScan
    /// λ, the false alarms expected by chance, P(N ≥ alarms) and the verdict it gives.
    public var judgement: SP80090BHealthJudgement

    public init(basis: Basis, scan: HealthTestScan, judgement: SP80090BHealthJudgement) {
        self.basis = basis
        self.scan = scan
        self.judgement = judgement
    }

    /// The check of `scan` on `basis`, its alarms judged at the scan's α.
    public init(basis: Basis, scan: HealthTestScan) throws {
        self.init(basis: basis, scan: scan, judgement: try SP80090BHealthJudgement(scan: scan))
    }

    /// Alarms of both tests.
    public var alarmCount: Int { scan.repetitionCountAlarms + scan.adaptiveProportionAlarms }
}
