import SP80090B

/// The non-IID track of SP 800-90B (section 6.3): each estimator's min-entropy over the
/// literal samples and over the bitstring, H_original, H_bitstring and the assessed H, with a
/// bar chart of the estimates in bits per sample.
public struct NonIIDPanel: Sendable, Equatable {
    /// One estimator's figures.
    public struct EstimatorRow: Sendable, Equatable {
        public let name: String
        /// "6.3.1".
        public let section: String
        /// Bits per sample, or "—" (not run on this sequence) / "n/a" (ran without an estimate).
        public let literal: String
        public let literalLowest: Bool
        /// Bits per bit of the bitstring.
        public let bitstring: String
        public let bitstringLowest: Bool
        /// The bitstring estimate × bits per symbol: comparable with the literal one.
        public let bitstringPerSample: String
    }

    public let overview: [KeyValueRow]
    public let estimators: [EstimatorRow]
    public let hasLiteral: Bool
    public let hasBitstring: Bool
    public let results: [KeyValueRow]
    /// The assessed min-entropy per sample, six decimals.
    public let assessed: String
    public let notApplicable: [String]
    public let warnings: [String]
    public let chart: String

    public init(_ result: NonIIDResult, id: String = "noniid") {
        let bits = result.bitsPerSymbol
        var overview = [
            KeyValueRow("Estimate", result.options.estimate == .initial
                        ? "initial entropy estimate H_I (-i)" : "conditioned sequential dataset h′ (-c)"),
            KeyValueRow("Samples", DisplayFormat.grouped(result.sampleCount)),
            KeyValueRow("Bits per symbol", "\(bits)" + (result.options.bitsPerSymbol == nil ? " (inferred)" : "")),
            KeyValueRow("Distinct symbols k", DisplayFormat.grouped(result.alphabetSize) + (result.symbolsTranslated ? " (renumbered 0…k−1)" : "")),
            KeyValueRow("Bitstring", result.options.allBits ? "all bits (-a)" : "first 1,000,000 bits (-t)"),
        ]
        if let subset = result.options.subset {
            overview.append(KeyValueRow("Subset (-l)", "block \(subset.index) of \(DisplayFormat.grouped(subset.samples)) samples"))
        }
        self.overview = overview
        hasLiteral = result.literal != nil
        hasBitstring = result.bitstring != nil
        let literal = result.literal.map { Dictionary(uniqueKeysWithValues: $0.minEntropies.map { ($0.estimator, $0.minEntropy) }) } ?? [:]
        let bitstring = result.bitstring.map { Dictionary(uniqueKeysWithValues: $0.minEntropies.map { ($0.estimator, $0.minEntropy) }) } ?? [:]
        let literalLowest = result.literal?.lowest.estimator
        let bitstringLowest = result.bitstring?.lowest.estimator
        let literalNA = Set(result.literal?.notApplicable.map(\.estimator) ?? [])
        let bitstringNA = Set(result.bitstring?.notApplicable.map(\.estimator) ?? [])
        func cell(_ value: Double?, notApplicable: Bool) -> String {
            value.map { DisplayFormat.fixed($0, 6) } ?? (notApplicable ? "n/a" : "—")
        }
        estimators = NonIIDEstimator.allCases.compactMap { e in
            let l = literal[e], b = bitstring[e]
            guard l != nil || b != nil || literalNA.contains(e) || bitstringNA.contains(e) else { return nil }
            return EstimatorRow(
                name: e.referenceName, section: e.section,
                literal: cell(l, notApplicable: literalNA.contains(e)), literalLowest: e == literalLowest,
                bitstring: cell(b, notApplicable: bitstringNA.contains(e)), bitstringLowest: e == bitstringLowest,
                bitstringPerSample: b.map { DisplayFormat.fixed($0 * Double(bits), 6) } ?? "—")
        }
        var results: [KeyValueRow] = []
        if let h = result.hOriginal { results.append(KeyValueRow("H_original", DisplayFormat.fixed(h, 6) + " bits per sample")) }
        if let h = result.hBitstring {
            results.append(KeyValueRow("H_bitstring", DisplayFormat.fixed(h, 6) + " bits per bit (× \(bits) = "
                                       + DisplayFormat.fixed(h * Double(bits), 6) + " bits per sample)"))
        }
        results.append(KeyValueRow("Assessed min-entropy", DisplayFormat.fixed(result.assessedMinEntropy, 6) + " bits per sample"))
        self.results = results
        assessed = DisplayFormat.fixed(result.assessedMinEntropy, 6)
        notApplicable = (result.literal?.notApplicable.map { "literal \($0.estimator.referenceName): \($0.reason)" } ?? [])
            + (result.bitstring?.notApplicable.map { "bitstring \($0.estimator.referenceName): \($0.reason)" } ?? [])
        warnings = result.warnings

        var groups: [MinEntropyChart.Group] = []
        if let l = result.literal {
            groups.append(MinEntropyChart.Group(title: "Literal samples", bars: l.minEntropies.map {
                MinEntropyChart.Bar(label: $0.estimator.referenceName, value: $0.minEntropy, lowest: $0.estimator == literalLowest)
            }))
        }
        if let b = result.bitstring {
            groups.append(MinEntropyChart.Group(title: "Bitstring (per bit × \(bits))", bars: b.minEntropies.map {
                MinEntropyChart.Bar(label: $0.estimator.referenceName, value: $0.minEntropy * Double(bits), lowest: $0.estimator == bitstringLowest)
            }))
        }
        chart = MinEntropyChart.svg(groups: groups, maximum: Double(bits), assessed: result.assessedMinEntropy,
                                    id: "\(id)-chart", title: "Non-IID min-entropy estimates")
    }
}
