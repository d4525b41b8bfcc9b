import RandomnessCore

/// Everything one run of the battery produced: the parameters, every stream's outcomes, the
/// second-level analysis per test and p-value slot, and the verdict. Goes verbatim into the
/// report; every number is finite and every array is in a fixed order (streams in input
/// order, tests in STS order, slots in each test's p-value order).
public struct SP80022SuiteResult: Codable, Sendable, Equatable {
    /// The parameters as given (streamCount may be nil: see `streamCount` for the one used).
    public var parameters: SP80022Parameters
    /// Significance level of each p-value (0.01).
    public var alpha: Double
    /// Bits in the input; bits past `streamCount × streamLength` are not tested.
    public var inputBits: Int
    /// Bits per stream n.
    public var streamLength: Int
    /// Number of streams N actually tested.
    public var streamCount: Int
    /// The tests that ran, in STS order (the requested ones that are registered).
    public var tests: [SP80022TestID]
    /// The streams kept inline, in index order, each with the outcome of every test in `tests`
    /// order: every stream when there are at most `SP80022StreamingBattery.inlineStreamLimit`
    /// (20), else the 20 with the smallest p-values. Every stream is in `streamTable`.
    public var streams: [SP80022StreamResult]
    /// Every p-value of every stream, summarised.
    public var pValueSummary: SP80022PValueSummary
    /// The per-stream table beside the report (`assess` writes it); nil in a result computed
    /// in memory.
    public var streamTable: SP80022StreamTableReference?
    /// The second-level analysis, one entry per test in `tests` order.
    public var analysis: [SP80022TestAnalysis]
    /// How the verdict follows from the marked slots (see `SP80022VerdictPolicy`).
    public var verdictBasis: SP80022VerdictBasis
    /// Fail, suspect or pass per `SP80022VerdictPolicy`; not applicable when no test could run.
    public var verdict: Verdict

    public init(parameters: SP80022Parameters, alpha: Double, inputBits: Int, streamLength: Int, streamCount: Int,
                tests: [SP80022TestID], streams: [SP80022StreamResult], pValueSummary: SP80022PValueSummary,
                streamTable: SP80022StreamTableReference? = nil, analysis: [SP80022TestAnalysis],
                verdictBasis: SP80022VerdictBasis, verdict: Verdict) {
        self.parameters = parameters
        self.alpha = alpha
        self.inputBits = inputBits
        self.streamLength = streamLength
        self.streamCount = streamCount
        self.tests = tests
        self.streams = streams
        self.pValueSummary = pValueSummary
        self.streamTable = streamTable
        self.analysis = analysis
        self.verdictBasis = verdictBasis
        self.verdict = verdict
    }
}

/// One stream's results.
public struct SP80022StreamResult: Codable, Sendable, Equatable {
    /// 0-based stream number.
    public var index: Int
    /// Offset of the stream's first bit in the input.
    public var bitOffset: Int
    /// One outcome per test, in the suite's `tests` order.
    public var outcomes: [SP80022TestOutcome]

    public init(index: Int, bitOffset: Int, outcomes: [SP80022TestOutcome]) {
        self.index = index
        self.bitOffset = bitOffset
        self.outcomes = outcomes
    }
}

/// The second-level analysis of one test: one entry per p-value slot.
public struct SP80022TestAnalysis: Codable, Sendable, Equatable {
    public var test: SP80022TestID
    /// Streams on which the test was not applicable (excluded from every slot's sample).
    public var notApplicableStreams: Int
    /// The reasons given, each once, in stream order.
    public var notApplicableReasons: [String]
    public var slots: [SP80022SlotAnalysis]
    /// Fail if any slot fails, else pass if any slot passed, else not applicable.
    public var verdict: Verdict

    public init(test: SP80022TestID, notApplicableStreams: Int, notApplicableReasons: [String],
                slots: [SP80022SlotAnalysis], verdict: Verdict) {
        self.test = test
        self.notApplicableStreams = notApplicableStreams
        self.notApplicableReasons = notApplicableReasons
        self.slots = slots
        self.verdict = verdict
    }
}

