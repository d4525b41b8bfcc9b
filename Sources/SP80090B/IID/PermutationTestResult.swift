/// Outcome of one permutation-test statistic (SP 800-90B 5.1, Figure 4).
public struct PermutationStatisticResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// At least 6 permutations gave a value ≥ the original and at least 6 gave ≤.
        case passed
        /// After all permutations C0 + C1 ≤ 5 or C1 + C2 ≤ 5 (the original ranks at an extreme).
        case failed
        /// Stopped early because another statistic had already decided the verdict.
        case notCompleted = "not-completed"
    }

    public var statistic: PermutationStatistic
    /// The statistic on the original (unpermuted) samples.
    public var original: Double
    /// C0: permutations whose statistic exceeded the original.
    public var greater: Int
    /// C1: permutations whose statistic equalled the original.
    public var equal: Int
    /// C2: permutations whose statistic was below the original.
    public var less: Int
    /// Permutations counted for this statistic (its counters cover permutations 0..<used).
    public var permutationsUsed: Int
    public var status: Status
}

/// Outcome of the permutation tests: every statistic, the seed that makes the run
/// reproducible, and what decided the verdict when it was decided early.
public struct PermutationTestsResult: Codable, Sendable, Equatable {
    /// Seed of the shuffles; permutation j is regenerated from (seed, j) alone.
    public var seed: UInt64
    /// Permutations in a complete run (10,000).
    public var permutationCount: Int
    /// Whether every counter was run to its end (`IIDOptions.full`).
    public var full: Bool
    /// The 19 statistics in the reference's order.
    public var statistics: [PermutationStatisticResult]
    /// True when every statistic passed.
    public var passed: Bool
    /// The statistic whose certain failure decided the verdict (nil when all passed).
    public var decidedBy: PermutationStatistic?
    /// Permutations counted when the verdict became certain.
    public var decidedAfterPermutations: Int?
    /// Statistics left unfinished because the verdict was already certain.
    public var notCompleted: [PermutationStatistic]
    /// The compression engine used, and the original's statistic from both engines.
    public var compressionEngine: CompressionEngineCheck
}
