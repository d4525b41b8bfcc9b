import RandomnessCore

/// Every parameter of an assessment, in structured form; recorded in the report so that
/// `verify --rerun` can reproduce the run exactly.
public struct AssessmentParameters: Codable, Sendable, Equatable {
    /// The suites to run, in `SuiteID` order.
    public var suites: [SuiteID]
    /// How the input bytes decode into bits and samples.
    public var decoding: DecodingOptions
    /// Read at most this many bytes (`--bytes`); nil reads the whole input.
    public var byteLimit: Int?

    public init(suites: [SuiteID], decoding: DecodingOptions = .init(), byteLimit: Int? = nil) {
        self.suites = Array(Set(suites)).sorted()
        self.decoding = decoding
        self.byteLimit = byteLimit
    }
}
