import AssessmentEngine
import Certification
import Foundation
import RandomnessCore

/// `summary.json`: one versioned document per batch (schema: Schemas/batch-summary.schema.json),
/// written in the report's canonical JSON form (sorted keys, two-space indentation).
public struct BatchSummary: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var tool: ToolIdentity
    /// The device named with --device; nil when none was.
    public var device: String?
    /// RFC 3339 UTC.
    public var startedAt: String
    public var finishedAt: String
    /// The parameters every input was assessed with.
    public var parameters: AssessmentParameters
    /// One entry per input, in input order.
    public var entries: [BatchEntry]
    /// How many entries have each verdict, and how many are errors.
    public var counts: [String: Int]
    /// The exit code of the batch: the worst entry's (0 pass, 1 a failed input, 2 an input in error).
    public var exitCode: Int

    public init(tool: ToolIdentity, device: String?, startedAt: String, finishedAt: String,
                parameters: AssessmentParameters, entries: [BatchEntry]) {
        schemaVersion = Self.currentSchemaVersion
        self.tool = tool
        self.device = device
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.parameters = parameters
        self.entries = entries
        var counts: [String: Int] = [:]
        for entry in entries { counts[entry.verdict?.rawValue ?? "error", default: 0] += 1 }
        self.counts = counts
        exitCode = entries.map(\.exitCode).max() ?? 0
    }

    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }
}

/// One input of a batch: where its report is, or why there is none.
public struct BatchEntry: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// Assessed in this run.
        case assessed
        /// Its report was already there for the same bytes and parameters (--resume).
        case resumed
        /// It could not be assessed: `error` says why.
        case error
    }

    /// The input as given or expanded.
    public var input: String
    /// The report directory, relative to the batch's --out.
    public var directory: String
    public var status: Status
    /// The report's verdict; nil for an error.
    public var verdict: Verdict?
    public var sha256: String?
    public var byteCount: Int?
    /// Each suite's verdict, by suite name.
    public var suites: [String: Verdict]?
    public var signerFingerprint: String?
    /// Why the input could not be assessed (one line).
    public var error: String?

    public init(input: String, directory: String, status: Status, report: Report? = nil, error: String? = nil) {
        self.input = input
        self.directory = directory
        self.status = status
        self.verdict = report?.verdict
        self.sha256 = report?.input.sha256
        self.byteCount = report?.input.byteCount
        self.suites = report.map { Dictionary(uniqueKeysWithValues: $0.suites.verdicts.map { ($0.suite.rawValue, $0.verdict) }) }
        self.signerFingerprint = report?.signer?.fingerprint
        self.error = error
    }

    /// 2 for an error, 1 for a failed report, else 0.
    public var exitCode: Int {
        guard let verdict else { return 2 }
        return verdict == .fail ? 1 : 0
    }
}
