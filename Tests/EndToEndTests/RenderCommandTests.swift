import Certification
import Foundation
import Testing

/// `rngcert render` as a user runs it: the page `assess` wrote, re-rendered byte for byte;
/// refusal to overwrite; exit 2 with a precise message for reports it cannot read.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct RenderCommandTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    /// `assess` on the first 256 KiB of the demo input (ENT and SP 800-22, two streams).
    func assess() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: AssessCommandTests.demoInput)).prefix(262_144))
        try dir.write("input.bin", bytes)
        let run = try RNGCertBinary.run(["assess", "input.bin", "--suite", "ent,sp800-22", "--stream-length", "1000000", "--streams", "2",
                                         "--out", "out"], in: dir.path)
        #expect(run.status == 0 || run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("html: out/report.html"))
    }

    @Test func rendersThePageAssessWrote() throws {
        try assess()
        let run = try RNGCertBinary.run(["render", "out/report.json", "--out", "copy.html"], in: dir.path)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout == "html: copy.html\nunsigned: the report names no signer\n")
        #expect(try dir.read("copy.html") == dir.read("out/report.html"))
        // A directory names its report.json.
        let fromDirectory = try RNGCertBinary.run(["render", "out", "--out", "again.html"], in: dir.path)
        #expect(fromDirectory.status == 0, "stderr: \(fromDirectory.stderr)")
        #expect(try dir.read("again.html") == dir.read("out/report.html"))
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        try assess()
        try dir.write("out/report.html", Array("stale".utf8))
        let refused = try RNGCertBinary.run(["render", "out/report.json"], in: dir.path)
        #expect(refused.status == 2)
        #expect(refused.stderr == "rngcert: error: out/report.html: already exists (use --force to replace it)\n")
        #expect(try dir.read("out/report.html") == Array("stale".utf8))
        let forced = try RNGCertBinary.run(["render", "out/report.json", "--force"], in: dir.path)
        #expect(forced.status == 0, "stderr: \(forced.stderr)")
        #expect(try dir.read("out/report.html") != Array("stale".utf8))
        #expect(String(decoding: try dir.read("out/report.html"), as: UTF8.self).contains("id=\"verdict\""))
    }

    @Test func malformedJSONExitsWith2() throws {
        try dir.write("bad.json", Array(#"{"schemaVersion": 2, "tool": "#.utf8))
        let run = try RNGCertBinary.run(["render", "bad.json", "--out", "bad.html"], in: dir.path)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("rngcert: error: bad.json: not a valid rngcert report: "))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/bad.html"))
        try dir.write("fields.json", Array(#"{"schemaVersion": 2}"#.utf8))
        let missing = try RNGCertBinary.run(["render", "fields.json", "--out", "f.html"], in: dir.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("fields.json: not a valid rngcert report: missing field"))
    }

    @Test func unknownSchemaVersionExitsWith2() throws {
        var report = EndToEndReports.report(data: Array("data".utf8))
        report.schemaVersion = 7
        try dir.write("future.json", try ReportCoding.encode(report))
        let run = try RNGCertBinary.run(["render", "future.json"], in: dir.path)
        #expect(run.status == 2)
        #expect(run.stderr == "rngcert: error: future.json: unknown schemaVersion 7 (this rngcert reads version \(Report.currentSchemaVersion))\n")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/future.html"))
    }

    @Test func missingReportExitsWith2() throws {
        let run = try RNGCertBinary.run(["render", "nowhere.json"], in: dir.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("nowhere.json: cannot read: No such file or directory"))
    }
}
