import RandomnessCore

/// Each suite's results in full, keyed by suite name; a suite that did not run is absent.
public struct SuiteResults: Codable, Sendable, Equatable {
    public init() {}

    /// The verdict of every suite that ran, in `SuiteID` order.
    public var verdicts: [(SuiteID, Verdict)] { [] }

    /// Worst of the suite verdicts.
    public var verdict: Verdict { Verdict.combined(verdicts.map(\.1)) }
}
