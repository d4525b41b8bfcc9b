import RandomnessCore
import SP80022

/// Every parameter of an assessment, in structured form; recorded in the report so that
/// `verify --rerun` can reproduce the run exactly.
public struct AssessmentParameters: Codable, Sendable, Equatable {
    /// The suites to run, in `SuiteID` order.
    public var suites: [SuiteID]
    /// How the input bytes decode into bits and samples.
    public var decoding: DecodingOptions
    /// Read at most this many bytes (`--bytes`); nil reads the whole input.
    public var byteLimit: Int?
    /// SP 800-22 battery parameters; present when that suite runs.
    public var sp80022: SP80022Parameters?

    public init(suites: [SuiteID], decoding: DecodingOptions = .init(), byteLimit: Int? = nil,
                sp80022: SP80022Parameters? = nil) {
        self.suites = Array(Set(suites)).sorted()
        self.decoding = decoding
        self.byteLimit = byteLimit
        self.sp80022 = self.suites.contains(.sp80022) ? (sp80022 ?? SP80022Parameters()) : nil
    }
}