/// One row of STS's finalAnalysisReport.txt: the p-values of one slot of one test across the
/// streams where it ran.
public struct SP80022SlotAnalysis: Codable, Sendable, Equatable {
    /// The slot's position in the test's p-values, and its label ("" for single-p-value tests).
    public var slot: Int
    public var label: String
    /// C1…C10: how many p-values fall in [0, 0.1), [0.1, 0.2), …, [0.9, 1].
    public var histogram: [Int]
    /// Uniformity of the p-values, igamc(9/2, χ²/2) over the ten bins; nil where STS prints
    /// "----" (fewer than 10 p-values; 55 with `corrected`).
    public var uniformityPValue: Double?
    /// The uniformity P-value is below 0.0001 (STS's "*").
    public var uniformityFailed: Bool
    /// The true probability, for good data, of a uniformity statistic at least as large as
    /// this one: P(S ≥ observed S) with S = Σ C_i² and C ~ Multinomial(m, ten cells of 1/10)
    /// (`UniformityNullDistribution`; STS's P-value uses the χ²₉ law with E = ⌊m/10⌋, far from
    /// this for m not a multiple of 10). Nil where `uniformityPValue` is.
    public var uniformityNullProbability: Double?
    /// Number of p-values in the sample, and how many of them are ≥ α.
    public var sampleSize: Int
    public var passCount: Int
    /// passCount / sampleSize; nil for an empty sample.
    public var proportion: Double?
    /// The acceptance interval p̂ ± 3√(p̂(1−p̂)/m) with p̂ = 1 − α; nil for an empty sample.
    public var proportionLowerBound: Double?
    public var proportionUpperBound: Double?
    /// STS's integer bounds on passCount: ⌊(p̂ ∓ 3√(p̂α/m))·m⌋ (truncated as STS does).
    public var minimumPassCount: Int
    public var maximumPassCount: Int
    /// passCount lies outside [minimumPassCount, maximumPassCount] (STS's "*").
    public var proportionFailed: Bool
    /// STS would mark this slot: with one p-value, p < α; otherwise the proportion or the
    /// uniformity failed.
    public var flagged: Bool
    /// Probability that a good generator gets this slot flagged: α for one p-value; otherwise
    /// the binomial tails outside STS's pass-count bounds plus the true probability that the
    /// uniformity check marks the slot while the proportion is inside (exact for m ≤ 200; above,
    /// the uniformity mark's χ² approximation is added whole, a union bound).
    public var flagProbability: Double
    /// The evidence against the generator in this slot: with one p-value, the p-value; with
    /// more, P(X ≤ passCount) for X ~ Binomial(m, 1 − α). Nil for an empty sample.
    public var evidence: Double?
    /// Pass, suspect (flagged) or fail (flagged and decisive), per `SP80022VerdictPolicy`;
    /// not applicable for an empty sample.
    public var verdict: Verdict

    public init(slot: Int, label: String, histogram: [Int], uniformityPValue: Double?, uniformityFailed: Bool,
                sampleSize: Int, passCount: Int, proportion: Double?, proportionLowerBound: Double?,
                proportionUpperBound: Double?, minimumPassCount: Int, maximumPassCount: Int,
                proportionFailed: Bool, flagged: Bool, flagProbability: Double, evidence: Double?, verdict: Verdict,
                uniformityNullProbability: Double? = nil) {
        self.slot = slot
        self.label = label
        self.histogram = histogram
        self.uniformityPValue = uniformityPValue
        self.uniformityFailed = uniformityFailed
        self.uniformityNullProbability = uniformityNullProbability
        self.sampleSize = sampleSize
        self.passCount = passCount
        self.proportion = proportion
        self.proportionLowerBound = proportionLowerBound
        self.proportionUpperBound = proportionUpperBound
        self.minimumPassCount = minimumPassCount
        self.maximumPassCount = maximumPassCount
        self.proportionFailed = proportionFailed
        self.flagged = flagged
        self.flagProbability = flagProbability
        self.evidence = evidence
        self.verdict = verdict
    }
}

extension Verdict {
    /// A suite-level combination: fail if any fails, else pass if any passed (a test that
    /// was not applicable does not spoil a pass), else not applicable.
    static func suite(_ verdicts: [Verdict]) -> Verdict {
        if verdicts.contains(.fail) { return .fail }
        if verdicts.contains(.suspect) { return .suspect }
        if verdicts.contains(.pass) { return .pass }
        return .notApplicable
    }
}
