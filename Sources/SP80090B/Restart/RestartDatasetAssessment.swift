/// The validation estimates (SP 800-90B §3.1.4.2) on the row or the column dataset.
public struct RestartDatasetAssessment: Codable, Sendable, Equatable {
    /// The Most Common Value estimate (§6.3.1), made on every track.
    public var mostCommonValue: MostCommonValueEstimate
    /// The injected non-IID estimates (empty on the IID track).
    public var estimates: [RestartDatasetEstimate]
    /// The injected IID tests' outcomes; nil when none were run.
    public var iidChecks: [RestartDatasetCheck]?
    /// H_r or H_c: the minimum of bits_per_symbol, the MCV estimate and every injected estimate.
    public var minEntropy: Double
}
