import RandomnessCore

/// One entropy estimate made on a row or column dataset by an injected estimator.
public struct RestartDatasetEstimate: Codable, Sendable, Equatable {
    /// The estimator's name (e.g. "Collision Test", "LZ78Y Test").
    public var estimator: String
    /// Its min-entropy estimate in bits per sample.
    public var minEntropy: Double

    public init(estimator: String, minEntropy: Double) {
        self.estimator = estimator
        self.minEntropy = minEntropy
    }
}

/// The outcome of one injected IID test on a row or column dataset (informational).
public struct RestartDatasetCheck: Codable, Sendable, Equatable {
    /// The test's name (e.g. "Chi-square tests", "LRS test", "Permutation tests").
    public var test: String
    public var passed: Bool

    public init(test: String, passed: Bool) {
        self.test = test
        self.passed = passed
    }
}

/// The assessment track of the entropy source, which decides what the validation (§3.1.4.2)
/// runs on the row and column datasets.
public enum RestartTrack: Sendable {
    /// IID track (§6.1): H_r and H_c are the Most Common Value estimates, as ea_restart -i.
    /// `iidTests`, when given, runs the IID tests (chi-square, LRS, permutation) on each dataset;
    /// ea_restart -i reports their outcome but it does not change the validation, nor here.
    case iid(iidTests: (@Sendable (SampleSequence) throws -> [RestartDatasetCheck])? = nil)
    /// Non-IID track (§6.2): ea_restart -n runs its non-IID battery on each dataset. The
    /// Most Common Value estimate is made here; `estimators` must return the other estimates
    /// ea_restart runs on the literal samples (collision, Markov and compression only for a
    /// two-symbol alphabet; t-tuple, LRS, MultiMCW, lag, MultiMMC, LZ78Y), leaving out the ones
    /// that are not applicable, and no bit-string (H_bitstring) estimates.
    case nonIID(estimators: @Sendable (SampleSequence) throws -> [RestartDatasetEstimate])

    /// The track's name in results.
    public var kind: RestartTrackKind {
        switch self {
        case .iid: .iid
        case .nonIID: .nonIID
        }
    }
}

/// The track recorded in a restart result.
public enum RestartTrackKind: String, Codable, Sendable {
    case iid
    case nonIID = "non-iid"
}
