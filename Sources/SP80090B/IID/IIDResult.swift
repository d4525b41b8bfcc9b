import RandomnessCore

/// Everything the IID track reports: the baseline statistics, the min-entropy as `ea_iid`
/// assesses it, the chi-square and LRS tests, the permutation tests (when they ran), the rule
/// that rejected IID, and the verdict.
///
/// IID stands when the chi-square, LRS and permutation tests all pass; any one failing rejects
/// it. Run with `IIDAssessment.Schedule.stopAtFirstRejection` (the `assess` suite), the
/// permutation tests are skipped once chi-square or LRS has rejected IID, and
/// `permutationTests` is nil: no counters are reported for tests that did not run.
public struct IIDResult: Codable, Sendable, Equatable {
    public var options: IIDOptions
    public var sampleCount: Int
    public var bitsPerSymbol: Int
    /// Number of distinct sample values k.
    public var alphabetSize: Int
    /// k = 2: the statistics that need it use the binary conversions.
    public var binary: Bool
    /// Mean of the raw sample values.
    public var mean: Double
    /// Median of the translated symbols (0.5 for binary data).
    public var median: Double

    public var minEntropy: IIDMinEntropy
    public var chiSquare: ChiSquareResults
    public var longestRepeatedSubstring: LongestRepeatedSubstringResult
    /// The permutation tests; nil when they did not run because IID was already rejected
    /// (`rejectedBy` says by which test).
    public var permutationTests: PermutationTestsResult?
    /// The first test that rejected IID (see `IIDRejection`); nil when IID stands.
    public var rejectedBy: IIDRejection?

    /// True when the chi-square, LRS and permutation tests all ran and passed.
    public var isIID: Bool {
        chiSquare.passed && longestRepeatedSubstring.passed && permutationTests?.passed == true
    }
    /// `.pass` when the IID assumption stands, `.fail` otherwise.
    public var verdict: Verdict { isIID ? .pass : .fail }
}
