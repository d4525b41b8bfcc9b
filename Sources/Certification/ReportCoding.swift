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
        try canonical(report)
    }

    /// Any value in the canonical form reports are signed in: keys sorted, two-space
    /// indentation, slashes unescaped, one final newline. Other signed documents
    /// (qualification reports, registration metadata) use it too.
    public static func canonical(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var bytes = Array(try encoder.encode(value))
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

    /// Decodes a report that must be exactly in the form `encode` writes, as `verify` and
    /// `render` read them.
    ///
    /// Two JSON readers can disagree about a document that is valid JSON but not canonical:
    /// with a key given twice, one keeps the first value and another (`jq`) the last. So the
    /// bytes must be precisely what `encode` gives for the decoded report (sorted keys,
    /// two-space indentation, shortest numbers, one trailing newline): then every reader sees
    /// the same values. Also rejects numbers no assessment records (a negative byte limit).
    /// Errors name the duplicate key's path or the first byte that differs.
    public static func decodeCanonical(_ bytes: [UInt8], path: String) throws(ReportError) -> Report {
        if let tree = try? JSONTree.parse(bytes), let duplicate = tree.firstDuplicateKey() {
            throw .malformed(path: path, reason: "duplicate key \(duplicate)")
        }
        let report = try decode(bytes, path: path)
        try checkRanges(report, path: path)
        let canonical: [UInt8]
        do {
            canonical = try encode(report)
        } catch {
            throw .malformed(path: path, reason: "cannot be written back: \(describe(error))")
        }
        if canonical != bytes {
            let offset = zip(canonical, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(canonical.count, bytes.count)
            throw .malformed(path: path, reason:
                "not in the canonical form rngcert writes (sorted keys, two-space indentation, no unknown fields): first difference at byte \(offset)")
        }
        return report
    }

    /// Counts and sizes in the report must be ones an assessment can record.
    static func checkRanges(_ report: Report, path: String) throws(ReportError) {
        func require(_ ok: Bool, _ field: String, _ value: Int, _ rule: String) throws(ReportError) {
            if !ok { throw .malformed(path: path, reason: "\(field) is \(value); it must be \(rule)") }
        }
        let parameters = report.command.parameters
        if let limit = parameters.byteLimit { try require(limit > 0, "command.parameters.byteLimit", limit, "a positive byte count") }
        if let window = parameters.sp80090bWindow { try require(window > 0, "command.parameters.sp80090bWindow", window, "positive") }
        let input = report.input
        try require(input.byteCount >= 0, "input.byteCount", input.byteCount, "zero or more")
        if let limit = parameters.byteLimit {
            try require(input.byteCount <= limit, "input.byteCount", input.byteCount, "at most byteLimit (\(limit))")
        }
        if let bits = input.bitsPerSymbol { try require((1...8).contains(bits), "input.bitsPerSymbol", bits, "1 to 8") }
        if let table = report.suites.sp80022?.streamTable {
            try require(table.rows >= 0, "suites.sp80022.streamTable.rows", table.rows, "zero or more")
            try require(table.byteCount >= 0, "suites.sp80022.streamTable.byteCount", table.byteCount, "zero or more")
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
