import ENT
import RandomnessCore
import SP80022
import SP80090B

/// Each suite's results in full, keyed by suite name; a suite that did not run is absent.
public struct SuiteResults: Codable, Sendable, Equatable {
    public var ent: ENTSuiteResult?
    public var sp80022: SP80022SuiteResult?
    public var sp80090b: SP80090BSuiteResult?

    public init(ent: ENTSuiteResult? = nil, sp80022: SP80022SuiteResult? = nil, sp80090b: SP80090BSuiteResult? = nil) {
        self.ent = ent
        self.sp80022 = sp80022
        self.sp80090b = sp80090b
    }

    enum CodingKeys: String, CodingKey {
        case ent = "ent"
        case sp80022 = "sp800-22"
        case sp80090b = "sp800-90b"
    }

    /// The verdict of every suite that ran, in `SuiteID` order.
    public var verdicts: [(suite: SuiteID, verdict: Verdict)] {
        var out: [(SuiteID, Verdict)] = []
        if let ent { out.append((.ent, ent.verdict)) }
        if let sp80022 { out.append((.sp80022, sp80022.verdict)) }
        if let sp80090b { out.append((.sp80090b, sp80090b.verdict)) }
        return out
    }

    /// Worst of the suite verdicts.
    public var verdict: Verdict { Verdict.combined(verdicts.map(\.verdict)) }
}
