import AssessmentEngine
import Capture
import Foundation
import RandomnessCore
import SP80022

/// One shard's partial result, `PART/partial.json` (`rngcert assess --shard I/N --out PART`;
/// Schemas/partial-result.schema.json, docs/shards.md). It is marked partial (`kind`,
/// `partial: true`) and holds running state, not verdicts: only `rngcert merge` of every
/// shard turns the parts into a report.
public struct PartialResult: Codable, Sendable, Equatable {
    /// The value of `kind`.
    public static let kindName = "rngcert-partial-result"
    public static let currentFormatVersion = 1

    public var kind: String
    /// Always true: this is not a report.
    public var partial: Bool
    public var formatVersion: Int
    public var tool: ToolIdentity
    /// The shard's command line and the assessment's parameters (the same in every shard).
    public var command: CommandRecord
    public var input: PartialInputIdentity
    /// The capture manifest beside the input, when it describes the whole input (shard 1).
    public var captureManifest: CaptureManifest?
    public var host: String
    public var startedAt: String
    public var finishedAt: String
    public var shard: ShardOutcome
    /// The shard's rows of the SP 800-22 per-stream table (`PartialFiles.streamRows`, no
    /// header line); nil without SP 800-22.
    public var streamRows: SP80022StreamTableReference?

    public init(tool: ToolIdentity, command: CommandRecord, input: PartialInputIdentity, captureManifest: CaptureManifest?,
                host: String, startedAt: String, finishedAt: String, shard: ShardOutcome, streamRows: SP80022StreamTableReference?) {
        kind = Self.kindName
        partial = true
        formatVersion = Self.currentFormatVersion
        self.tool = tool
        self.command = command
        self.input = input
        self.captureManifest = captureManifest
        self.host = host
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.shard = shard
        self.streamRows = streamRows
    }

    /// The JSON as written (sorted keys, so equal results are equal bytes).
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }

    /// Reads `PART/partial.json`; anything else (a report, another format version, damaged
    /// JSON) is an error naming the file.
    public static func load(directory: String) throws -> PartialResult {
        let path = PartialFiles(directory: directory).result
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path, limit: 256 << 20) } catch { throw MergeError.unreadable(path: path, reason: error.reason) }
        return try decode(bytes, path: path)
    }

    /// Reads the bytes of a `partial.json` (named `path` in errors).
    public static func decode(_ bytes: [UInt8], path: String) throws(MergeError) -> PartialResult {
        struct Marker: Decodable { var kind: String?; var partial: Bool?; var formatVersion: Int? }
        guard let marker = try? JSONDecoder().decode(Marker.self, from: Data(bytes)) else {
            throw MergeError.unreadable(path: path, reason: "not JSON")
        }
        guard marker.kind == kindName, marker.partial == true else {
            throw MergeError.unreadable(path: path, reason: "not an rngcert partial result (no \"kind\": \"\(kindName)\")")
        }
        guard marker.formatVersion == currentFormatVersion else {
            throw MergeError.unreadable(path: path, reason: "partial-result format \(marker.formatVersion.map(String.init) ?? "?") (this rngcert reads \(currentFormatVersion))")
        }
        do {
            return try JSONDecoder().decode(PartialResult.self, from: Data(bytes))
        } catch {
            throw MergeError.unreadable(path: path, reason: ReportCoding.describe(error))
        }
    }
}

/// The input a shard read: the path as given, the bytes assessed (the whole input, or
/// `--bytes`) and the file's size, with the decoding.
public struct PartialInputIdentity: Codable, Sendable, Equatable {
    public var path: String
    /// Bytes assessed by all shards together.
    public var byteCount: Int
    /// The file's size when the shard opened it.
    public var fileSize: Int
    public var format: InputFormat
    public var bitOrder: BitOrder

    public init(path: String, byteCount: Int, fileSize: Int, format: InputFormat, bitOrder: BitOrder) {
        self.path = path
        self.byteCount = byteCount
        self.fileSize = fileSize
        self.format = format
        self.bitOrder = bitOrder
    }
}

/// The files of a partial-result directory.
public struct PartialFiles: Sendable, Equatable {
    public let directory: String
    /// `PART/partial.json`.
    public let result: String
    /// `PART/sp80022-streams.part.csv`: the shard's rows of the per-stream table.
    public let streamRows: String

    public init(directory: String) {
        let base = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        self.directory = base
        result = base + "/partial.json"
        streamRows = base + "/" + Self.streamRowsName
    }

    public static let streamRowsName = "sp80022-streams.part.csv"

    public var all: [String] { [result, streamRows] }
}
