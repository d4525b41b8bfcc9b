import Certification
import Testing

@Suite("JSON tree diff for verify --rerun")
struct JSONTreeDifferenceTests {
    private func tree(_ text: String) throws -> JSONTree { try JSONTree.parse(Array(text.utf8)) }

    private let recorded = """
        {"suites": {"sp800-22": {"streams": [
            {"pValues": [0.1, 0.2]}, {"pValues": [0.3]}, {"pValues": []},
            {"pValues": [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.51, 0.1]}
        ]}}, "verdict": "pass", "host": "a"}
        """

    @Test("reports the path of the first differing number, as written")
    func firstDifferingNumber() throws {
        let rerun = recorded.replacingOccurrences(of: "0.51", with: "0.52")
        let differences = JSONTreeDifference.between(try tree(recorded), try tree(rerun))
        #expect(differences.map(\.description) == ["suites.sp800-22.streams[3].pValues[7]: 0.51 ≠ 0.52"])
    }

    @Test("identical trees have no differences; ignored paths are skipped")
    func identicalAndIgnored() throws {
        #expect(JSONTreeDifference.between(try tree(recorded), try tree(recorded)).isEmpty)
        let otherHost = recorded.replacingOccurrences(of: "\"host\": \"a\"", with: "\"host\": \"b\"")
        #expect(JSONTreeDifference.between(try tree(recorded), try tree(otherHost)).map(\.description) == ["host: \"a\" ≠ \"b\""])
        #expect(JSONTreeDifference.between(try tree(recorded), try tree(otherHost), ignoring: ["host"]).isEmpty)
    }

    @Test("missing and extra fields, array lengths, type changes")
    func structuralDifferences() throws {
        let a = try tree(#"{"a": 1, "b": [1, 2, 3], "c": {"d": true}, "e": null}"#)
        let b = try tree(#"{"a": 1, "b": [1, 2], "c": {"d": "true"}, "f": 0}"#)
        let all = JSONTreeDifference.between(a, b, limit: 10).map(\.description)
        #expect(all == [
            "b: 3 elements ≠ 2 elements",
            "c.d: true ≠ \"true\"",
            "e: null ≠ absent",
            "f: absent ≠ 0",
        ])
        #expect(JSONTreeDifference.between(a, b, limit: 2).count == 2)
    }

    @Test("numbers: same value written differently agrees; tolerance is relative; long integers are exact")
    func numbers() throws {
        #expect(JSONTreeDifference.between(try tree("[1e-07]"), try tree("[1.0E-7]")).isEmpty)
        #expect(JSONTreeDifference.between(try tree("[0.5]"), try tree("[0.5000000001]")).count == 1)
        #expect(JSONTreeDifference.between(try tree("[0.5]"), try tree("[0.5000000001]"), tolerance: 1e-9).isEmpty)
        #expect(JSONTreeDifference.between(try tree("[1000]"), try tree("[1000.001]"), tolerance: 1e-6).isEmpty)
        #expect(JSONTreeDifference.between(try tree("[1000]"), try tree("[1000.01]"), tolerance: 1e-6).count == 1)
        // 2^64 − 1 and 2^64 − 2 are the same Double; seeds must still differ.
        let d = JSONTreeDifference.between(try tree(#"{"seed": 18446744073709551615}"#), try tree(#"{"seed": 18446744073709551614}"#), tolerance: 1e-3)
        #expect(d.map(\.description) == ["seed: 18446744073709551615 ≠ 18446744073709551614"])
    }

    @Test("parser: escapes, unicode, errors with offsets")
    func parser() throws {
        #expect(try tree(#"["a\"b\\c\/\n\u00e9\ud83d\ude00"]"#) == .array([.string("a\"b\\c/\né😀")]))
        #expect(try tree(" {\"k\": [true, false, null, -1.5e+3]} ") == .object([
            JSONTree.Member(key: "k", value: .array([.bool(true), .bool(false), .null, .number("-1.5e+3")])),
        ]))
        #expect(throws: JSONTreeError(offset: 5, reason: "unexpected end of text in an array")) { try tree("[1, 2") }
        #expect(throws: JSONTreeError(offset: 3, reason: "unexpected text after the JSON value")) { try tree("{} x") }
        #expect(throws: JSONTreeError.self) { try tree("[01.]") }
    }
}
