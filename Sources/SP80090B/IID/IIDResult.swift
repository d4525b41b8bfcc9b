import RandomnessCore

/// Everything the IID track reports: the baseline statistics, the min-entropy as `ea_iid`
/// assesses it, the chi-square and LRS tests, the permutation tests, and the verdict.
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
    public var permutationTests: PermutationTestsResult

    /// True when the chi-square, LRS and permutation tests all pass.
    public var isIID: Bool { chiSquare.passed && longestRepeatedSubstring.passed && permutationTests.passed }
    /// `.pass` when the IID assumption stands, `.fail` otherwise.
    public var verdict: Verdict { isIID ? .pass : .fail }
}
