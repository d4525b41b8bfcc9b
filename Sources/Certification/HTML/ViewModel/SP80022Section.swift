import RandomnessCore
import SP80022

/// The SP 800-22 part of the page. With several streams it is STS's final analysis table
/// (C1…C10, uniformity P-value, proportion per p-value slot) with the proportion chart; with
/// one stream, the p-values themselves with a strip chart. Both show the 10-bin histogram of
/// all p-values.
public struct SP80022Section: Sendable, Equatable {
    /// One p-value slot of one test: a row of STS's final analysis table.
    public struct SlotRow: Sendable, Equatable {
        /// The slot label ("forward", "x = -4", a template), or "" for single-p-value tests.
        public let label: String
        /// C1…C10 separated by spaces.
        public let histogram: String
        /// Inline SVG of the ten counts.
        public let sparkline: String
        /// Uniformity P-value, or "—" when STS prints "----" (too few p-values).
        public let uniformity: String
        public let uniformityFailed: Bool
        /// "passCount/sampleSize", or "—" for an empty sample.
        public let proportion: String
        /// passCount/sampleSize with four decimals, or "—".
        public let proportionValue: String
        /// The acceptance interval of the proportion, "[0.8845, 1.0955]", or "—".
        public let interval: String
        /// STS's accepted pass counts "7–8", or "—".
        public let passRange: String
        public let proportionFailed: Bool
        /// The p-value of the one stream (single-stream layout), or "—".
        public let pValue: String
        public let pValueBelowAlpha: Bool
        public let verdict: VerdictBadge
    }

    /// One test: its slots, shown inline (two slots at most) or summarised with the full table
    /// in a collapsible block.
    public struct TestGroup: Sendable, Equatable {
        public let name: String
        /// STS's name ("NonOverlappingTemplate").
        public let stsName: String
        /// HTML id of its detail block.
        public let anchor: String
        public let verdict: VerdictBadge
        public let slotCount: Int
        public let collapsed: Bool
        public let inline: Bool
        /// The test has no p-value slot at all (it could run on no stream).
        public let empty: Bool
        public let rows: [SlotRow]
        /// For a collapsed test: a one-line account of its slots.
        public let summary: String
        /// Sum of the test's slot histograms (collapsed row).
        public let histogram: String
        public let sparkline: String
        /// Streams on which the test could not run, and why; nil when it ran on every stream.
        public let notApplicable: String?
    }

    public let verdict: VerdictBadge
    public let multiStream: Bool
    public let singleStream: Bool
    public let overview: [KeyValueRow]
    /// "188 p-value slots in 15 tests: 187 pass, 1 suspect, 0 fail."
    public let summary: String
    /// How a slot is marked, in words, with this run's numbers.
    public let rule: String
    /// How the suite verdict follows from the marks (`SP80022VerdictPolicy`), in words.
    public let policy: String
    /// The figures of `SP80022VerdictBasis`.
    public let basis: [KeyValueRow]
    /// The basis's reasons for the verdict, the first `listedReasons` of them.
    public let reasons: [String]
    public let hasReasons: Bool
    /// "… and 113 more: see the table." when reasons were left out.
    public let moreReasons: String?
    /// `notice fail` or `notice` (suspect): the box the reasons are shown in.
    public let reasonsClass: String

    /// Reasons listed on the page at most.
    static let listedReasons = 6
    /// Distinct not-applicable reasons listed per test at most.
    static let listedNotApplicableReasons = 2
    public let histogramChart: String
    /// The run's key numbers beside the histogram: p-values, how many fell below α, the
    /// lowest p-value or proportion and where.
    public let keyFigures: [KeyValueRow]
    public let proportionChart: String?
    public let pValueChart: String?
    public let tests: [TestGroup]
    public let collapsedTests: [TestGroup]

    /// Slots per test above which the test is summarised in the main table.
    static let inlineSlotLimit = 2

