import AssessmentEngine
import Capture
import RandomnessCore

/// The assessment report: one versioned, Codable document that is signed as JSON.
///
/// Everything needed to reproduce the run is here: the tool, every parameter (seeds
/// included), the identity of the bytes tested, and each suite's results in full.
public struct Report: Codable, Sendable, Equatable {
    /// The schema this code writes and reads.
    public static let currentSchemaVersion = 2

    public var schemaVersion: Int
    public var tool: ToolIdentity
    public var command: CommandRecord
    public var input: InputIdentity
    /// Host name of the machine that ran the assessment.
    public var host: String
    /// RFC 3339 UTC.
    public var startedAt: String
    /// RFC 3339 UTC.
    public var finishedAt: String
    public var suites: SuiteResults
    /// Worst of the suite verdicts.
    public var verdict: Verdict
    /// The key that signs this report (public key and fingerprint); nil in an unsigned report.
    /// Set by `ReportSigner` before the report is encoded and signed.
    public var signer: SignerIdentity?
    /// What the gate (`rngcert serve`) adds for a buffer it tests: buffer id, Merkle root,
    /// previous report's SHA-256. Absent in reports of `assess`.
    public var gate: GateRecord?

    public init(
        tool: ToolIdentity, command: CommandRecord, input: InputIdentity, host: String,
        startedAt: String, finishedAt: String, suites: SuiteResults, signer: SignerIdentity? = nil,
        gate: GateRecord? = nil
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.tool = tool
        self.command = command
        self.input = input
        self.host = host
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.suites = suites
        self.verdict = suites.verdict
        self.signer = signer
        self.gate = gate
    }
}

/// Which program produced the report.
public struct ToolIdentity: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    /// Build configuration and compiler, e.g. "release, Swift 6.3".
    public var build: String

    public init(name: String = "rngcert", version: String, build: String) {
        self.name = name
        self.version = version
        self.build = build
    }
}

/// How the assessment was invoked: the command line as typed, and every parameter in
/// structured form (what a re-run uses).
public struct CommandRecord: Codable, Sendable, Equatable {
    /// The arguments after the program name, verbatim.
    public var arguments: [String]
    public var parameters: AssessmentParameters

    public init(arguments: [String], parameters: AssessmentParameters) {
        self.arguments = arguments
        self.parameters = parameters
    }
}

/// The bytes that were tested: where they came from and their SHA-256.
public struct InputIdentity: Codable, Sendable, Equatable {
    /// The path as given (`-` for standard input).
    public var path: String
    public var byteCount: Int
    /// SHA-256 of exactly the bytes tested, lowercase hex.
    public var sha256: String
    public var format: InputFormat
    public var bitOrder: BitOrder
    /// Bits per sample used by SP 800-90B (given or inferred); nil when that suite did not run.
    public var bitsPerSymbol: Int?
    /// The capture manifest found beside the input (`PATH.manifest.json`, written by
    /// `rngcert capture`), when its SHA-256 and byte count are those of the bytes tested;
    /// absent otherwise.
    public var captureManifest: CaptureManifest?

    public init(path: String, byteCount: Int, sha256: String, format: InputFormat, bitOrder: BitOrder, bitsPerSymbol: Int?,
                captureManifest: CaptureManifest? = nil) {
        self.path = path
        self.byteCount = byteCount
        self.sha256 = sha256
        self.format = format
        self.bitOrder = bitOrder
        self.bitsPerSymbol = bitsPerSymbol
        self.captureManifest = captureManifest
    }
}
