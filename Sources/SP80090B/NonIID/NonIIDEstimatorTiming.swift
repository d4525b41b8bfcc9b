#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// Wall-clock time of the job (includes waiting for a core on a busy machine).
    public var duration: Duration
    /// CPU time of the job's thread (each job runs on one thread): the steadier figure.
    public var cpuSeconds: Double

    /// The duration in seconds.
    public var seconds: Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// CPU time consumed so far by the calling thread.
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}

extension NonIIDEstimator {
    /// Position in the reference's order.
    var order: Int { Self.allCases.firstIndex(of: self)! }
}