    public init(_ result: SP80022SuiteResult) {
        verdict = VerdictBadge(result.verdict)
        multiStream = result.streamCount > 1
        singleStream = result.streamCount == 1
        let p = result.parameters
        let untested = result.inputBits - result.streamCount * result.streamLength
        var overview = [
            KeyValueRow("Streams", "\(DisplayFormat.grouped(result.streamCount)) × \(DisplayFormat.grouped(result.streamLength)) bits"),
            KeyValueRow("Input bits", DisplayFormat.grouped(result.inputBits)
                        + (untested > 0 ? " (last \(DisplayFormat.grouped(untested)) not tested)" : "")),
            KeyValueRow("Significance level α", DisplayFormat.fixed(result.alpha, 4)),
            KeyValueRow("Variant", p.corrected ? "corrected (SP 800-22 §4.2.2, full-precision p-values)" : "NIST STS 2.1.2 (default)"),
            KeyValueRow("Block lengths", "Block Frequency M = \(p.blockFrequencyBlockLength), Non-overlapping Template m = \(p.nonOverlappingTemplateLength), "
                        + "Overlapping Template m = \(p.overlappingTemplateLength), Approximate Entropy m = \(p.approximateEntropyBlockLength), "
                        + "Serial m = \(p.serialBlockLength), Linear Complexity M = \(p.linearComplexityBlockLength)"),
        ]
        if result.tests.count < SP80022TestID.allCases.count {
            overview.append(KeyValueRow("Tests", result.tests.map { Self.displayName($0) }.joined(separator: ", ")))
        }
        if result.streams.count < result.streamCount {
            overview.append(KeyValueRow("Streams shown", "\(result.streams.count) of \(DisplayFormat.grouped(result.streamCount)): those with the smallest p-values"))
        }
        if let table = result.streamTable {
            overview.append(KeyValueRow("Per-stream table", "\(table.file): \(DisplayFormat.grouped(table.rows)) rows, \(DisplayFormat.grouped(table.byteCount)) bytes",
                                        note: "sha256 \(table.sha256)"))
        }
        self.overview = overview

        let slots = result.analysis.flatMap(\.slots)
        let failed = slots.filter { $0.verdict == .fail }.count
        let suspect = slots.filter { $0.verdict == .suspect }.count
        let passed = slots.filter { $0.verdict == .pass }.count
        let na = slots.count - failed - suspect - passed
        summary = "\(slots.count) p-value slot\(slots.count == 1 ? "" : "s") in \(result.analysis.count) test\(result.analysis.count == 1 ? "" : "s"): "
            + "\(passed) pass, \(suspect) suspect, \(failed) fail" + (na > 0 ? ", \(na) not applicable" : "") + "."

        if result.streamCount == 1 {
            rule = "One stream: STS marks (*) a p-value below α = \(DisplayFormat.fixed(result.alpha, 4))."
        } else {
            let example = slots.first { $0.sampleSize == result.streamCount }
            let counts = example.map { " With all \($0.sampleSize) streams, \($0.minimumPassCount) to \($0.maximumPassCount) of them must have p ≥ α." } ?? ""
            rule = "STS's final analysis marks (*) a slot whose proportion of streams with p ≥ α = \(DisplayFormat.fixed(result.alpha, 4)) leaves "
                + "p̂ ± 3√(p̂(1 − p̂)/m), p̂ = 1 − α, or whose uniformity P-value (ten-bin histogram, from 10 p-values on) is below "
                + "\(DisplayFormat.fixed(SP80022FinalAnalysis.uniformityThreshold, 4))." + counts
        }
        let b = result.verdictBasis
        policy = "A marked slot is suspect: a good generator gets some (\(DisplayFormat.fixed(b.expectedFlaggedSlots, 2)) expected here). "
            + "It fails when its evidence survives a Bonferroni correction over the \(b.slotCount) slots (below \(DisplayFormat.pValue(b.bonferroniAlpha))); "
            + "the suite also fails when the number of marked slots is improbable for a good generator (P < \(DisplayFormat.fixed(SP80022VerdictPolicy.flaggedCountThreshold, 3)))."
        basis = [
            KeyValueRow("Marked slots", "\(b.flaggedSlots) of \(b.slotCount) (expected \(DisplayFormat.fixed(b.expectedFlaggedSlots, 2)))"),
            KeyValueRow("P(at least as many marks)", DisplayFormat.pValue(b.flaggedSlotsTailProbability), note: "for a good generator; fails below 0.001"),
            KeyValueRow("Decisive slots", "\(b.decisiveSlots)", note: "evidence below α/K = \(DisplayFormat.pValue(b.bonferroniAlpha))"),
        ]
        reasons = Array(b.reasons.prefix(Self.listedReasons))
        hasReasons = !b.reasons.isEmpty
        moreReasons = b.reasons.count > Self.listedReasons
            ? "… and \(b.reasons.count - Self.listedReasons) more: see the table and report.json." : nil
        reasonsClass = result.verdict == .fail ? "notice fail" : "notice"

        var total = [Int](repeating: 0, count: 10)
        for slot in slots where slot.histogram.count == 10 {
            for i in 0..<10 { total[i] += slot.histogram[i] }
        }
        histogramChart = PValueHistogramChart.svg(histogram: total, id: "sts-histogram", title: "Histogram of all SP 800-22 p-values")

        let alpha = result.alpha
        keyFigures = Self.keyFigures(result, histogramTotal: total.reduce(0, +))
        var groups: [TestGroup] = []
        var stripTests: [PValueStripChart.Test] = []
        var proportionTests: [ProportionChart.Test] = []
        for (testIndex, analysis) in result.analysis.enumerated() {
            let name = Self.displayName(analysis.test)
            let single = result.streamCount == 1 ? result.streams.first?.outcomes.first { $0.test == analysis.test } : nil
            var rows: [SlotRow] = []
            for slot in analysis.slots {
                let pValue = single.flatMap { $0.pValues.count > slot.slot ? $0.pValues[slot.slot] : nil }
                rows.append(Self.row(slot, pValue: pValue, alpha: alpha, id: "sts-spark-\(testIndex)-\(slot.slot)", name: name))
            }
            let collapsed = analysis.slots.count > Self.inlineSlotLimit
            var summed = [Int](repeating: 0, count: 10)
            for slot in analysis.slots where slot.histogram.count == 10 {
                for i in 0..<10 { summed[i] += slot.histogram[i] }
            }
            let groupSummary: String
            let slotFails = analysis.slots.filter { $0.verdict == .fail }.count
            if let single {
                let values = single.pValues
                let below = values.filter { $0 < alpha }.count
                groupSummary = values.isEmpty ? "not applicable"
                    : "\(values.count) p-values, lowest \(DisplayFormat.pValue(values.min()!)), \(below) below α"
                stripTests.append(PValueStripChart.Test(name: name, pValues: values.enumerated().map { i, v in
                    (i < single.labels.count ? single.labels[i] : "", v)
                }))
            } else {
                let uniformities = analysis.slots.compactMap(\.uniformityPValue)
                let proportions = analysis.slots.compactMap(\.proportion)
                let slotMarks = analysis.slots.filter(\.flagged).count
                var parts = ["\(analysis.slots.count) slots, \(slotMarks) marked, \(slotFails) fail"]
                if let u = uniformities.min() { parts.append("lowest uniformity P \(DisplayFormat.pValue(u))") }
                if let q = proportions.min() { parts.append("lowest proportion \(DisplayFormat.fixed(q, 4))") }
                groupSummary = parts.joined(separator: ", ")
                proportionTests.append(ProportionChart.Test(name: name, slots: analysis.slots.compactMap { slot in
                    guard let q = slot.proportion, slot.sampleSize > 0 else { return nil }
                    let m = Double(slot.sampleSize)
                    return ProportionChart.Slot(label: slot.label, proportion: q, lower: Double(slot.minimumPassCount) / m,
                                                upper: Double(slot.maximumPassCount) / m, sampleSize: slot.sampleSize,
                                                minimumPassCount: slot.minimumPassCount, maximumPassCount: slot.maximumPassCount,
                                                failed: slot.proportionFailed)
                }))
            }
            var note: String? = nil
            if analysis.notApplicableStreams > 0 {
                let reasons = analysis.notApplicableReasons
                let shown = reasons.prefix(Self.listedNotApplicableReasons).joined(separator: "; ")
                let more = reasons.count > Self.listedNotApplicableReasons
                    ? "; and \(reasons.count - Self.listedNotApplicableReasons) other reasons (report.json lists them)" : ""
                note = "Not applicable on \(DisplayFormat.grouped(analysis.notApplicableStreams)) of \(DisplayFormat.grouped(result.streamCount)) "
                    + "stream\(result.streamCount == 1 ? "" : "s"): " + shown + more
            }
            groups.append(TestGroup(
                name: name, stsName: analysis.test.rawValue, anchor: "sts-\(analysis.test.rawValue)",
                verdict: VerdictBadge(analysis.verdict), slotCount: analysis.slots.count,
                collapsed: collapsed, inline: !collapsed && !rows.isEmpty, empty: rows.isEmpty, rows: rows, summary: groupSummary,
                histogram: summed.map(String.init).joined(separator: " "),
                sparkline: HistogramSparkline.svg(histogram: summed, id: "sts-spark-\(testIndex)", label: name),
                notApplicable: note))
        }
        tests = groups
        collapsedTests = groups.filter(\.collapsed)
        if result.streamCount == 1 {
            pValueChart = PValueStripChart.svg(tests: stripTests.filter { !$0.pValues.isEmpty }, alpha: alpha, id: "sts-pvalues")
            proportionChart = nil
        } else {
            pValueChart = nil
            let shown = proportionTests.filter { !$0.slots.isEmpty }
            proportionChart = shown.isEmpty ? nil : ProportionChart.svg(tests: shown, expected: 1 - alpha, id: "sts-proportions")
        }
    }

