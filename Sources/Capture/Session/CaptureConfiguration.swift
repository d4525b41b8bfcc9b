import Dispatch

/// How a capture runs.
public struct CaptureConfiguration: Sendable, Equatable {
    /// Bytes to capture; nil reads to the end of the source (not for devices or HTTP).
    public var byteLimit: Int?
    /// Size of the buffers the pipeline passes along (health tests, file, SHA-256).
    public var chunkSize: Int
    /// Buffers in flight; bounds memory to `chunkSize · bufferCount`.
    public var bufferCount: Int
    public var retry: RetryPolicy
    public var health: CaptureHealthSettings
    /// Seconds between progress reports (the final one always comes).
    public var progressInterval: Double
    /// Failures listed in the manifest; all are counted.
    public var errorLimit: Int
    /// The priority of the pipeline's stages (health tests, file, SHA-256); the gate lowers
    /// it so that serving comes first.
    public var qos: DispatchQoS

    public static let defaultChunkSize = 1 << 20
    public static let defaultErrorLimit = 100

    public init(byteLimit: Int?, health: CaptureHealthSettings, retry: RetryPolicy = RetryPolicy(),
                chunkSize: Int = defaultChunkSize, bufferCount: Int = 8, progressInterval: Double = 1,
                errorLimit: Int = defaultErrorLimit, qos: DispatchQoS = .unspecified) {
        self.byteLimit = byteLimit
        self.health = health
        self.retry = retry
        self.chunkSize = chunkSize
        self.bufferCount = bufferCount
        self.progressInterval = progressInterval
        self.errorLimit = errorLimit
        self.qos = qos
    }
}
