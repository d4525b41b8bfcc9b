/// The 19 test statistics of SP 800-90B 5.1.1–5.1.11, named and ordered as `ea_iid`
/// (`test_names` in permutation_tests.h).
public enum PermutationStatistic: String, Codable, Sendable, CaseIterable, Comparable {
    case excursion
    case numDirectionalRuns
    case lenDirectionalRuns
    case numIncreasesDecreases
    case numRunsMedian
    case lenRunsMedian
    case avgCollision
    case maxCollision
    case periodicity1 = "periodicity(1)"
    case periodicity2 = "periodicity(2)"
    case periodicity8 = "periodicity(8)"
    case periodicity16 = "periodicity(16)"
    case periodicity32 = "periodicity(32)"
    case covariance1 = "covariance(1)"
    case covariance2 = "covariance(2)"
    case covariance8 = "covariance(8)"
    case covariance16 = "covariance(16)"
    case covariance32 = "covariance(32)"
    case compression

    /// Position in the reference's list (0…18).
    public var index: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }

    /// The lag p of a periodicity or covariance statistic.
    var lag: Int? {
        switch self {
        case .periodicity1, .covariance1: 1
        case .periodicity2, .covariance2: 2
        case .periodicity8, .covariance8: 8
        case .periodicity16, .covariance16: 16
        case .periodicity32, .covariance32: 32
        default: nil
        }
    }

    /// Everything but bzip2: computed first, in one pass per permutation.
    static let cheap: [PermutationStatistic] = allCases.filter { $0 != .compression }
}
