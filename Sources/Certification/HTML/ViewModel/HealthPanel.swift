import SP80090B

/// The continuous health tests of SP 800-90B §4.4 (Repetition Count, Adaptive Proportion) run
/// over the samples: their cutoffs, every alarm raised (first ones listed) and, in a suite, the
/// alarms judged against chance (λ false alarms expected, P(N ≥ alarms), the verdict).
public struct HealthPanel: Sendable, Equatable {
    public struct AlarmRow: Sendable, Equatable {
        public let test: String
        public let offset: String
        public let start: String
        public let value: String
        public let count: String
    }

    public let verdict: VerdictBadge
    public let overview: [KeyValueRow]
    /// "No alarm in 1,000,000 samples." or "3 alarms: …".
    public let summary: String
    /// The alarms judged against chance, when judged: "3 alarms in … expected by chance (P = …): pass".
    public let judgement: String?
    public let hasAlarms: Bool
    /// True when the alarms are more than chance explains (the judgement is not pass, or,
    /// unjudged, any alarm).
    public let flagged: Bool
    public let alarms: [AlarmRow]
    /// Set when the report keeps fewer alarms than occurred (or the page lists fewer).
    public let truncation: String?

    /// Alarms listed on the page at most.
    public static let listedAlarms = 200

    /// The panel of `scan`; with `judgement` (the suite's), its verdict is the judgement's and
    /// the expected false alarms and their chance probability are shown.
    public init(_ scan: HealthTestScan, judgement: SP80090BHealthJudgement? = nil) {
        verdict = VerdictBadge(judgement?.verdict ?? scan.verdict)
        let p = scan.parameters
        var overview = [
            KeyValueRow("Min-entropy H", DisplayFormat.fixed(p.minEntropy, 6) + " bits per sample, \(p.bitsPerSymbol) bits per symbol"),
            KeyValueRow("False-positive probability α", p.falsePositiveProbability == 0x1p-20 ? "2⁻²⁰" : DisplayFormat.pValue(p.falsePositiveProbability)),
            KeyValueRow("Repetition Count Test", "cutoff C = \(p.repetitionCountCutoff)"),
            KeyValueRow("Adaptive Proportion Test", "window W = \(p.adaptiveProportionWindow), cutoff C = \(p.adaptiveProportionCutoff)"),
        ]
        if let j = judgement {
            overview.append(KeyValueRow("Expected false alarms λ", "α · (\(DisplayFormat.grouped(scan.samplesTested)) samples + "
                                        + "\(DisplayFormat.grouped(scan.adaptiveProportionWindows)) windows) = \(DisplayFormat.fixed(j.expectedFalseAlarms, 2))"))
            overview.append(KeyValueRow("Chance of ≥ \(DisplayFormat.grouped(j.alarms)) alarms", "P = \(SP80090BHealthJudgement.probabilityText(j.chanceProbability)) "
                                        + "(fail below 10⁻⁶, suspect below 10⁻³): \(j.verdict.rawValue)"))
        }
        self.overview = overview
        self.judgement = judgement.map { $0.summary(samplesTested: scan.samplesTested) }
        let total = scan.repetitionCountAlarms + scan.adaptiveProportionAlarms
        hasAlarms = total > 0
        flagged = judgement.map { $0.verdict != .pass } ?? (total > 0)
        summary = total == 0
            ? "No alarm in \(DisplayFormat.grouped(scan.samplesTested)) samples."
            : "\(DisplayFormat.grouped(total)) alarm\(total == 1 ? "" : "s") in \(DisplayFormat.grouped(scan.samplesTested)) samples: "
                + "\(DisplayFormat.grouped(scan.repetitionCountAlarms)) Repetition Count, \(DisplayFormat.grouped(scan.adaptiveProportionAlarms)) Adaptive Proportion."
        alarms = scan.alarms.prefix(Self.listedAlarms).map { a in
            AlarmRow(test: a.test == .repetitionCount ? "Repetition Count" : "Adaptive Proportion",
                     offset: DisplayFormat.grouped(a.offset), start: DisplayFormat.grouped(a.start),
                     value: "\(a.value) (0x\(a.value < 16 ? "0" : "")\(String(a.value, radix: 16)))", count: DisplayFormat.grouped(a.count))
        }
        if total > alarms.count {
            truncation = "The first \(DisplayFormat.grouped(alarms.count)) of \(DisplayFormat.grouped(total)) alarms are listed"
                + (scan.alarmsTruncated ? " (the report keeps \(DisplayFormat.grouped(scan.alarms.count)))." : "; report.json has them all.")
        } else {
            truncation = nil
        }
    }
}
