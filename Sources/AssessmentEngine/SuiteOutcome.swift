/// What the suites produced in one pass, and the sample width SP 800-90B used (nil if it did
/// not run).
public struct SuiteOutcome: Sendable, Equatable {
    public var results: SuiteResults
    public var bitsPerSymbol: Int?

    public init(results: SuiteResults, bitsPerSymbol: Int?) {
        self.results = results
        self.bitsPerSymbol = bitsPerSymbol
    }
}