    static func keyFigures(_ result: SP80022SuiteResult, histogramTotal: Int) -> [KeyValueRow] {
        let alpha = result.alpha
        let summary = result.pValueSummary
        let count = summary.count, below = summary.belowAlpha
        let lowest = summary.lowest.map { place -> (p: Double, where: String) in
            let label = place.label.isEmpty ? "" : " \(place.label)"
            let where_ = result.streamCount > 1 ? ", stream \(place.stream + 1)" : ""
            return (place.pValue, "\(displayName(place.test))\(label)\(where_)")
        }
        var rows = [
            KeyValueRow("p-values", DisplayFormat.grouped(count) + (histogramTotal != count ? " (\(DisplayFormat.grouped(histogramTotal)) in the histogram)" : "")),
            KeyValueRow("Below α", "\(DisplayFormat.grouped(below)) (\(DisplayFormat.percent(count > 0 ? Double(below) / Double(count) * 100 : 0, 2)); expected \(DisplayFormat.percent(alpha * 100, 0)))"),
        ]
        if let lowest { rows.append(KeyValueRow("Lowest p-value", DisplayFormat.pValue(lowest.p), note: lowest.where)) }
        if result.streamCount > 1 {
            let slots = result.analysis.flatMap { a in a.slots.map { (a.test, $0) } }
            if let (test, slot) = slots.filter({ $0.1.proportion != nil }).min(by: { $0.1.proportion! < $1.1.proportion! }) {
                rows.append(KeyValueRow("Lowest proportion", "\(slot.passCount)/\(slot.sampleSize) = \(DisplayFormat.fixed(slot.proportion!, 4))",
                                        note: displayName(test) + (slot.label.isEmpty ? "" : " \(slot.label)")))
            }
            if let (test, slot) = slots.filter({ $0.1.uniformityPValue != nil }).min(by: { $0.1.uniformityPValue! < $1.1.uniformityPValue! }) {
                rows.append(KeyValueRow("Lowest uniformity P", DisplayFormat.pValue(slot.uniformityPValue!),
                                        note: displayName(test) + (slot.label.isEmpty ? "" : " \(slot.label)")))
            } else {
                rows.append(KeyValueRow("Uniformity", "not computed", note: "needs at least 10 p-values per slot (STS prints ----)"))
            }
        }
        return rows
    }

