/// How long one estimator job of the non-IID track took (benchmark aid; not part of any
/// result, since it varies from run to run).
public struct NonIIDEstimatorTiming: Sendable {
    /// Which sequence the job ran on.
    public enum Sequence: String, Sendable {
        /// The literal samples ("Literal" in the reference's output).
        case literal
        /// The samples written out as bits ("Bitstring").
        case bitstring
    }

    public var sequence: Sequence
    /// The estimators the job computed (the t-tuple and LRS estimates share one job).
    public var estimators: [NonIIDEstimator]
    /// Wall-clock time of the job.
    public var duration: Duration

    /// The duration in seconds.
    public var seconds: Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

extension NonIIDEstimator {
    /// Position in the reference's order.
    var order: Int { Self.allCases.firstIndex(of: self)! }
}
