import Foundation

/// Why a report could not be read.
public enum ReportError: Error, CustomStringConvertible, Equatable, Sendable {
    case malformed(path: String, reason: String)
    case unknownSchemaVersion(path: String, version: Int)

    public var description: String {
        switch self {
        case let .malformed(path, reason):
            return "\(path): not a valid rngcert report: \(reason)"
        case let .unknownSchemaVersion(path, version):
            return "\(path): unknown schemaVersion \(version) (this rngcert reads version \(Report.currentSchemaVersion))"
        }
    }
}

/// The report's JSON form: deterministic bytes (sorted keys, two-space indentation,
/// shortest round-trip numbers, trailing newline) so the same results give the same bytes.
public enum ReportCoding {
    public static func encode(_ report: Report) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var bytes = Array(try encoder.encode(report))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Decodes a report, checking the schema version before anything else.
    public static func decode(_ bytes: [UInt8], path: String) throws(ReportError) -> Report {
        struct Versioned: Decodable { let schemaVersion: Int }
        let data = Data(bytes)
        let version: Int
        do {
            version = try JSONDecoder().decode(Versioned.self, from: data).schemaVersion
        } catch {
            throw .malformed(path: path, reason: describe(error))
        }
        guard version == Report.currentSchemaVersion else {
            throw .unknownSchemaVersion(path: path, version: version)
        }
        do {
            return try JSONDecoder().decode(Report.self, from: data)
        } catch {
            throw .malformed(path: path, reason: describe(error))
        }
    }

    /// A one-line account of a decoding error, with the JSON path where it happened.
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch decoding {
        case let .dataCorrupted(context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        case let .keyNotFound(key, context):
            return "missing field '\(key.stringValue)' at \(path(context.codingPath))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }
}