    static func row(_ slot: SP80022SlotAnalysis, pValue: Double?, alpha: Double, id: String, name: String) -> SlotRow {
        let empty = slot.sampleSize == 0
        return SlotRow(
            label: slot.label,
            histogram: slot.histogram.map(String.init).joined(separator: " "),
            sparkline: HistogramSparkline.svg(histogram: slot.histogram, id: id, label: slot.label.isEmpty ? name : "\(name) \(slot.label)"),
            uniformity: slot.uniformityPValue.map { DisplayFormat.pValue($0) + (slot.uniformityFailed ? " *" : "") } ?? "—",
            uniformityFailed: slot.uniformityFailed,
            proportion: empty ? "—" : "\(slot.passCount)/\(slot.sampleSize)" + (slot.proportionFailed ? " *" : ""),
            proportionValue: slot.proportion.map { DisplayFormat.fixed($0, 4) } ?? "—",
            interval: slot.proportionLowerBound.flatMap { lo in slot.proportionUpperBound.map { hi in
                "[\(DisplayFormat.fixed(lo, 4)), \(DisplayFormat.fixed(hi, 4))]" } } ?? "—",
            passRange: empty ? "—" : "\(slot.minimumPassCount)–\(slot.maximumPassCount)",
            proportionFailed: slot.proportionFailed,
            pValue: pValue.map { DisplayFormat.pValue($0) + ($0 < alpha ? " *" : "") } ?? "—",
            pValueBelowAlpha: pValue.map { $0 < alpha } ?? false,
            verdict: VerdictBadge(slot.verdict))
    }

    /// The test's name in words ("Non-overlapping Template").
    public static func displayName(_ test: SP80022TestID) -> String {
        switch test {
        case .frequency: "Frequency (Monobit)"
        case .blockFrequency: "Block Frequency"
        case .cumulativeSums: "Cumulative Sums"
        case .runs: "Runs"
        case .longestRun: "Longest Run of Ones"
        case .rank: "Binary Matrix Rank"
        case .fft: "Discrete Fourier Transform"
        case .nonOverlappingTemplate: "Non-overlapping Template"
        case .overlappingTemplate: "Overlapping Template"
        case .universal: "Maurer's Universal"
        case .approximateEntropy: "Approximate Entropy"
        case .randomExcursions: "Random Excursions"
        case .randomExcursionsVariant: "Random Excursions Variant"
        case .serial: "Serial"
        case .linearComplexity: "Linear Complexity"
        }
    }
}
