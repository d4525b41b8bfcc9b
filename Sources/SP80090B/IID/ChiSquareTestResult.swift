import RandomnessCore

/// One chi-square test of SP 800-90B 5.2.1–5.2.4: statistic T, degrees of freedom, p-value
/// (Q(df/2, T/2)) and the decision (fails when p < 0.001).
public struct ChiSquareTestResult: Codable, Sendable, Equatable {
    public enum Test: String, Codable, Sendable {
        /// 5.2.1: pairs of successive samples, bins merged to expectations ≥ 5.
        case independence
        /// 5.2.2: symbol counts in ten sub-sequences.
        case goodnessOfFit = "goodness-of-fit"
        /// 5.2.3: non-overlapping m-bit tuples (m ≤ 11).
        case binaryIndependence = "binary-independence"
        /// 5.2.4: ones in ten sub-sequences.
        case binaryGoodnessOfFit = "binary-goodness-of-fit"
    }

    public var test: Test
    public var statistic: Double
    public var degreesOfFreedom: Int
    public var pValue: Double
    public var passed: Bool

    /// The 0.001 significance level of SP 800-90B 5.2.
    public static let significanceLevel = 0.001

    init(test: Test, statistic: Double, degreesOfFreedom: Int) throws(NumericsError) {
        self.test = test
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        // Like the reference's Cephes igamc: 1 when T ≤ 0 or df ≤ 0 (no test possible).
        pValue = statistic > 0 && degreesOfFreedom > 0
            ? try SpecialFunctions.chiSquareSurvival(statistic, degreesOfFreedom: Double(degreesOfFreedom))
            : 1.0
        passed = !(pValue < Self.significanceLevel)
    }
}

/// Both chi-square tests of the IID track; they pass together.
public struct ChiSquareResults: Codable, Sendable, Equatable {
    public var independence: ChiSquareTestResult
    public var goodnessOfFit: ChiSquareTestResult
    public var passed: Bool { independence.passed && goodnessOfFit.passed }
}
