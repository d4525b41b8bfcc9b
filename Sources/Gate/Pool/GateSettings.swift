import AssessmentEngine
import Capture
import Certification

/// How the gate cuts, tests and keeps buffers.
public struct GateSettings: Sendable {
    /// Bytes per buffer: a multiple of `MerkleTree.leafSize`, in `bufferSizeRange`.
    public var bufferSize: Int
    /// The suites and their parameters (default ENT + SP 800-22), run on each buffer.
    public var parameters: AssessmentParameters
    /// The continuous health tests run while each buffer is captured.
    public var health: CaptureHealthSettings
    public var sourceOptions: CaptureSourceOptions
    /// Worker threads for the assessment.
    public var jobs: Int
    public var tool: ToolIdentity
    /// The `serve` command line, recorded in every buffer's report.
    public var arguments: [String]
    /// Capture pauses while this many passed buffers wait to be served (disk is bounded
    /// by about `(poolLimit + 3) · bufferSize` plus the quarantine).
    public var poolLimit: Int
    /// Serving first: the battery threads run under SCHED_IDLE (they get the CPU only when
    /// serving, capture and filing leave it free), capture and filing at nice 10 (for a
    /// machine that does nothing else).
    public var idleBatteries = false
    /// Called (on the filing thread, in buffer order) with each buffer's report and the path
    /// of its report.json once it is filed in pool/ or quarantine/: the history hook.
    public var onFiled: (@Sendable (Report, String) throws -> Void)?

    /// 1 MiB: eight SP 800-22 streams of 10^6 bits, and ENT on 2^20 bytes.
    public static let defaultBufferSize = 1 << 20
    /// 64 KiB to 64 MiB. A buffer's Merkle tree takes twice its size in memory (64 bytes
    /// of hashes per 32-byte leaf), so the gate holds at most about 8 buffer sizes: two
    /// cached trees, the tree and bytes of the buffer under test, and the capture's chunks.
    public static let bufferSizeRange = (64 << 10)...(64 << 20)
    public static let defaultPoolLimit = 64

    public init(bufferSize: Int = defaultBufferSize, parameters: AssessmentParameters, health: CaptureHealthSettings,
                sourceOptions: CaptureSourceOptions = CaptureSourceOptions(), jobs: Int, tool: ToolIdentity,
                arguments: [String], poolLimit: Int = defaultPoolLimit) {
        self.bufferSize = bufferSize
        self.parameters = parameters
        self.health = health
        self.sourceOptions = sourceOptions
        self.jobs = jobs
        self.tool = tool
        self.arguments = arguments
        self.poolLimit = poolLimit
    }

    /// Checks the buffer size and pool limit.
    public func validate() throws(GateError) {
        guard Self.bufferSizeRange.contains(bufferSize), bufferSize % MerkleTree.leafSize == 0 else {
            throw .invalidParameter(name: "--buffer-size", value: "\(bufferSize)",
                                    reason: "must be a multiple of \(MerkleTree.leafSize) from \(Self.bufferSizeRange.lowerBound) to \(Self.bufferSizeRange.upperBound)")
        }
        guard (1...100_000).contains(poolLimit) else {
            throw .invalidParameter(name: "--pool-limit", value: "\(poolLimit)", reason: "must be 1…100000")
        }
    }
}
