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

    /// Retries accepted: 0…10,000 (with the 30 s cap on the backoff, days of retrying).
    public static let maxRetriesRange = 0...10_000
    /// First delays accepted, in seconds: 0…3600.
    public static let initialDelayRange: ClosedRange<Double> = 0...3600

    /// Checks the ranges; the error names the option (`--retries`, `--retry-delay`).
    public func validate() throws(CaptureError) {
        guard Self.maxRetriesRange.contains(maxRetries) else {
            throw .invalidParameter(name: "--retries", value: "\(maxRetries)",
                                    reason: "must be between \(Self.maxRetriesRange.lowerBound) and \(Self.maxRetriesRange.upperBound)")
        }
        guard Self.initialDelayRange.contains(initialDelay) else {
            throw .invalidParameter(name: "--retry-delay", value: "\(initialDelay)",
                                    reason: "must be between 0 and \(Int(Self.initialDelayRange.upperBound)) seconds")
        }
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
