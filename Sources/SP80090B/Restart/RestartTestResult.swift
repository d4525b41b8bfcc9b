import RandomnessCore

/// The outcome of the restart tests (SP 800-90B §3.1.4) on one restart matrix.
public struct RestartTestResult: Codable, Sendable, Equatable {
    /// Why a restart test failed.
    public enum Failure: String, Codable, Sendable {
        /// §3.1.4.3: X_max exceeded the cutoff; no entropy is awarded.
        case sanityCheck = "sanity-check"
        /// §3.1.4.2: min(H_r, H_c) < H_I / 2; no entropy is awarded.
        case validation
    }

    public var track: RestartTrackKind
    public var bitsPerSymbol: Int
    /// Distinct values in the matrix (ea_restart's alphabet size).
    public var distinctSymbols: Int
    /// H_I, the initial entropy estimate (§3.1.3).
    public var initialEntropy: Double
    public var sanityCheck: RestartSanityCheck
    /// Estimates on the row dataset; nil when the sanity check failed (nothing further runs).
    public var rows: RestartDatasetAssessment?
    /// Estimates on the column dataset; nil when the sanity check failed.
    public var columns: RestartDatasetAssessment?
    /// `.pass` when both the sanity check and the validation passed, else `.fail`.
    public var verdict: Verdict
    public var failure: Failure?
    /// min(H_r, H_c, H_I) when the restart tests passed; nil otherwise (no entropy awarded).
    public var assessedEntropy: Double?

    /// H_r.
    public var rowEntropy: Double? { rows?.minEntropy }
    /// H_c.
    public var columnEntropy: Double? { columns?.minEntropy }
}
