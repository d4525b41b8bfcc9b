/// The rule that rejected the IID assumption (SP 800-90B 5): the first failing test in the
/// order the IID track decides them — chi-square independence (5.2.1/5.2.3), chi-square
/// goodness of fit (5.2.2/5.2.4), the longest repeated substring test (5.2.5), then the
/// permutation statistic whose failure became certain first (5.1).
public struct IIDRejection: Codable, Sendable, Equatable, CustomStringConvertible {
    public enum Test: String, Codable, Sendable {
        case chiSquareIndependence = "chi-square-independence"
        case chiSquareGoodnessOfFit = "chi-square-goodness-of-fit"
        case longestRepeatedSubstring = "longest-repeated-substring"
        case permutation
    }

    public var test: Test
    /// The permutation statistic, when `test` is `.permutation`.
    public var statistic: PermutationStatistic?

    public init(test: Test, statistic: PermutationStatistic? = nil) {
        self.test = test
        self.statistic = statistic
    }

    /// "chi-square independence", "longest repeated substring", "permutation test excursion".
    public var description: String {
        switch test {
        case .chiSquareIndependence: "chi-square independence"
        case .chiSquareGoodnessOfFit: "chi-square goodness of fit"
        case .longestRepeatedSubstring: "longest repeated substring"
        case .permutation: "permutation test" + (statistic.map { " \($0.rawValue)" } ?? "")
        }
    }

    /// The first rejection among the tests that ran, nil when none rejected. `permutations`
    /// is nil when the permutation tests did not run.
    static func first(chiSquare: ChiSquareResults, lrs: LongestRepeatedSubstringResult,
                      permutations: PermutationTestsResult?) -> IIDRejection? {
        if !chiSquare.independence.passed { return IIDRejection(test: .chiSquareIndependence) }
        if !chiSquare.goodnessOfFit.passed { return IIDRejection(test: .chiSquareGoodnessOfFit) }
        if !lrs.passed { return IIDRejection(test: .longestRepeatedSubstring) }
        if let permutations, !permutations.passed {
            let failed = permutations.decidedBy
                ?? permutations.statistics.first { $0.status == .failed }?.statistic
            return IIDRejection(test: .permutation, statistic: failed)
        }
        return nil
    }
}
