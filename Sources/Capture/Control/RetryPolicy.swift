#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a failing source is retried: up to `maxRetries` consecutive retries (a successful
/// read starts the count again), waiting `initialDelay` · 2^(k−1) seconds before the k-th,
/// at most `maxDelay`.
public struct RetryPolicy: Codable, Sendable, Equatable {
    public var maxRetries: Int
    public var initialDelay: Double
    public var maxDelay: Double

    public init(maxRetries: Int = 5, initialDelay: Double = 0.5, maxDelay: Double = 30) {
        self.maxRetries = maxRetries
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// The wait before retry `attempt` (1-based).
    public func delay(beforeRetry attempt: Int) -> Double {
        min(maxDelay, initialDelay * exp2(Double(max(0, attempt - 1))))
    }

    /// Sleeps `seconds`, waking every 50 ms to check `stop`; returns false if stopped.
    public static func sleep(_ seconds: Double, stop: StopSignal) -> Bool {
        var left = seconds
        while left > 0 {
            if stop.isRequested { return false }
            let slice = min(left, 0.05)
            usleep(useconds_t(slice * 1_000_000))
            left -= slice
        }
        return !stop.isRequested
    }
}
