import Certification
import Foundation
import Testing

/// `rngcert assess` as a user runs it: exit codes, the report on disk, refusal to overwrite,
/// standard input, and a signed report that verifies with a full re-run.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct AssessCommandTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    /// The committed demo input (AES-256-CTR keystream, see Fixtures/demo/README.md).
    static let demoInput = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/demo/demo-input.bin").path

    func report(_ directory: String) throws -> Report {
        let path = dir.path + "/" + directory + "/report.json"
        return try ReportCoding.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
    }

    @Test func goodInputPassesAndWritesTheReport() throws {
        let run = try RNGCertBinary.run(["assess", Self.demoInput, "--suite", "ent", "--out", "out"], in: dir.path)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("verdict: PASS"))
        let report = try report("out")
        #expect(report.input.byteCount == 1_048_576)
        #expect(report.input.sha256 == "81d2e0277e02e82905a82544e0b46f944fbb644a2287c211b3eab305b42c81a9")
        #expect(report.command.parameters.suites == [.ent])
        #expect(report.suites.ent?.verdict == .pass)
        #expect(report.verdict == .pass)
    }

    @Test func constantInputFailsWithExitCode1() throws {
        try dir.write("zeros.bin", [UInt8](repeating: 0, count: 4096))
        let run = try RNGCertBinary.run(["assess", "zeros.bin", "--suite", "ent", "--out", "out"], in: dir.path)
        #expect(run.status == 1)
        #expect(run.stdout.contains("verdict: FAIL"))
        #expect(try report("out").verdict == .fail)
    }

    @Test func existingReportIsNotOverwrittenWithoutForce() throws {
        let first = try RNGCertBinary.run(["assess", Self.demoInput, "--suite", "ent", "--out", "out"], in: dir.path)
        #expect(first.status == 0)
        let before = try dir.read("out/report.json")
        let second = try RNGCertBinary.run(["assess", Self.demoInput, "--suite", "ent", "--out", "out"], in: dir.path)
        #expect(second.status == 2)
        #expect(second.stderr.contains("out/report.json"))
        #expect(second.stderr.contains("--force"))
        #expect(try dir.read("out/report.json") == before)
        // The refusal comes before any work: before the input is even opened.
        let early = try RNGCertBinary.run(["assess", "missing.bin", "--out", "out"], in: dir.path)
        #expect(early.status == 2 && early.stderr.contains("out/report.json") && !early.stderr.contains("missing.bin"), "\(early.stderr)")
        let forced = try RNGCertBinary.run(["assess", Self.demoInput, "--suite", "ent", "--out", "out", "--force"], in: dir.path)
        #expect(forced.status == 0)
    }

    @Test func standardInputIsAnInput() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.demoInput)).prefix(65536))
        let run = try RNGCertBinary.run(["assess", "-", "--suite", "ent", "--out", "out"], in: dir.path, input: bytes)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(try report("out").input.byteCount == 65536)
    }

    @Test func badUsageAndInputExitWith2() throws {
        let unknown = try RNGCertBinary.run(["assess", Self.demoInput, "--suite", "dieharder"], in: dir.path)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown suite 'dieharder'"))
        let missing = try RNGCertBinary.run(["assess", "nope.bin", "--out", "out"], in: dir.path)
        #expect(missing.status == 2)
        #expect(missing.stderr == "rngcert: error: nope.bin: cannot open: No such file or directory\n")
        try dir.write("bits.txt", Array("0101 0110\n01x0".utf8))
        let bad = try RNGCertBinary.run(["assess", "bits.txt", "--format", "ascii01", "--suite", "ent", "--out", "out"], in: dir.path)
        #expect(bad.status == 2)
        #expect(bad.stderr == "rngcert: error: bits.txt: offset 12: invalid character 'x' (0x78) in ascii01 input\n")
        let jobs = try RNGCertBinary.run(["assess", Self.demoInput, "--jobs", "0"], in: dir.path)
        #expect(jobs.status == 2)
        let missingArgument = try RNGCertBinary.run(["assess"], in: dir.path)
        #expect(missingArgument.status == 2)
    }

    @Test func signedReportVerifiesWithDataAndRerun() throws {
        #expect(try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path).status == 0)
        let assess = try RNGCertBinary.run(
            ["assess", Self.demoInput, "--suite", "ent", "--out", "out", "--sign-key", "lab.key"], in: dir.path)
        #expect(assess.status == 0, "stderr: \(assess.stderr)")
        let verify = try RNGCertBinary.run(
            ["verify", "out", "--key", "lab.pub", "--data", Self.demoInput, "--rerun"], in: dir.path)
        #expect(verify.status == 0, "stdout: \(verify.stdout) stderr: \(verify.stderr)")
        #expect(verify.stdout.contains("rerun: ok"))
        // Other data: the hash check fails and says so.
        try dir.write("other.bin", [UInt8](repeating: 7, count: 1000))
        let other = try RNGCertBinary.run(["verify", "out", "--key", "lab.pub", "--data", "other.bin"], in: dir.path)
        #expect(other.status == 1)
        #expect(other.stdout.contains("data"))
    }
}
