import Certification
import Foundation
import Testing

/// The streamed `assess` through the binary: the per-stream table beside the report and its
/// checks in `verify`, standard input giving the same report as the file, the SP 800-90B
/// window option, and no progress line when standard error is not a terminal.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct StreamedAssessTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    /// 40 streams of 20,000 bits: more than the 20 kept inline.
    static let sts = ["--stream-length", "20000", "--suite", "ent,sp800-22"]

    static func seeded(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    func report(_ directory: String) throws -> Report {
        let path = dir.path + "/" + directory + "/report.json"
        return try ReportCoding.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
    }

    @Test func streamTableIsWrittenSignedAndChecked() throws {
        try dir.write("in.bin", Self.seeded(100_000, seed: 1))
        #expect(try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path).status == 0)
        let assess = try RNGCertBinary.run(["assess", "in.bin", "--out", "out", "--sign-key", "lab.key"] + Self.sts, in: dir.path)
        #expect(assess.status <= 1, "\(assess.stderr)")
        #expect(assess.stderr.isEmpty, "no progress line when standard error is not a terminal: \(assess.stderr)")
        let report = try report("out")
        let sts = try #require(report.suites.sp80022)
        #expect(sts.streamCount == 40 && sts.streams.count == 20)
        let table = try #require(sts.streamTable)
        let csv = try dir.read("out/sp80022-streams.csv")
        #expect(table.byteCount == csv.count && table.rows == 40 * sts.tests.count)
        #expect(String(decoding: csv.prefix(44), as: UTF8.self) == "stream,bitOffset,test,notApplicable,pValues\n")

        let verify = try RNGCertBinary.run(["verify", "out", "--key", "lab.pub", "--data", "in.bin", "--rerun"], in: dir.path)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("streams: ok"))
        #expect(verify.stdout.contains("rerun: ok"))

        // One changed digit in the table: the streams check fails.
        var tampered = csv
        let index = tampered.lastIndex(of: UInt8(ascii: "1")) ?? tampered.count - 2
        tampered[index] = UInt8(ascii: "2")
        try dir.write("out/sp80022-streams.csv", tampered)
        let bad = try RNGCertBinary.run(["verify", "out", "--key", "lab.pub"], in: dir.path)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("streams: FAILED"))
        // Without the table (a report downloaded alone), the check is skipped, the rest holds.
        try FileManager.default.removeItem(atPath: dir.path + "/out/sp80022-streams.csv")
        let alone = try RNGCertBinary.run(["verify", "out", "--key", "lab.pub"], in: dir.path)
        #expect(alone.status == 0 && alone.stdout.contains("streams: skipped"), "\(alone.stdout)")
        // A report whose signature fails is not trusted to name a file to read.
        try dir.write("out/sp80022-streams.csv", csv)
        var sig = try dir.read("out/report.json.sig")
        sig[0] ^= 1
        try dir.write("out/report.json.sig", sig)
        let forged = try RNGCertBinary.run(["verify", "out", "--key", "lab.pub"], in: dir.path)
        #expect(forged.status == 1 && forged.stdout.contains("signature: FAILED"), "\(forged.stdout)")
        #expect(forged.stdout.contains("streams: skipped (an earlier check failed)"), "\(forged.stdout)")
    }

    @Test func standardInputGivesTheFilesReport() throws {
        let bytes = Self.seeded(90_001, seed: 2)
        try dir.write("in.bin", bytes)
        let file = try RNGCertBinary.run(["assess", "in.bin", "--out", "a", "--jobs", "1"] + Self.sts, in: dir.path)
        let piped = try RNGCertBinary.run(["assess", "-", "--out", "b", "--jobs", "2"] + Self.sts, in: dir.path, input: bytes)
        #expect(file.status == piped.status)
        var a = try report("a"), b = try report("b")
        #expect(a.input.sha256 == b.input.sha256)
        for r in [a, b] { #expect(r.suites.sp80022?.streamCount == 36) }
        a.suites.sp80022?.streamTable = nil
        b.suites.sp80022?.streamTable = nil
        #expect(a.suites == b.suites)
        #expect(try dir.read("a/sp80022-streams.csv") == dir.read("b/sp80022-streams.csv"))
    }

    @Test func sp80090bWindowOption() throws {
        try dir.write("s.bin", Self.seeded(30_000, seed: 3).map { $0 & 0x0F })
        let base = ["assess", "s.bin", "--format", "samples", "--bits-per-symbol", "4", "--suite", "sp800-90b",
                    "--no-iid-track", "--claimed-entropy", "2"]
        let run = try RNGCertBinary.run(base + ["--out", "w", "--sp800-90b-samples", "10K"], in: dir.path)
        #expect(run.status <= 1, "\(run.stderr)")
        let result = try #require(try report("w").suites.sp80090b)
        #expect(try report("w").command.parameters.sp80090bWindow == 10_240)
        #expect(result.sampleCount == 10_240 && result.inputSampleCount == 30_000)
        #expect(result.healthTests?.scan.samplesTested == 30_000)
        let all = try RNGCertBinary.run(base + ["--out", "all", "--sp800-90b-samples", "all"], in: dir.path)
        #expect(all.status <= 1)
        #expect(try report("all").suites.sp80090b?.sampleCount == 30_000)
        #expect(try report("all").command.parameters.sp80090bWindow == nil)
        let bad = try RNGCertBinary.run(base + ["--out", "x", "--sp800-90b-samples", "0"], in: dir.path)
        #expect(bad.status == 2 && bad.stderr.contains("--sp800-90b-samples"), "\(bad.stderr)")
    }

    @Test func aBadByteFarIntoTheInputNamesItsOffset() throws {
        var text = Array(repeating: UInt8(ascii: "0"), count: 3_000_000)
        text[2_500_000] = UInt8(ascii: "2")
        try dir.write("bits.txt", text)
        let run = try RNGCertBinary.run(["assess", "bits.txt", "--format", "ascii01", "--out", "out"], in: dir.path)
        #expect(run.status == 2)
        #expect(run.stderr == "rngcert: error: bits.txt: offset 2500000: invalid character '2' (0x32) in ascii01 input\n")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/report.json"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/sp80022-streams.csv"))
    }

    /// On a terminal (util-linux `script` gives the run a pseudo-terminal) `assess` draws its
    /// progress line on standard error and erases it; `--quiet` draws none.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs util-linux's script"))
    func progressOnATerminal() throws {
        try dir.write("in.bin", Self.seeded(3 << 20, seed: 4))
        let binary = try #require(RNGCertBinary.path)
        let shown = try ProcessRunner.run("/usr/bin/script", ["-qec", "\(binary) assess in.bin --suite ent,sp800-22 --out a", "/dev/null"],
                                          in: dir.path)
        #expect(shown.status == 0, "\(shown.stdout)")
        #expect(shown.stdout.contains("assess: ") && shown.stdout.contains("SP 800-22 stream"), "\(shown.stdout)")
        #expect(shown.stdout.contains("\r\u{1B}[2K"))
        let quiet = try ProcessRunner.run("/usr/bin/script", ["-qec", "\(binary) assess in.bin --suite ent,sp800-22 --out b --quiet", "/dev/null"],
                                          in: dir.path)
        #expect(quiet.status == 0 && !quiet.stdout.contains("assess: "), "\(quiet.stdout)")
    }
}
