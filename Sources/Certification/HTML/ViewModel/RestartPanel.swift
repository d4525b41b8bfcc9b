import SP80090B

/// The restart tests of SP 800-90B §3.1.4 on the restart matrix: the sanity check, H_r and H_c
/// on the row and column datasets against H_I, and the entropy they award.
public struct RestartPanel: Sendable, Equatable {
    public struct DatasetRow: Sendable, Equatable {
        /// "Rows (H_r)" or "Columns (H_c)".
        public let dataset: String
        public let mostCommonValue: String
        /// The other estimates, "Collision Test 7.81, …", or "—".
        public let estimates: String
        public let minEntropy: String
    }

    public let verdict: VerdictBadge
    public let overview: [KeyValueRow]
    /// Why the restart tests failed, in words; nil when they passed.
    public let failure: String?
    public let datasets: [DatasetRow]
    public let result: String
    public let chart: String?

    public init(_ result: RestartTestResult, id: String = "restart") {
        verdict = VerdictBadge(result.verdict)
        let sanity = result.sanityCheck
        let method: String
        switch sanity.cutoff.method {
        case .exact: method = "exact quantile"
        case let .simulation(rounds, seed): method = "simulation, \(DisplayFormat.grouped(rounds)) rounds, seed \(seed)"
        case .binomial: method = "binomial (§3.1.4.3 text)"
        }
        overview = [
            KeyValueRow("Track", result.track == .iid ? "IID" : "non-IID"),
            KeyValueRow("Bits per symbol, distinct values", "\(result.bitsPerSymbol), \(DisplayFormat.grouped(result.distinctSymbols))"),
            KeyValueRow("Initial entropy H_I", DisplayFormat.fixed(result.initialEntropy, 6) + " bits per sample"),
            KeyValueRow("Sanity check", "X_max = \(sanity.maxCount) (rows \(sanity.maxRowCount), columns \(sanity.maxColumnCount)), cutoff \(sanity.cutoff.cutoff): "
                        + (sanity.passed ? "passed" : "failed"), note: "cutoff by \(method)"),
        ]
        switch result.failure {
        case .sanityCheck?: failure = "The sanity check failed: X_max exceeds the cutoff, so no entropy is awarded."
        case .validation?: failure = "Validation failed: min(H_r, H_c) < H_I / 2, so no entropy is awarded."
        case nil: failure = nil
        }
        func row(_ name: String, _ d: RestartDatasetAssessment?) -> DatasetRow? {
            guard let d else { return nil }
            let others = d.estimates.map { "\($0.estimator) \(DisplayFormat.fixed($0.minEntropy, 4))" }
            return DatasetRow(dataset: name, mostCommonValue: DisplayFormat.fixed(d.mostCommonValue.minEntropy, 6),
                              estimates: others.isEmpty ? "—" : others.joined(separator: ", "),
                              minEntropy: DisplayFormat.fixed(d.minEntropy, 6))
        }
        datasets = [row("Rows (H_r)", result.rows), row("Columns (H_c)", result.columns)].compactMap { $0 }
        self.result = result.assessedEntropy.map { "min(H_r, H_c, H_I) = \(DisplayFormat.fixed($0, 6)) bits per sample" } ?? "no entropy awarded"
        if let r = result.rowEntropy, let c = result.columnEntropy {
            let bits = Double(result.bitsPerSymbol)
            chart = MinEntropyChart.svg(
                groups: [MinEntropyChart.Group(title: "Restart datasets", bars: [
                    MinEntropyChart.Bar(label: "H_I (initial)", value: result.initialEntropy, lowest: false),
                    MinEntropyChart.Bar(label: "H_r (rows)", value: r, lowest: r <= c),
                    MinEntropyChart.Bar(label: "H_c (columns)", value: c, lowest: c < r),
                    MinEntropyChart.Bar(label: "H_I / 2 (threshold)", value: result.initialEntropy / 2, lowest: false),
                ])],
                maximum: bits, assessed: result.assessedEntropy, id: "\(id)-chart", title: "Restart test min-entropies")
        } else {
            chart = nil
        }
    }
}
