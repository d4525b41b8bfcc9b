import RandomnessCore
import SP80090B

/// The SP 800-90B part of the page: the final min-entropy H in large type and the reasons for
/// the verdict, then a panel per part that ran (non-IID estimators, IID tests, health tests,
/// restart tests). Each panel renders only when its results are in the report.
public struct SP80090BSection: Sendable, Equatable {
    public var verdict: VerdictBadge
    /// The final H per sample, six decimals, or nil when none was assessed.
    public var finalEntropy: String?
    /// "bits per sample, of 8 (91.13 %)".
    public var finalEntropyScale: String?
    /// Where the final H comes from, in words.
    public var finalEntropyNote: String?
    /// The suite's parameters and sample counts.
    public var overview: [KeyValueRow]
    /// The suite's reasons for its verdict, one line per check.
    public var reasons: [String]
    public var hasReasons: Bool
    public var nonIID: NonIIDPanel?
    public var iid: IIDPanel?
    public var health: HealthPanel?
    /// How the health-test cutoffs were chosen and what an alarm means.
    public var healthBasis: String?
    public var restart: RestartPanel?

    /// The section for the suite result in a report.
    public init(_ result: SP80090BSuiteResult) {
        let p = result.parameters
        var overview = [
            KeyValueRow("Samples", DisplayFormat.grouped(result.sampleCount)
                        + (p.nonIID.subset.map { " (block \($0.index) of \(DisplayFormat.grouped($0.samples)) samples, -l)" } ?? "")
                        + (result.inputSampleCount.map { " — the window: the first of the input's \(DisplayFormat.grouped($0)) samples (--sp800-90b-samples); the health tests read them all" } ?? "")),
            KeyValueRow("Bits per symbol", "\(result.bitsPerSymbol)" + (result.bitsPerSymbolInferred ? " (inferred from the samples)" : " (declared)")),
            KeyValueRow("Estimate", p.nonIID.estimate == .initial ? "initial entropy estimate H_I (-i)" : "conditioned sequential dataset h′ (-c)"),
            KeyValueRow("Claims", [
                p.claimedEntropy.map { "min-entropy H = \(DisplayFormat.fixed($0, 6))" } ?? "no claimed min-entropy",
                p.claimedIID ? "IID (the IID track decides)" : "not claimed IID",
            ].joined(separator: "; ")),
            KeyValueRow("IID track", p.iid.map { "run, seed \($0.seed)" + ($0.full ? ", every counter to its end" : "") } ?? "not run (--no-iid-track)"),
        ]
        for line in result.notRun { overview.append(KeyValueRow("Not run", line)) }
        let basis: String?
        switch result.healthTests?.basis {
        case .claimedEntropy?: basis = "Cutoffs from the claimed min-entropy; alarms are judged against the false alarms chance gives a source that meets the claim."
        case .assessedEntropy?: basis = "Cutoffs from the assessed min-entropy; alarms are judged against the false alarms chance gives a source that has it."
        case nil: basis = nil
        }
        let track = result.assessedBy == .iid ? "IID track (most common value, SP 800-90B 6.1)" : "non-IID track (SP 800-90B 6.3)"
        self.init(verdict: result.verdict, bitsPerSymbol: result.bitsPerSymbol, finalEntropy: result.assessedMinEntropy,
                  note: result.assessedMinEntropy == nil ? nil : "Assessed by the \(track).", nonIID: result.nonIID, iid: result.iid,
                  health: result.healthTests?.scan, healthJudgement: result.healthTests?.judgement)
        if result.assessedMinEntropy == nil {
            // Nothing was estimated: no H at all, not one taken from the tracks.
            finalEntropy = nil
            finalEntropyScale = nil
            finalEntropyNote = "No min-entropy assessed (\(result.verdict == .notApplicable ? "not applicable" : "not estimated")): see the reasons."
        }
        self.overview = overview
        reasons = result.reasons
        hasReasons = !result.reasons.isEmpty
        healthBasis = basis
    }

    /// Assembles the section from the parts' results. `finalEntropy` is the H the suite
    /// reports; when nil it is taken from the tracks: the non-IID assessment, or the IID one
    /// when only the IID track ran and did not reject IID.
    public init(verdict: Verdict, bitsPerSymbol: Int?, finalEntropy: Double? = nil, note: String? = nil,
                nonIID: NonIIDResult? = nil, iid: IIDResult? = nil, restart: RestartTestResult? = nil,
                health: HealthTestScan? = nil, healthJudgement: SP80090BHealthJudgement? = nil) {
        self.verdict = VerdictBadge(verdict)
        self.nonIID = nonIID.map { NonIIDPanel($0) }
        self.iid = iid.map { IIDPanel($0) }
        self.restart = restart.map { RestartPanel($0) }
        self.health = health.map { HealthPanel($0, judgement: healthJudgement) }
        overview = []
        reasons = []
        hasReasons = false
        healthBasis = nil
        var h = finalEntropy
        var how = note
        if h == nil {
            if let nonIID {
                h = nonIID.assessedMinEntropy
                how = how ?? "Assessed by the non-IID track (SP 800-90B 6.3)."
            } else if let iid, iid.isIID {
                h = iid.minEntropy.hAssessed
                how = how ?? "Assessed by the IID track (SP 800-90B 6.1)."
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
