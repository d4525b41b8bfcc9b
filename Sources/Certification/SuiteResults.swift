import ENT
import RandomnessCore
import SP80022

/// Each suite's results in full, keyed by suite name; a suite that did not run is absent.
public struct SuiteResults: Codable, Sendable, Equatable {
    public var ent: ENTSuiteResult?
    public var sp80022: SP80022SuiteResult?

    public init(ent: ENTSuiteResult? = nil, sp80022: SP80022SuiteResult? = nil) {
        self.ent = ent
        self.sp80022 = sp80022
    }

    enum CodingKeys: String, CodingKey {
        case ent = "ent"
        case sp80022 = "sp800-22"
    }

    /// The verdict of every suite that ran, in `SuiteID` order.
    public var verdicts: [(suite: SuiteID, verdict: Verdict)] {
        var out: [(SuiteID, Verdict)] = []
        if let ent { out.append((.ent, ent.verdict)) }
        if let sp80022 { out.append((.sp80022, sp80022.verdict)) }
        return out
    }

    /// Worst of the suite verdicts.
    public var verdict: Verdict { Verdict.combined(verdicts.map(\.verdict)) }
}
