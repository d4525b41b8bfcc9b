import ENT
import RandomnessCore

/// Each suite's results in full, keyed by suite name; a suite that did not run is absent.
public struct SuiteResults: Codable, Sendable, Equatable {
    public var ent: ENTSuiteResult?

    public init(ent: ENTSuiteResult? = nil) {
        self.ent = ent
    }

    enum CodingKeys: String, CodingKey {
        case ent = "ent"
    }

    /// The verdict of every suite that ran, in `SuiteID` order.
    public var verdicts: [(suite: SuiteID, verdict: Verdict)] {
        var out: [(SuiteID, Verdict)] = []
        if let ent { out.append((.ent, ent.verdict)) }
        return out
    }

    /// Worst of the suite verdicts.
    public var verdict: Verdict { Verdict.combined(verdicts.map(\.verdict)) }
}
