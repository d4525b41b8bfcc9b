import Foundation
import RandomnessCore

/// The record written beside a capture as `FILE.manifest.json`: where the bytes came from,
/// when, how many, their SHA-256, how the capture ended, the failures met and the health
/// tests' account.
///
/// A manifest belongs to the bytes whose SHA-256 and byte count it states; `rngcert
/// assess` embeds it in a report only when both match the bytes assessed.
public struct CaptureManifest: Codable, Sendable, Equatable {
    /// The schema this code writes and reads.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// The program that captured, e.g. "rngcert 0.1.0".
    public var tool: String
    public var source: CaptureSourceRecord
    /// The capture file's name (last path component).
    public var file: String
    /// RFC 3339 UTC.
    public var startedAt: String
    /// RFC 3339 UTC, when the last byte was handled (before the file was flushed).
    public var finishedAt: String
    /// Bytes asked for (`--bytes`), nil when reading to the end of the source.
    public var requestedBytes: Int?
    /// Bytes in the file.
    public var byteCount: Int
    /// SHA-256 of the file, lowercase hex.
    public var sha256: String
    /// Successful reads from the source (for HTTP, responses).
    public var chunkCount: Int
    /// Whether the capture has everything asked for (`endReason` is `complete`).
    public var complete: Bool
    public var endReason: CaptureEndReason
    /// The signal that interrupted it, e.g. "SIGINT".
    public var signal: String?
    /// True under `--on-alarm mark` when a health alarm was raised.
    public var flagged: Bool
    public var retries: Int
    /// All failures met; `errors` lists the first `errorLimit`.
    public var errorCount: Int
    public var errors: [CaptureErrorRecord]
    public var health: CaptureHealthSummary

    public init(tool: String, source: CaptureSourceRecord, file: String, requestedBytes: Int?, result: CaptureResult) {
        schemaVersion = Self.currentSchemaVersion
        self.tool = tool
        self.source = source
        self.file = file
        startedAt = result.startedAt
        finishedAt = result.finishedAt
        self.requestedBytes = requestedBytes
        byteCount = result.byteCount
        sha256 = result.sha256
        chunkCount = result.chunkCount
        complete = result.endReason.isComplete
        endReason = result.endReason
        signal = result.signal
        flagged = result.health.onAlarm == .mark && result.health.alarmCount > 0
        retries = result.retries
        errorCount = result.errorCount
        errors = result.errors
        health = result.health
    }

    /// Where the manifest of the capture file at `path` lives.
    public static func path(forCapture path: String) -> String { path + ".manifest.json" }

    /// Whether the manifest describes `byteCount` bytes with SHA-256 `sha256`.
    public func describes(byteCount: Int, sha256: String) -> Bool {
        self.byteCount == byteCount && self.sha256.lowercased() == sha256.lowercased()
    }

    /// The manifest's JSON: sorted keys, two-space indentation, trailing newline, so the
    /// same capture gives the same bytes.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var bytes = Array(try encoder.encode(self))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Reads a manifest; an unreadable file, anything but a regular file (a named pipe is
    /// refused without waiting for a writer), bad JSON or an unknown schema version is a
    /// `CaptureManifestError`.
    public static func load(_ path: String) throws(CaptureManifestError) -> CaptureManifest {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: 16 << 20)
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        struct Versioned: Decodable { let schemaVersion: Int }
        let data = Data(bytes)
        guard let version = try? JSONDecoder().decode(Versioned.self, from: data).schemaVersion else {
            throw .malformed(path: path, reason: "no schemaVersion")
        }
        guard version == currentSchemaVersion else { throw .unknownSchemaVersion(path: path, version: version) }
        do {
            return try JSONDecoder().decode(CaptureManifest.self, from: data)
        } catch {
            throw .malformed(path: path, reason: "\(error)")
        }
    }
}
