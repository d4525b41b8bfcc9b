import AssessmentEngine
import Certification
import ENT
import Foundation
import RandomnessCore
import SP80090B
import Testing

/// python3 with the jsonschema module, which the validation test runs; skipped when absent.
enum PythonJSONSchema {
    static let isAvailable: Bool = (try? run(["-c", "import jsonschema"]).status) == 0

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Checks the schema against the draft 2020-12 meta-schema, then validates each file
    /// against the whole schema (name "") or one of its `$defs`.
    static let script = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        failures = 0
        for argument in sys.argv[2:]:
            name, path = argument.split("=", 1)
            target = schema if name == "" else {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/" + name}
            for error in jsonschema.Draft202012Validator(target).iter_errors(json.load(open(path, encoding="utf-8"))):
                failures += 1
                print(f"{path}: {error.json_path}: {error.message[:300]}")
        sys.exit(1 if failures else 0)
        """
}

/// Schemas/report.schema.json documents report.json: generated reports validate against it, and
/// it describes exactly the members of the Codable types (both ways), so it cannot fall behind.
@Suite("report JSON Schema")
struct ReportSchemaTests {
    /// Reports that between them hold every kind of member: signed, unsigned, several streams
    /// and one, tests not applicable, ENT on an empty input, a byte limit.
    static func sampleReports() throws -> [(name: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        out.append(("signed-8-streams", try HTMLFixtures.signedBytes(HTMLFixtures.eightStreams.get())))
        out.append(("unsigned-1-stream", try ReportCoding.encode(HTMLFixtures.oneStream.get())))
        var gated = try HTMLFixtures.oneStream.get()
        gated.gate = GateRecord(bufferID: 2, merkleRoot: String(repeating: "ab", count: 32), leafSize: 32, leafCount: 4,
                                previousReportSHA256: String(repeating: "cd", count: 32))
        out.append(("gate-buffer", try ReportCoding.encode(gated)))
        out.append(("byte-limit", try ReportCoding.encode(HTMLFixtures.report(streamCount: 1, streamLength: 100_000, byteLimit: 20_000))))
        out.append(("sp800-90b", try HTMLFixtures.signedBytes(HTMLFixtures.withSP80090B.get())))
        var empty = try HTMLFixtures.oneStream.get()
        empty.suites = SuiteResults(ent: ENTAccumulator().suiteResult())
        empty.command.parameters = AssessmentParameters(suites: [.ent], decoding: DecodingOptions(format: .samples, bitOrder: .lsb, bitsPerSymbol: 4))
        empty.input.bitsPerSymbol = 4
        out.append(("ent-empty", try ReportCoding.encode(Report(tool: empty.tool, command: empty.command, input: empty.input, host: empty.host,
                                                               startedAt: empty.startedAt, finishedAt: empty.finishedAt, suites: empty.suites))))
        return out
    }

    /// The SP 800-90B results the schema's `$defs` describe, encoded.
    static func sp80090bParts() throws -> [(definition: String, bytes: [UInt8])] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return [
            ("nonIIDResult", Array(try encoder.encode(HTMLFixtures.nonIID.get()))),
            ("iidResult", Array(try encoder.encode(HTMLFixtures.iid.get()))),
            ("iidResult", Array(try encoder.encode(HTMLFixtures.iidRejectedEarly.get()))),
            ("sp80090bSuiteResult", Array(try encoder.encode(HTMLFixtures.notApplicableSP80090B))),
            ("restartTestResult", Array(try encoder.encode(HTMLFixtures.restart.get()))),
            ("healthTestScan", Array(try encoder.encode(HTMLFixtures.health.get()))),
        ]
    }

    @Test("the schema is draft 2020-12 and describes the current schemaVersion")
    func header() throws {
        let schema = try ReportSchema.load()
        #expect(schema.root["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let version = (schema.root["properties"] as? [String: Any])?["schemaVersion"] as? [String: Any]
        #expect(version?["const"] as? Int == Report.currentSchemaVersion)
    }

    @Test("every key of the sample reports is described by the schema")
    func encodedReportsAreCovered() throws {
        let schema = try ReportSchema.load()
        for (name, bytes) in try Self.sampleReports() {
            let tree = try JSONSerialization.jsonObject(with: Data(bytes))
            #expect(schema.uncovered(tree, schema: schema.root) == [], "\(name)")
        }
        for (definition, bytes) in try Self.sp80090bParts() {
            let tree = try JSONSerialization.jsonObject(with: Data(bytes))
            #expect(schema.uncovered(tree, schema: try #require(schema.definition(definition))) == [], "\(definition)")
        }
    }

    /// Probes `type` against `root` once per `oneOf` alternative; returns undescribed keys and
    /// the schema's members the type never asked for.
    func probe<T: Decodable>(_ type: T.Type, root: [String: Any], schema: ReportSchema) throws -> (missing: [String], unused: [String]) {
        var missing: [String] = []
        var visited: Set<String> = []
        for branch in 0..<3 {
            let probe = SchemaProbe(schema: schema, branch: branch)
            missing += try probe.run(type, root: root)
            visited.formUnion(probe.visited)
        }
        let unused = schema.propertyPaths(root).subtracting(visited).sorted()
        return (Array(Set(missing)).sorted(), unused)
    }

    @Test("the schema describes exactly the members the Codable types have (optional ones included)")
    func typesAndSchemaAgree() throws {
        let schema = try ReportSchema.load()
        let report = try probe(Report.self, root: schema.root, schema: schema)
        #expect(report.missing == [], "members of Report the schema does not describe")
        #expect(report.unused == [], "members the schema describes that Report does not have")
        // The parts on their own (the restart tests are not in the report yet).
        let parts: [(String, any Decodable.Type)] = [
            ("nonIIDResult", NonIIDResult.self), ("iidResult", IIDResult.self),
            ("restartTestResult", RestartTestResult.self), ("healthTestScan", HealthTestScan.self),
        ]
        for (definition, type) in parts {
            let result = try probe(type, root: try #require(schema.definition(definition)), schema: schema)
            #expect(result.missing == [], "\(definition): members of \(type) the schema does not describe")
            #expect(result.unused == [], "\(definition): members the schema describes that \(type) does not have")
        }
    }

    /// A type with an optional member and an enum, for checking the walks themselves.
    struct Sample: Codable {
        enum Kind: String, Codable { case first, second }
        var kind: Kind
        var count: Int
        var note: String?
        var nested: [Nested]
        struct Nested: Codable { var value: Double; var extra: Bool? }
    }

    @Test("the walks find members the schema lacks, optional ones included, and stale ones")
    func walksFindGaps() throws {
        let definition: [String: Any] = [
            "type": "object",
            "properties": [
                "kind": ["enum": ["second", "first"]], "count": ["type": "integer"], "stale": ["type": "string"],
                "nested": ["type": "array", "items": ["type": "object", "properties": ["value": ["type": "number"]]]],
            ],
        ]
        let schema = ReportSchema(["$defs": ["sample": definition]])
        let result = try probe(Sample.self, root: ["$ref": "#/$defs/sample"], schema: schema)
        #expect(result.missing == ["nested.0.extra", "note"])
        #expect(result.unused == ["stale"])
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(
            Sample(kind: .first, count: 1, note: "n", nested: [.init(value: 1, extra: true)])))
        #expect(schema.uncovered(encoded, schema: definition) == ["$.nested[0].extra", "$.note"])
    }

    @Test("generated reports validate against the schema (python3 jsonschema)",
          .enabled(if: PythonJSONSchema.isAvailable, "python3 with the jsonschema module is not installed (pip install jsonschema); schema validation not run"))
    func pythonValidation() throws {
        let dir = try SigningScratchDirectory()
        var arguments = ["-c", PythonJSONSchema.script, ReportSchema.url.path]
        for (name, bytes) in try Self.sampleReports() { arguments.append("=" + (try dir.file(name + ".json", bytes))) }
        for (definition, bytes) in try Self.sp80090bParts() { arguments.append(definition + "=" + (try dir.file(definition + ".json", bytes))) }
        let run = try PythonJSONSchema.run(arguments)
        #expect(run.status == 0, "\(run.output)")
        // And the validator does reject what the schema forbids.
        var report = try JSONSerialization.jsonObject(with: Data(HTMLFixtures.signedBytes(HTMLFixtures.oneStream.get()))) as! [String: Any]
        report["surprise"] = true
        var input = report["input"] as! [String: Any]
        input["sha256"] = "not a digest"
        report["input"] = input
        let bad = try dir.file("bad.json", Array(JSONSerialization.data(withJSONObject: report)))
        let rejected = try PythonJSONSchema.run(["-c", PythonJSONSchema.script, ReportSchema.url.path, "=" + bad])
        #expect(rejected.status == 1)
        #expect(rejected.output.contains("$.input.sha256") && rejected.output.contains("'surprise' was unexpected"))
    }
}
