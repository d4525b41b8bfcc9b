import RandomnessCore
import SP80090B

/// The SP 800-90B part of the page: the final min-entropy H in large type, then a panel per
/// part that ran (non-IID estimators, IID tests, restart tests, health tests). Each panel
/// renders only when its results are in the report.
public struct SP80090BSection: Sendable, Equatable {
    public let verdict: VerdictBadge
    /// The final H per sample, six decimals, or nil when none was assessed.
    public let finalEntropy: String?
    /// "of 8 bits per sample (99.98 %)".
    public let finalEntropyScale: String?
    /// How the final H was chosen, in words.
    public let finalEntropyNote: String?
    public let nonIID: NonIIDPanel?
    public let iid: IIDPanel?
    public let restart: RestartPanel?
    public let health: HealthPanel?

    /// Assembles the section from the tracks' results. `finalEntropy` is the H the suite
    /// reports; when nil it is the lower of the tracks' assessed values that apply.
    ///
    /// `ReportPage` builds it from `report.suites.sp80090b` once `SuiteResults` has that suite:
    /// pass the suite's verdict, `report.input.bitsPerSymbol`, its final H and its parts.
    public init(verdict: Verdict, bitsPerSymbol: Int?, finalEntropy: Double? = nil, note: String? = nil,
                nonIID: NonIIDResult? = nil, iid: IIDResult? = nil, restart: RestartTestResult? = nil,
                health: HealthTestScan? = nil) {
        self.verdict = VerdictBadge(verdict)
        self.nonIID = nonIID.map { NonIIDPanel($0) }
        self.iid = iid.map { IIDPanel($0) }
        self.restart = restart.map { RestartPanel($0) }
        self.health = health.map { HealthPanel($0) }
        var h = finalEntropy
        var how = note
        if h == nil {
            if let iid, iid.isIID, let nonIID {
                h = min(iid.minEntropy.hAssessed, nonIID.assessedMinEntropy)
                how = how ?? "IID assumption stands: the lower of the IID and non-IID assessments."
            } else if let nonIID {
                h = nonIID.assessedMinEntropy
                how = how ?? "The non-IID assessment (the IID track \(iid == nil ? "did not run" : "rejected the IID assumption"))."
            } else if let iid, iid.isIID {
                h = iid.minEntropy.hAssessed
                how = how ?? "The IID assessment."
            }
        }
        self.finalEntropy = h.map { DisplayFormat.fixed($0, 6) }
        let bits = bitsPerSymbol ?? nonIID?.bitsPerSymbol ?? iid?.bitsPerSymbol
        if let h, let bits, bits > 0 {
            finalEntropyScale = "bits per sample, of \(bits) (\(DisplayFormat.fixed(h / Double(bits) * 100, 2)) %)"
        } else {
            finalEntropyScale = h == nil ? nil : "bits per sample"
        }
        finalEntropyNote = how
    }
}
