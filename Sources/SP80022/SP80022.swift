import RandomnessCore

/// NIST SP 800-22 rev1a: the fifteen statistical tests and the second-level analysis,
/// matching NIST STS 2.1.2 by default.
public enum SP80022 {
    /// Significance level for each p-value (STS's ALPHA).
    public static let alpha = 0.01
}

/// The fifteen tests, in STS 2.1.2's order; raw values are STS's names.
public enum SP80022TestID: String, Codable, Sendable, CaseIterable {
    case frequency = "Frequency"
    case blockFrequency = "BlockFrequency"
    case cumulativeSums = "CumulativeSums"
    case runs = "Runs"
    case longestRun = "LongestRun"
    case rank = "Rank"
    case fft = "FFT"
    case nonOverlappingTemplate = "NonOverlappingTemplate"
    case overlappingTemplate = "OverlappingTemplate"
    case universal = "Universal"
    case approximateEntropy = "ApproximateEntropy"
    case randomExcursions = "RandomExcursions"
    case randomExcursionsVariant = "RandomExcursionsVariant"
    case serial = "Serial"
    case linearComplexity = "LinearComplexity"
}

/// The battery's parameters; defaults are STS 2.1.2's.
public struct SP80022Parameters: Codable, Sendable, Equatable {
    /// Block Frequency block length M.
    public var blockFrequencyBlockLength = 128
    /// Non-overlapping Template Matching template length m.
    public var nonOverlappingTemplateLength = 9
    /// Overlapping Template Matching template length m.
    public var overlappingTemplateLength = 9
    /// Approximate Entropy block length m.
    public var approximateEntropyBlockLength = 10
    /// Serial block length m.
    public var serialBlockLength = 16
    /// Linear Complexity block length M.
    public var linearComplexityBlockLength = 500
    /// Bits per stream n.
    public var streamLength = 1_000_000
    /// Number of streams; nil means as many whole streams as the input holds.
    public var streamCount: Int? = nil
    /// Use corrected variants where STS 2.1.2 is known to be wrong (see README).
    public var corrected = false
    /// The tests to run, in STS order; all fifteen by default.
    public var tests: [SP80022TestID] = SP80022TestID.allCases

    public init() {}
}

/// One test's result on one stream: its p-values, or why it could not run.
public struct SP80022TestOutcome: Codable, Sendable, Equatable {
    public var test: SP80022TestID
    /// Every p-value the test produces, in STS's order (empty when not applicable).
    public var pValues: [Double]
    /// A label per p-value where a test yields several ("forward"/"backward", the
    /// template bits "000000001", the excursion state "x = -4", "∇ψ²m"/"∇²ψ²m").
    public var labels: [String]
    /// Why the test could not run on this stream (STS's skip conditions); nil when it ran.
    public var notApplicable: String?
    /// The test statistics behind the p-values (χ², S_obs, V_n, counts, ...), by name.
    public var statistics: [String: Double]

    public init(test: SP80022TestID, pValues: [Double], labels: [String] = [], statistics: [String: Double] = [:]) {
        self.test = test
        self.pValues = pValues
        self.labels = labels
        self.notApplicable = nil
        self.statistics = statistics
    }

    /// A test that could not run, with the reason.
    public static func notApplicable(_ test: SP80022TestID, reason: String, statistics: [String: Double] = [:]) -> SP80022TestOutcome {
        var outcome = SP80022TestOutcome(test: test, pValues: [], statistics: statistics)
        outcome.notApplicable = reason
        return outcome
    }
}

/// One of the fifteen tests: a pure function of one stream and the parameters.
public protocol SP80022Test {
    static var id: SP80022TestID { get }
    static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome
}
