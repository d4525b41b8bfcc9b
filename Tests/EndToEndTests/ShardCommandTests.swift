import Certification
import Foundation
import Testing

/// `assess --shard I/N` and `merge` through the binary: the merged report is the single run's
/// (but for times, host and arguments) with the same per-stream table, verifies with
/// `--data --rerun`, and parts that do not belong together are refused with one line, exit 2.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct ShardCommandTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    /// Every suite, small enough to run in seconds: 29 streams of 20,001 bits (they split
    /// bytes), SP 800-90B on a 20,000-sample window with the health tests over every sample.
    static let options = ["--suite", "ent,sp800-22,sp800-90b", "--stream-length", "20001",
                          "--sp800-90b-samples", "20000", "--no-iid-track"]

    /// 72,503 bytes with two stuck runs (health alarms, one across a shard boundary).
    static func input() -> [UInt8] {
        var bytes = StreamedAssessTests.seeded(72_503, seed: 7)
        for i in 30_000..<30_200 { bytes[i] = 0x33 }
        for i in 48_300..<48_400 { bytes[i] = 0xCC }
        return bytes
    }

    func report(_ directory: String) throws -> Report {
        let path = dir.path + "/" + directory + "/report.json"
        return try ReportCoding.decode(try dir.read(directory + "/report.json"), path: path)
    }

    /// Runs `assess --shard i/n` for every shard (in reverse order, with varying --jobs).
    func shards(_ n: Int, prefix: String = "parts/part-", extra: [String] = []) throws {
        for i in (1...n).reversed() {
            let run = try RNGCertBinary.run(["assess", "in.bin", "--shard", "\(i)/\(n)", "--out", "\(prefix)\(i)", "--jobs", "\(1 + i % 2)"]
                + Self.options + extra, in: dir.path)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("partial result: \(prefix)\(i)/partial.json"))
        }
    }

    @Test(arguments: [1, 3, 4])
    func mergedReportIsTheSingleRunsReport(shardCount: Int) throws {
        try dir.write("in.bin", Self.input())
        #expect(try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path).status == 0)
        let single = try RNGCertBinary.run(["assess", "in.bin", "--out", "single", "--sign-key", "lab.key"] + Self.options, in: dir.path)
        #expect(single.status == 1, "the stuck runs fail the health tests: \(single.stdout)\(single.stderr)")
        try shards(shardCount)
        let parts = (1...shardCount).reversed().map { "parts/part-\($0)" }
        let merge = try RNGCertBinary.run(["merge"] + parts + ["--out", "merged", "--sign-key", "lab.key", "--data", "in.bin"], in: dir.path)
        #expect(merge.status == single.status, "\(merge.stdout)\(merge.stderr)")
        #expect(merge.stdout.contains("is the input every shard read"))

        try expectValidAgainstReportSchema(dir.path + "/parts/part-1/partial.json", schema: "partial-result.schema.json")
        try expectValidAgainstReportSchema(dir.path + "/parts/part-\(shardCount)/partial.json", schema: "partial-result.schema.json")
        try expectValidAgainstReportSchema(dir.path + "/merged/report.json")

        let a = try report("single")
        var b = try report("merged")
        #expect((a.suites.sp80090b?.healthTests?.alarmCount ?? 0) >= 2)
        #expect(b.command.arguments.first == "merge")
        b.startedAt = a.startedAt
        b.finishedAt = a.finishedAt
        b.host = a.host
        b.command.arguments = a.command.arguments
        #expect(a == b)
        #expect(try dir.read("single/sp80022-streams.csv") == dir.read("merged/sp80022-streams.csv"))

        let verify = try RNGCertBinary.run(["verify", "merged", "--key", "lab.pub", "--data", "in.bin", "--rerun"], in: dir.path)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("rerun: ok") && verify.stdout.contains("streams: ok"), "\(verify.stdout)")
    }

    @Test func partsThatDoNotBelongTogetherAreRefused() throws {
        let bytes = Self.input()
        try dir.write("in.bin", bytes)
        try shards(3)
        func refused(_ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let run = try RNGCertBinary.run(arguments, in: dir.path)
            #expect(run.status == 2, "\(arguments): \(run.stdout)\(run.stderr)", sourceLocation: sourceLocation)
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
            #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)", sourceLocation: sourceLocation)
        }
        try refused(["merge", "parts/part-1", "parts/part-3", "--out", "m"], "missing shard 2/3")
        try refused(["merge", "parts/part-1", "parts/part-2", "parts/part-2", "parts/part-3", "--out", "m"], "shard 2/3 given twice")
        // Another shard count, other parameters.
        #expect(try RNGCertBinary.run(["assess", "in.bin", "--shard", "2/4", "--out", "other/p2"] + Self.options, in: dir.path).status == 0)
        try refused(["merge", "parts/part-1", "other/p2", "parts/part-3", "--out", "m"], "does not belong with the other parts")
        #expect(try RNGCertBinary.run(["assess", "in.bin", "--shard", "2/3", "--out", "other/q2", "--stream-length", "20000"]
            + Self.options.filter { $0 != "20001" && $0 != "--stream-length" }, in: dir.path).status == 0)
        try refused(["merge", "parts/part-1", "other/q2", "parts/part-3", "--out", "m"], "parameters differ")
        // Other data than the shards read; a report in place of a part; changed rows.
        var changed = bytes
        changed[50_000] ^= 1
        try dir.write("changed.bin", changed)
        try refused(["merge", "parts/part-1", "parts/part-2", "parts/part-3", "--out", "m", "--data", "changed.bin"],
                    "not the input these parts were computed from: bytes")
        #expect(try RNGCertBinary.run(["assess", "in.bin", "--out", "rep", "--suite", "ent"], in: dir.path).status <= 1)
        try dir.write("rep/partial.json", try dir.read("rep/report.json"))
        try refused(["merge", "rep", "--out", "m"], "not an rngcert partial result")
        // A part whose shard number lies outside its count (an edited partial.json).
        let part3 = String(decoding: try dir.read("parts/part-3/partial.json"), as: UTF8.self)
        let edited = part3.replacingOccurrences(of: "\"index\" : 3", with: "\"index\" : 5")
        #expect(edited != part3)
        try FileManager.default.createDirectory(atPath: dir.path + "/odd", withIntermediateDirectories: true)
        try dir.write("odd/partial.json", Array(edited.utf8))
        try refused(["merge", "parts/part-1", "parts/part-2", "parts/part-3", "odd", "--out", "m"], "shard 5/3 is not a shard of 3")
        var rows = try dir.read("parts/part-2/sp80022-streams.part.csv")
        rows[rows.count / 2] = rows[rows.count / 2] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try dir.write("parts/part-2/sp80022-streams.part.csv", rows)
        try refused(["merge", "parts/part-1", "parts/part-2", "parts/part-3", "--out", "m"], "the rows were changed")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/m/report.json"))

        // Inputs a shard cannot split, and bad --shard values.
        try refused(["assess", "-", "--shard", "1/2", "--out", "s"], "--shard")
        try refused(["assess", "in.bin", "--shard", "1/2", "--format", "ascii01", "--out", "s", "--suite", "ent"], "only raw input")
        try refused(["assess", "in.bin", "--shard", "3/2", "--out", "s"], "--shard")
        try refused(["assess", "in.bin", "--shard", "1/0", "--out", "s"], "--shard")
        try refused(["assess", "in.bin", "--shard", "two/3", "--out", "s"], "--shard")
        try refused(["assess", "in.bin", "--shard", "1/3", "--out", "parts/part-1"] + Self.options, "exists")
        try refused(["assess", "in.bin", "--shard", "1/3", "--out", "s", "--sign-key", "k"], "--sign-key")
        #expect(mkfifo(dir.path + "/fifo", 0o600) == 0)
        try refused(["assess", "fifo", "--shard", "1/2", "--out", "s", "--suite", "ent"], "named pipe")
    }

    /// The partial-result schema's $defs shared with the report schema stay equal to it.
    @Test func partialSchemaSharesTheReportsDefinitions() throws {
        func load(_ name: String) throws -> [String: Any] {
            let url = EntropyFixtures.packageRoot.appendingPathComponent("Schemas/" + name)
            return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        }
        let partial = try #require(try load("partial-result.schema.json")["$defs"] as? [String: Any])
        let report = try #require(try load("report.schema.json")["$defs"] as? [String: Any])
        var shared = 0
        for (name, definition) in partial where report[name] != nil {
            #expect((report[name] as? NSDictionary)?.isEqual(definition as? NSDictionary) == true, "$defs/\(name) differs from report.schema.json's")
            shared += 1
        }
        #expect(shared > 20)
    }
}
