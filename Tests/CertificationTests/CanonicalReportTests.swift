import AssessmentEngine
import Certification
import Foundation
import RandomnessCore
import Testing

/// `verify` and `render` read only reports in the exact form `assess` writes: no duplicate
/// keys (two readers could see two values), no reordering or extra space, no absurd numbers.
@Suite("ReportCoding.decodeCanonical: one reading for every reader")
struct CanonicalReportTests {
    static func bytes(byteLimit: Int? = nil, _ edit: (inout Report) -> Void = { _ in }) throws -> [UInt8] {
        var report = ReportSigner(key: .generate()).stamped(SigningFixtures.report(byteLimit: byteLimit))
        edit(&report)
        return try ReportCoding.encode(report)
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static func message(_ bytes: [UInt8]) -> String? {
        do {
            _ = try ReportCoding.decodeCanonical(bytes, path: "r.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test("what encode writes reads back, byte for byte")
    func roundTrip() throws {
        let bytes = try Self.bytes(byteLimit: 20) {
            $0.tool.name = "rngcert \u{1B}[2J\n\u{7F}\u{9B} ünïcode / slash"
            $0.host = "\"quoted\" \\ back"
        }
        let report = try ReportCoding.decodeCanonical(bytes, path: "r.json")
        #expect(try ReportCoding.encode(report) == bytes)
    }

    @Test("a key given twice is refused, naming its path")
    func duplicateKey() throws {
        let bytes = try Self.bytes()
        let text = Self.text(bytes)
        let sha = try #require(text.range(of: "\"sha256\" : \""))
        // input.sha256 twice: jq reads the last one, Foundation's decoder may read either.
        let forged = text.replacingCharacters(in: sha.lowerBound..<sha.lowerBound,
            with: "\"sha256\" : \"\(String(repeating: "0", count: 64))\",\n    ")
        #expect(Self.message(Array(forged.utf8)) == "r.json: not a valid rngcert report: duplicate key input.sha256")
        let verdict = try #require(text.range(of: "\"verdict\" : \"not-applicable\""))
        let twice = text.replacingCharacters(in: verdict, with: "\"verdict\" : \"pass\",\n  \"verdict\" : \"not-applicable\"")
        #expect(Self.message(Array(twice.utf8)) == "r.json: not a valid rngcert report: duplicate key verdict")
    }

    @Test("reordered keys, other spacing, a missing newline, escaped slashes: refused at the first differing byte")
    func notCanonical() throws {
        let bytes = try Self.bytes()
        let prefix = "r.json: not a valid rngcert report: not in the canonical form rngcert writes"
        // One extra space after the opening brace: differs at byte 1.
        let spaced = [bytes[0], 0x20] + bytes[1...]
        #expect(Self.message(spaced) == "\(prefix) (sorted keys, two-space indentation, no unknown fields): first difference at byte 1")
        // No trailing newline.
        #expect(Self.message(Array(bytes.dropLast()))?.hasSuffix("first difference at byte \(bytes.count - 1)") == true)
        // Compact JSON with the same values.
        let compact = try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(bytes)))
        #expect(Self.message(Array(compact))?.hasPrefix(prefix) == true)
        // An unknown member (decoders ignore it; the canonical form has no place for it).
        let text = Self.text(bytes)
        let extra = text.replacingOccurrences(of: "{\n  \"command\"", with: "{\n  \"aaa\" : 1,\n  \"command\"")
        #expect(extra != text)
        #expect(Self.message(Array(extra.utf8))?.hasSuffix("first difference at byte 5") == true)
        // The number 26 written as 2.6e1.
        let count = try #require(text.range(of: "\"byteCount\" : 26"))
        let exponent = text.replacingCharacters(in: count, with: "\"byteCount\" : 2.6e1")
        #expect(Self.message(Array(exponent.utf8)) != nil)
    }

    @Test("negative or impossible counts are malformed", arguments: [
        (-5, "command.parameters.byteLimit is -5; it must be a positive byte count"),
        (0, "command.parameters.byteLimit is 0; it must be a positive byte count"),
    ])
    func badByteLimit(limit: Int, reason: String) throws {
        let bytes = try Self.bytes { $0.command.parameters.byteLimit = limit }
        #expect(Self.message(bytes) == "r.json: not a valid rngcert report: \(reason)")
    }

    @Test("input.byteCount below zero or above the byte limit, bitsPerSymbol outside 1…8")
    func badCounts() throws {
        #expect(Self.message(try Self.bytes { $0.input.byteCount = -1 })
            == "r.json: not a valid rngcert report: input.byteCount is -1; it must be zero or more")
        #expect(Self.message(try Self.bytes(byteLimit: 10) { $0.input.byteCount = 11 })
            == "r.json: not a valid rngcert report: input.byteCount is 11; it must be at most byteLimit (10)")
        #expect(Self.message(try Self.bytes { $0.input.bitsPerSymbol = 9 })
            == "r.json: not a valid rngcert report: input.bitsPerSymbol is 9; it must be 1 to 8")
        #expect(Self.message(try Self.bytes(byteLimit: 10)) == nil)
    }

    @Test("the HTML renderer reads reports the same way")
    func renderRefuses() throws {
        let bytes = try Self.bytes()
        #expect(throws: ReportError.self) { _ = try ReportHTML.render(reportBytes: bytes + [0x0a], path: "r.json") }
        #expect(throws: Never.self) { _ = try ReportHTML.render(reportBytes: bytes, path: "r.json") }
    }

    @Test("JSONTree finds the first duplicate key, nested in arrays too")
    func duplicateDetector() throws {
        #expect(try JSONTree.parse(Array(#"{"a": 1, "b": {"c": [1, {"d": 1, "d": 2}]}}"#.utf8)).firstDuplicateKey() == "b.c[1].d")
        #expect(try JSONTree.parse(Array(#"{"a": 1, "b": {"a": 1}}"#.utf8)).firstDuplicateKey() == nil)
        #expect(try JSONTree.parse(Array(#"[{"x": 1, "x": 1}]"#.utf8)).firstDuplicateKey() == "[0].x")
    }
}
