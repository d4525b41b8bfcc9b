import Foundation
import Testing

/// summary.json against Schemas/batch-summary.schema.json, validated by python3's jsonschema
/// (draft 2020-12), and the schema's shared $defs kept equal to the report schema's.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct BatchSchemaTests {
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Schemas").path
    static let jsonschemaAvailable = (try? ProcessRunner.run("/usr/bin/env", ["python3", "-c", "import jsonschema"]).status) == 0

    @Test func sharedDefinitionsMatchTheReportSchema() throws {
        func load(_ name: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.schemas + "/" + name))) as? [String: Any])
        }
        let summary = try #require(try load("batch-summary.schema.json")["$defs"] as? [String: Any])
        let report = try #require(try load("report.schema.json")["$defs"] as? [String: Any])
        #expect(summary.count > 5)
        for (name, definition) in summary where name != "batchEntry" {
            let theirs = try #require(report[name] as? NSDictionary, "\(name) is not in report.schema.json")
            #expect(theirs.isEqual(definition as? NSDictionary), "$defs/\(name) differs from report.schema.json's")
        }
    }

    @Test(.enabled(if: jsonschemaAvailable, "python3 jsonschema is not installed (scripts/install-deps --test installs it)"))
    func summaryValidatesAgainstItsSchema() throws {
        let dir = try EndToEndDirectory()
        try dir.write("a.bin", (0..<32768).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 13) })
        let run = try RNGCertBinary.run(["batch", "a.bin", "gone.bin", "--out", "out", "--device", "d", "--suite", "ent", "--quiet"], in: dir.path)
        #expect(run.status == 2, "stderr: \(run.stderr)")
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2], encoding="utf-8"))))
            for e in errors: print(e.json_path, e.message[:300])
            sys.exit(1 if errors else 0)
            """
        try script.write(toFile: dir.path + "/validate.py", atomically: true, encoding: .utf8)
        let check = try ProcessRunner.run("/usr/bin/env", ["python3", dir.path + "/validate.py", Self.schemas + "/batch-summary.schema.json",
                                                           dir.path + "/out/summary.json"])
        #expect(check.status == 0, "summary.json: \(check.stdout) \(check.stderr)")
    }
}
