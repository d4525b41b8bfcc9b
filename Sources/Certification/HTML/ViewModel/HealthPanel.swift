import SP80090B

/// The continuous health tests of SP 800-90B §4.4 (Repetition Count, Adaptive Proportion) run
/// over the samples: their cutoffs and every alarm raised (first ones listed).
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
    public let hasAlarms: Bool
    public let alarms: [AlarmRow]
    /// Set when the report keeps fewer alarms than occurred (or the page lists fewer).
    public let truncation: String?

    /// Alarms listed on the page at most.
    public static let listedAlarms = 200

    public init(_ scan: HealthTestScan) {
        verdict = VerdictBadge(scan.verdict)
        let p = scan.parameters
        overview = [
            KeyValueRow("Min-entropy H", DisplayFormat.fixed(p.minEntropy, 6) + " bits per sample, \(p.bitsPerSymbol) bits per symbol"),
            KeyValueRow("False-positive probability α", p.falsePositiveProbability == 0x1p-20 ? "2⁻²⁰" : DisplayFormat.pValue(p.falsePositiveProbability)),
            KeyValueRow("Repetition Count Test", "cutoff C = \(p.repetitionCountCutoff)"),
            KeyValueRow("Adaptive Proportion Test", "window W = \(p.adaptiveProportionWindow), cutoff C = \(p.adaptiveProportionCutoff)"),
        ]
        let total = scan.repetitionCountAlarms + scan.adaptiveProportionAlarms
        hasAlarms = total > 0
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
