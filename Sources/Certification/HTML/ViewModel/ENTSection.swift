import ENT

/// The ENT part of the page: byte-mode and bit-mode figures side by side (formatted as `ent`
/// prints them), their verdicts, and the byte-frequency chart.
public struct ENTSection: Sendable, Equatable {
    /// One figure in both modes.
    public struct Row: Sendable, Equatable {
        public let label: String
        public let byteValue: String
        public let bitValue: String
        public let note: String
    }

    public let verdict: VerdictBadge
    public let byteVerdict: VerdictBadge
    public let bitVerdict: VerdictBadge
    public let rows: [Row]
    /// Why a mode was not applicable, if one was ("byte mode: …").
    public let notApplicable: [String]
    public let foldsCase: Bool
    /// Trailing bits of the decoded input that fill no byte, left out of ENT (nil for none).
    public let uncountedTrailingBits: Int?
    /// The 256-bar byte-frequency chart (SVG); nil for an empty input.
    public let byteFrequencyChart: String?
    /// "zeros 4,194,560 (50.0012 %), ones …".
    public let bitCounts: String

    public init(_ ent: ENTSuiteResult) {
        verdict = VerdictBadge(ent.verdict)
        byteVerdict = VerdictBadge(ent.byteMode.verdict)
        bitVerdict = VerdictBadge(ent.bitMode.verdict)
        foldsCase = ent.foldsCase
        uncountedTrailingBits = ent.uncountedTrailingBits
        let b = ent.byteMode, t = ent.bitMode
        func both(_ label: String, _ f: (ENTStatistics) -> String, _ note: String) -> Row {
            Row(label: label, byteValue: f(b), bitValue: f(t), note: note)
        }
        func optional(_ value: Double?, _ show: (Double) -> String) -> String { value.map(show) ?? "—" }
        rows = [
            both("Samples", { DisplayFormat.grouped($0.sampleCount) + ($0.mode == .byte ? " bytes" : " bits") },
                 "bytes, or bits read most significant first"),
            both("Entropy", { DisplayFormat.fixed($0.entropy, 6) + ($0.mode == .byte ? " bits per byte" : " bits per bit") },
                 "Shannon entropy of the symbol frequencies; 8 (or 1) at most"),
            both("Optimum compression", { "\($0.optimumCompressionPercent) %" },
                 "how much an order-0 coder could shrink the data (ent's figure, truncated)"),
            both("Chi-square", { s in optional(s.chiSquare) { DisplayFormat.fixed($0, 2) } + " (\(s.degreesOfFreedom) d.f.)" },
                 "Σ (observed − expected)² / expected over the symbols"),
            both("Chi-square exceeded", { s in optional(s.chiSquareExceedancePercent) { DisplayFormat.fixed($0, 2) + " % of the time" } },
                 "ent's approximation of P(χ² ≥ observed), as ent prints it"),
            both("Chi-square p-value", { s in optional(s.chiSquarePValue) { DisplayFormat.pValue($0) } },
                 "exact P(χ² ≥ observed) (GSL); decides the verdict"),
            both("Arithmetic mean", { s in optional(s.mean) { DisplayFormat.fixed($0, 4) } + (s.mode == .byte ? " (random: 127.5)" : " (random: 0.5)") },
                 "mean symbol value"),
            both("Monte Carlo π", { s in
                    optional(s.monteCarloPi) { DisplayFormat.fixed($0, 9) }
                        + (s.monteCarloErrorPercent.map { " (error \(DisplayFormat.fixed($0, 2)) %)" } ?? "")
                 }, "from successive 6-byte points in the unit square; the same in both modes"),
            both("Serial correlation", { s in optional(s.serialCorrelation) { DisplayFormat.fixed($0, 6) } },
                 "correlation of each symbol with the next; 0 for random data"),
        ]
        var reasons: [String] = []
        if let reason = b.notApplicableReason { reasons.append("byte mode: \(reason)") }
        if let reason = t.notApplicableReason { reasons.append("bit mode: \(reason)") }
        notApplicable = reasons
        byteFrequencyChart = b.sampleCount > 0 && b.counts.count == 256
            ? ByteFrequencyChart.svg(counts: b.counts, id: "ent-byte-frequency") : nil
        if t.counts.count == 2, t.sampleCount > 0 {
            let zeros = t.counts[0], ones = t.counts[1]
            let total = Double(t.sampleCount)
            bitCounts = "zeros \(DisplayFormat.grouped(zeros)) (\(DisplayFormat.fixed(Double(zeros) / total * 100, 4)) %), "
                + "ones \(DisplayFormat.grouped(ones)) (\(DisplayFormat.fixed(Double(ones) / total * 100, 4)) %)"
        } else {
            bitCounts = "no bits"
        }
    }
}
