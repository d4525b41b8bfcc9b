import Capture
import Certification
import Foundation
import Qualification
import SP80090B
import Testing
import Yams

/// Schemas/qualification-report.schema.json and Schemas/qualification.schema.json: a real
/// report (an IID claim that holds, a non-vetted and a vetted component) validates, and so do
/// the documented configuration files; the definitions shared with report.schema.json are
/// copies of it. Also: the IID track (SP 800-90B 3.1.2) is taken only when the claim holds on
/// the raw noise and on the restart rows and columns.
@Suite struct QualificationSchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let jsonschemaAvailable = (try? python(["-c", "import jsonschema"]).status) == 0

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
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

    /// Validates each JSON file against `schema`; returns the errors printed.
    static func validate(schema: String, _ files: [String]) throws -> (status: Int32, output: String) {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
            bad = 0
            for path in sys.argv[2:]:
                for e in jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(path, encoding="utf-8"))):
                    bad += 1
                    print(f"{path}: {e.json_path}: {e.message[:300]}")
            sys.exit(1 if bad else 0)
            """
        return try python(["-c", script, root.appendingPathComponent("Schemas/\(schema)").path] + files)
    }

    /// A qualification of simulated 4-bit samples claimed IID, in `directory`.
    static func iidQualification(in directory: String) throws -> QualificationReport {
        var source = try FaultySource(seed: 11)
        let noise = source.next(1_000_000).map { $0 & 0x0f }
        let rows = source.next(1_000_000).map { $0 & 0x0f }
        let folded = source.next(200_000)
        try Data(noise).write(to: URL(fileURLWithPath: directory + "/noise.bin"))
        try Data(rows).write(to: URL(fileURLWithPath: directory + "/restart.bin"))
        try Data(folded).write(to: URL(fileURLWithPath: directory + "/folded.bin"))
        let text = """
            device: {vendor: V, model: M}
            noise: {file: noise.bin, bits_per_sample: 4}
            claim: {min_entropy: 3, iid: true}
            restart: {file: restart.bin}
            conditioning:
              - {name: fold, vetted: false, n_in: 8, n_out: 8, nw: 8, output_file: folded.bin}
              - {name: SHA-256, vetted: true, n_in: 512, n_out: 256, nw: 256}
            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/q.yaml"))
        let config = try QualificationConfigParser.load(path: directory + "/q.yaml")
        let run = QualificationRun(config: config, configurationPath: directory + "/q.yaml", configurationBytes: Array(text.utf8),
                                   directory: directory + "/evidence", signer: ReportSigner(key: SigningKey.generate()),
                                   tool: ToolIdentity(version: "test", build: "test"), arguments: ["qualify"], jobs: 2)
        return try run.run(stop: StopSignal()) { _ in }
    }

    @Test func anIIDClaimThatHoldsTakesTheIIDTrackAndTheReportValidates() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rngcert-qschema-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try Self.iidQualification(in: directory)
        let a = report.assessment
        #expect(a.track == .iid)
        #expect(a.restart?.track == .iid)
        // The IID tests ran on the restart rows and columns (3.1.2 item 3).
        #expect(a.restart?.rows?.iidChecks?.allSatisfy(\.passed) == true)
        #expect(a.restart?.columns?.iidChecks?.allSatisfy(\.passed) == true)
        #expect(a.hOriginal == a.noise.iid?.minEntropy.hOriginal)
        #expect(a.steps.first { $0.id == "track" }?.decision == .pass)
        #expect(report.referenceCommands.contains { $0.command == "ea_restart -i -v data/restart.bin 4 3" })
        guard Self.jsonschemaAvailable else { return }
        let result = try Self.validate(schema: "qualification-report.schema.json", [directory + "/evidence/qualification.json"])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func anIIDClaimOnCorrelatedSamplesFallsBackToTheNonIIDTrackAndFails() throws {
        // A sticky source: each 4-bit sample repeats the previous one with probability 1/4.
        var source = try FaultySource(seed: 12)
        var noise: [UInt8] = []
        var last: UInt8 = 0
        for b in source.next(1_000_000) {
            last = b >> 6 == 0 ? last : b & 0x0f
            noise.append(last)
        }
        var clean = try FaultySource(seed: 13)
        let rows = clean.next(1_000_000).map { $0 & 0x0f }
        var config = QualificationAssessmentTests.config(bits: 4, claim: 2, iid: true)
        config.claim.iid = true
        let result = try QualificationAssessment.run(config: config, data: QualificationData(noise: noise, restartRows: rows, conditioned: [:]), jobs: 2)
        #expect(result.track == .nonIID)
        #expect(result.restart?.track == .nonIID)
        let track = try #require(result.steps.first { $0.id == "track" })
        #expect(track.decision == .fail)
        #expect(track.reason.hasPrefix("The IID claim does not hold: the IID tests rejected it on the sequential dataset"), "\(track.reason)")
        #expect(result.steps.first { $0.id == "claim" }?.reason.contains("the IID claim does not hold") == true)
        #expect(result.verdict == .fail)
    }

    @Test(.enabled(if: jsonschemaAvailable, "python3 jsonschema is not installed (scripts/install-deps --test installs it)"))
    func documentedConfigurationsValidateAndAMisspeltKeyDoesNot() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rngcert-qconfig-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var texts = [("test", QualificationConfigTests.valid),
                     ("reference", try String(contentsOf: Self.root.appendingPathComponent("Fixtures/qualification/reference.yaml"), encoding: .utf8))]
        // The README's and docs/qualification.md's examples, verbatim.
        for doc in ["README.md", "docs/qualification.md"] {
            let text = try String(contentsOf: Self.root.appendingPathComponent(doc), encoding: .utf8)
            let blocks = text.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
            #expect(!blocks.isEmpty, "\(doc) has no yaml example")
            texts += blocks.map { (doc, $0) }
        }
        var files: [String] = []
        for (i, (name, text)) in texts.enumerated() {
            _ = try QualificationConfigParser.parse(text, file: name, baseDirectory: ".")
            let json = try JSONSerialization.data(withJSONObject: try #require(try Yams.load(yaml: text)))
            let path = "\(directory)/\(i).json"
            try json.write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        let good = try Self.validate(schema: "qualification.schema.json", files)
        #expect(good.status == 0, "\(good.output)")
        let misspelt = QualificationConfigTests.valid.replacingOccurrences(of: "bits_per_sample", with: "bits_per_sampel")
        try JSONSerialization.data(withJSONObject: try #require(try Yams.load(yaml: misspelt))).write(to: URL(fileURLWithPath: directory + "/bad.json"))
        let bad = try Self.validate(schema: "qualification.schema.json", [directory + "/bad.json"])
        #expect(bad.status == 1 && bad.output.contains("bits_per_sampel"), "\(bad.output)")
    }

    @Test func sharedDefinitionsAreCopiesOfTheReportSchema() throws {
        func defs(_ name: String) throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.root.appendingPathComponent("Schemas/\(name)")))
            return try #require((object as? [String: Any])?["$defs"] as? [String: Any])
        }
        let report = try defs("report.schema.json"), qualification = try defs("qualification-report.schema.json")
        var shared = 0
        for (name, schema) in qualification {
            guard let original = report[name] else { continue }
            shared += 1
            #expect((original as? NSDictionary)?.isEqual(schema as? NSDictionary) == true, "$defs.\(name) differs from report.schema.json")
        }
        #expect(shared >= 30)
    }
}
