import SP80090B

/// The IID track of SP 800-90B (section 5 and the IID min-entropy): the permutation tests,
/// the chi-square and LRS tests, whether the IID assumption stands, and the MCV min-entropy.
public struct IIDPanel: Sendable, Equatable {
    public struct TestRow: Sendable, Equatable {
        public let name: String
        public let figures: String
        public let passed: Bool
        public let verdict: VerdictBadge
    }

    public struct PermutationRow: Sendable, Equatable {
        public let statistic: String
        public let original: String
        public let greater: String
        public let equal: String
        public let less: String
        public let permutations: String
        /// "passed", "failed", "not completed".
        public let status: String
        public let failed: Bool
    }

    public let verdict: VerdictBadge
    /// "The IID assumption stands." or why not.
    public let conclusion: String
    public let overview: [KeyValueRow]
    public let tests: [TestRow]
    public let permutations: [PermutationRow]
    /// False when the permutation tests did not run (IID already rejected): no figures then.
    public let permutationsRun: Bool
    /// The count and what decided, or "Not run: IID already rejected by …".
    public let permutationNote: String
    public let entropy: [KeyValueRow]
    public let assessed: String
    public let chart: String

    public init(_ result: IIDResult, id: String = "iid") {
        verdict = VerdictBadge(result.verdict)
        let p = result.permutationTests
        var failures: [String] = []
        if let p, !p.passed { failures.append("permutation tests") }
        if !result.chiSquare.passed { failures.append("chi-square tests") }
        if !result.longestRepeatedSubstring.passed { failures.append("LRS test") }
        let decided = result.rejectedBy.map { "; decided by \($0)" } ?? ""
        let skipped = p == nil ? "; permutation tests not run" : ""
        conclusion = result.isIID
            ? "The IID assumption stands: the permutation, chi-square and LRS tests all pass."
            : "The IID assumption is rejected (\(failures.joined(separator: ", ")) failed\(decided)\(skipped)); use the non-IID estimate."
        overview = [
            KeyValueRow("Samples", DisplayFormat.grouped(result.sampleCount)),
            KeyValueRow("Bits per symbol", "\(result.bitsPerSymbol)"),
            KeyValueRow("Distinct symbols k", DisplayFormat.grouped(result.alphabetSize) + (result.binary ? " (binary)" : "")),
            KeyValueRow("Mean, median", "\(DisplayFormat.fixed(result.mean, 6)), \(DisplayFormat.fixed(result.median, 6))"),
            KeyValueRow("Estimate", result.options.estimate == .initial ? "initial (-i)" : "conditioned (-c)"),
            KeyValueRow("Permutation seed", "\(result.options.seed) (0x\(String(result.options.seed, radix: 16)))", code: true),
        ]
        func chi(_ t: ChiSquareTestResult, _ name: String) -> TestRow {
            TestRow(name: name, figures: "χ² = \(DisplayFormat.fixed(t.statistic, 4)), \(t.degreesOfFreedom) d.f., p = \(DisplayFormat.pValue(t.pValue))",
                    passed: t.passed, verdict: VerdictBadge(t.passed ? .pass : .fail))
        }
        let lrs = result.longestRepeatedSubstring
        let lrsFigures = lrs.longestLength.map { w in
            "W = \(w), P(X ≥ 1) = \(DisplayFormat.pValue(lrs.probabilityOfCollision)) (collision probability \(DisplayFormat.fixed(lrs.collisionProbability, 6)))"
        } ?? "p_col = 1: passes trivially"
        tests = [
            chi(result.chiSquare.independence, "Chi-square independence (\(result.chiSquare.independence.test.rawValue))"),
            chi(result.chiSquare.goodnessOfFit, "Chi-square goodness of fit (\(result.chiSquare.goodnessOfFit.test.rawValue))"),
            TestRow(name: "Longest repeated substring (5.2.5)", figures: lrsFigures, passed: lrs.passed,
                    verdict: VerdictBadge(lrs.passed ? .pass : .fail)),
        ]
        permutationsRun = p != nil
        permutations = (p?.statistics ?? []).map { s in
            PermutationRow(
                statistic: s.statistic.rawValue, original: DisplayFormat.fixed(s.original, 4),
                greater: DisplayFormat.grouped(s.greater), equal: DisplayFormat.grouped(s.equal), less: DisplayFormat.grouped(s.less),
                permutations: DisplayFormat.grouped(s.permutationsUsed),
                status: s.status == .notCompleted ? "not completed" : s.status.rawValue, failed: s.status == .failed)
        }
        if let p {
            var note = "\(DisplayFormat.grouped(p.permutationCount)) permutations"
            if let decided = p.decidedBy, let after = p.decidedAfterPermutations {
                note += "; decided by \(decided.rawValue) after \(DisplayFormat.grouped(after)) permutations"
                if !p.notCompleted.isEmpty { note += " (\(p.notCompleted.count) statistics left unfinished)" }
            }
            permutationNote = note + "."
        } else {
            permutationNote = "Not run: IID already rejected by \(result.rejectedBy.map(String.init(describing:)) ?? "an earlier test")."
        }
        let m = result.minEntropy
        var entropy: [KeyValueRow] = []
        if let l = m.literal {
            entropy.append(KeyValueRow("MCV, samples", "p̂ = \(DisplayFormat.fixed(l.pHat, 6)), p_u = \(DisplayFormat.fixed(l.pU, 6)), H_original = \(DisplayFormat.fixed(m.hOriginal, 6))"))
        }
        if let b = m.bitstring {
            entropy.append(KeyValueRow("MCV, bitstring", "\(DisplayFormat.grouped(m.bitstringLength)) bits, p̂ = \(DisplayFormat.fixed(b.pHat, 6)), "
                                       + "p_u = \(DisplayFormat.fixed(b.pU, 6)), H_bitstring = \(DisplayFormat.fixed(m.hBitstring, 6)) per bit"))
        }
        entropy.append(KeyValueRow("Assessed min-entropy", DisplayFormat.fixed(m.hAssessed, 6) + " bits per sample"))
        self.entropy = entropy
        assessed = DisplayFormat.fixed(m.hAssessed, 6)
        var bars: [MinEntropyChart.Bar] = []
        if m.literal != nil { bars.append(MinEntropyChart.Bar(label: "MCV, samples", value: m.hOriginal, lowest: m.hAssessed == m.hOriginal)) }
        if m.bitstring != nil {
            let perSample = m.hBitstring * Double(result.bitsPerSymbol)
            bars.append(MinEntropyChart.Bar(label: "MCV, bitstring × \(result.bitsPerSymbol)", value: perSample, lowest: m.hAssessed == perSample))
        }
        chart = MinEntropyChart.svg(groups: [MinEntropyChart.Group(title: "IID estimates", bars: bars)],
                                    maximum: Double(result.bitsPerSymbol), assessed: m.hAssessed,
                                    id: "\(id)-chart", title: "IID min-entropy estimates")
    }
}
