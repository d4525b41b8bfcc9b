import RandomnessCore

/// The SP 800-90B suite's outcome for a report: both tracks' results in full, the assessed
/// min-entropy and the track it came from, the health-test scan, the verdict and the reasons
/// for it. Every number is finite.
public struct SP80090BSuiteResult: Codable, Sendable, Equatable {
    /// The track the assessed min-entropy comes from.
    public enum Track: String, Codable, Sendable {
        case nonIID = "non-iid"
        case iid
    }

    public var parameters: SP80090BParameters
    /// Bits per sample used (declared, or inferred from the samples).
    public var bitsPerSymbol: Int
    /// True when `bitsPerSymbol` was inferred from the data.
    public var bitsPerSymbolInferred: Bool
    /// Samples assessed (the `subset` block when one was selected).
    public var sampleCount: Int
    /// Samples in the whole input, when the tracks read a window of it (the health tests read
    /// them all); nil when the tracks read every sample.
    public var inputSampleCount: Int?
    /// The non-IID track; nil when it could not run (see `reasons`).
    public var nonIID: NonIIDResult?
    /// The IID track; nil when it was not asked for or could not run.
    public var iid: IIDResult?
    /// Why a track that was asked for did not run, if one did not.
    public var notRun: [String]
    /// The assessed min-entropy per sample: nil when nothing was estimated (the suite not
    /// applicable), 0 when every sample is the same symbol (no entropy can be awarded).
    public var assessedMinEntropy: Double?
    /// The track `assessedMinEntropy` comes from.
    public var assessedBy: Track
    /// The health-test scan; nil when no cutoffs exist (no entropy awarded).
    public var healthTests: SP80090BHealthCheck?
    public var verdict: Verdict
    /// One line per check that decided the verdict, in order: assessment, claim (or the
    /// no-claim floor), IID, health, restart.
    public var reasons: [String]
    /// The restart tests on the restart dataset named in `parameters.restartData`; nil without one.
    public var restart: RestartTestResult?

    public init(parameters: SP80090BParameters, bitsPerSymbol: Int, bitsPerSymbolInferred: Bool, sampleCount: Int,
                nonIID: NonIIDResult?, iid: IIDResult?, notRun: [String], assessedMinEntropy: Double?,
                assessedBy: Track, healthTests: SP80090BHealthCheck?, verdict: Verdict, reasons: [String]) {
        self.parameters = parameters
        self.bitsPerSymbol = bitsPerSymbol
        self.bitsPerSymbolInferred = bitsPerSymbolInferred
        self.sampleCount = sampleCount
        self.nonIID = nonIID
        self.iid = iid
        self.notRun = notRun
        self.assessedMinEntropy = assessedMinEntropy
        self.assessedBy = assessedBy
        self.healthTests = healthTests
        self.verdict = verdict
        self.reasons = reasons
    }
}
