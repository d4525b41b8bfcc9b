import Certification
import Foundation
import AssessmentEngine
import SP80090B
import Testing

/// `assess --restart-data FILE`: the restart tests of SP 800-90B §3.1.4 in the report, at
/// H_I = the assessed min-entropy — the same result `entropy restart` (checked against
/// ea_restart in EntropyRestartCommandTests) gives for that H_I; correlated restarts fail the
/// suite; the file is bound by its SHA-256 (a re-run refuses another); bad files are one-line
/// errors, exit 2; a sharded run carries the tests into the merged report.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct AssessRestartDataTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    static let options = ["--suite", "sp800-90b", "--sp800-90b-samples", "100000", "--no-iid-track"]

    func report(_ directory: String) throws -> Report {
        try ReportCoding.decode(try dir.read(directory + "/report.json"), path: directory + "/report.json")
    }

    /// The noise source (200,000 samples) and a restart dataset of independent restarts
    /// (1,000 × 1,000 samples from another seed of the same source).
    func writeInputs() throws {
        _ = try dir.writeRandom("noise.bin", count: 200_000, seed: 3)
        _ = try dir.writeRandom("restart.bin", count: 1_000_000, seed: 4)
    }

    @Test func independentRestartsPassAndMatchEntropyRestart() throws {
        try writeInputs()
        let run = try RNGCertBinary.run(["assess", "noise.bin", "--out", "r", "--restart-data", "restart.bin"] + Self.options, in: dir.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("restart tests: pass"), "\(run.stdout)")
        let ea = try #require(try report("r").suites.sp80090b)
        let restart = try #require(ea.restart)
        let hI = try #require(ea.assessedMinEntropy)
        #expect(restart.initialEntropy == hI && restart.verdict == .pass)
        #expect(ea.parameters.restartData?.sha256 == SHA256Digest.hex(of: try dir.read("restart.bin")))
        #expect(ea.reasons.last?.contains("restart tests (SP 800-90B 3.1.4, non-iid track)") == true)
        try expectValidAgainstReportSchema(dir.path + "/r/report.json")

        // The same H_I through `entropy restart` (%.17g keeps every bit of it).
        let standalone = try RNGCertBinary.run(["entropy", "restart", "-n", "restart.bin", "8", String(format: "%.17g", hI), "-o", "restart.json"], in: dir.path)
        #expect(standalone.status == 0, "\(standalone.stdout)\(standalone.stderr)")
        let alone = try JSONDecoder().decode(RestartTestResult.self, from: Data(try dir.read("restart.json")))
        #expect(alone == restart)

        // verify --rerun reads the restart file again; another file is refused by its hash.
        #expect(try RNGCertBinary.run(["keygen", "--out", "k"], in: dir.path).status == 0)
        #expect(try RNGCertBinary.run(["assess", "noise.bin", "--out", "s", "--sign-key", "k.key", "--restart-data", "restart.bin"] + Self.options,
                                      in: dir.path).status == 0)
        let verify = try RNGCertBinary.run(["verify", "s", "--key", "k.pub", "--data", "noise.bin", "--rerun"], in: dir.path)
        #expect(verify.status == 0 && verify.stdout.contains("rerun: ok"), "\(verify.stdout)\(verify.stderr)")
        _ = try dir.writeRandom("restart.bin", count: 1_000_000, seed: 5)
        let changed = try RNGCertBinary.run(["verify", "s", "--key", "k.pub", "--data", "noise.bin", "--rerun"], in: dir.path)
        #expect(changed.status != 0)
        #expect((changed.stdout + changed.stderr).contains("--restart-data restart.bin: its SHA-256"), "\(changed.stdout)\(changed.stderr)")
    }

    @Test func correlatedRestartsFailTheSuite() throws {
        try writeInputs()
        // Every restart begins the same way: 1,000 copies of one row.
        let row = Array(try dir.read("restart.bin").prefix(1_000))
        try dir.write("same.bin", Array((0..<1_000).map { _ in row }.joined()))
        let run = try RNGCertBinary.run(["assess", "noise.bin", "--out", "r", "--restart-data", "same.bin"] + Self.options, in: dir.path)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("restart tests: fail (sanity-check)"), "\(run.stdout)")
        let ea = try #require(try report("r").suites.sp80090b)
        #expect(ea.verdict == .fail && ea.restart?.failure == .sanityCheck)
        #expect(ea.reasons.last?.contains("sanity check X_max = 1000 >") == true, "\(ea.reasons)")
    }

    @Test func badRestartFilesAreOneLineErrors() throws {
        try writeInputs()
        try dir.write("short.bin", Array(try dir.read("restart.bin").prefix(999_999)))
        let cases: [([String], String)] = [
            (["--restart-data", "missing.bin"] + Self.options, "--restart-data missing.bin: cannot read"),
            (["--restart-data", "short.bin"] + Self.options, "short.bin"),
            (["--restart-data", "restart.bin", "--suite", "ent"], "select it (--suite sp800-90b)"),
        ]
        for (extra, message) in cases {
            let run = try RNGCertBinary.run(["assess", "noise.bin", "--out", "x"] + extra, in: dir.path)
            #expect(run.status == 2, "\(extra): \(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains(message) && run.stderr.split(separator: "\n").count == 1, "\(extra): \(run.stderr)")
        }
    }

    @Test func shardedRunCarriesTheRestartTests() throws {
        try writeInputs()
        let options = ["--restart-data", "restart.bin"] + Self.options
        #expect(try RNGCertBinary.run(["assess", "noise.bin", "--out", "single"] + options, in: dir.path).status == 0)
        for i in 1...2 {
            #expect(try RNGCertBinary.run(["assess", "noise.bin", "--shard", "\(i)/2", "--out", "p\(i)"] + options, in: dir.path).status == 0)
        }
        #expect(try RNGCertBinary.run(["merge", "p2", "p1", "--out", "merged"], in: dir.path).status == 0)
        let a = try report("single")
        let b = try report("merged")
        #expect(a.suites == b.suites && a.suites.sp80090b?.restart != nil)
    }
}
