import Certification
import Foundation
import SP80090B
import Testing

/// `rngcert assess --suite sp800-90b`: the report holds ea_non_iid's figures, the IID track,
/// the health tests and the verdict; it is identical for any --jobs and re-runs exactly.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct AssessSP80090BTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    /// 5000 2-bit samples with ea_non_iid -vv's output (Fixtures/sp800-90b/biased-2bit.res).
    static let input = EntropyFixtures.nonIID.appendingPathComponent("biased-2bit.bin").path

    func report(_ directory: String) throws -> Report {
        let path = dir.path + "/" + directory + "/report.json"
        return try ReportCoding.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
    }

    @Test func reportHoldsTheReferenceFiguresAndIsTheSameForAnyJobs() throws {
        var reports: [Report] = []
        for jobs in ["1", "2"] {
            let run = try RNGCertBinary.run(["assess", Self.input, "--format", "samples", "--suite", "sp800-90b", "--jobs", jobs, "--out", "out" + jobs], in: dir.path)
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("SP 800-90B pass"), "\(run.stdout)")
            reports.append(try report("out" + jobs))
        }
        let ea = try #require(reports[0].suites.sp80090b)
        #expect(reports[0].input.bitsPerSymbol == 2)
        #expect(ea.bitsPerSymbolInferred && ea.sampleCount == 5000)
        let nonIID = try #require(ea.nonIID)
        let reference = PrintedFigures(try String(contentsOf: EntropyFixtures.nonIID.appendingPathComponent("biased-2bit.res"), encoding: .utf8))
        var compared = 0
        for figure in nonIID.referenceFigures {
            guard let expected = reference.values[figure.label] else { continue }
            #expect(agrees(figure.value, expected), "\(figure.label): \(figure.value) vs \(expected)")
            compared += 1
        }
        #expect(compared >= reference.labels.count)
        let assessed = try #require(ea.assessedMinEntropy)
        #expect(assessed == reference.values["Assessed min entropy"] || agrees(assessed, reference.values["Assessed min entropy"]!))
        #expect(ea.iid?.permutationTests?.seed == IIDOptions.defaultSeed)
        #expect(ea.healthTests?.basis == .assessedEntropy)
        #expect(reports[0].verdict == .pass)

        // Identical apart from what may vary between runs.
        var a = reports[0], b = reports[1]
        for i in [0, 1] {
            var r = i == 0 ? a : b
            r.command.arguments = []
            r.host = ""
            r.startedAt = ""
            r.finishedAt = ""
            if i == 0 { a = r } else { b = r }
        }
        #expect(a == b)
        #expect(try ReportCoding.encode(a) == ReportCoding.encode(b))
    }

    @Test func signedReportReRunsExactly() throws {
        #expect(try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path).status == 0)
        let assess = try RNGCertBinary.run(
            ["assess", Self.input, "--format", "samples", "--suite", "sp800-90b", "--iid-seed", "12345", "--claimed-entropy", "0.5",
             "--out", "out", "--sign-key", "lab.key"], in: dir.path)
        #expect(assess.status == 0, "\(assess.stdout)\(assess.stderr)")
        let recorded = try report("out")
        #expect(recorded.command.parameters.sp80090b?.iid?.seed == 12345)
        #expect(recorded.suites.sp80090b?.healthTests?.basis == .claimedEntropy)
        let verify = try RNGCertBinary.run(["verify", "out", "--key", "lab.pub", "--data", Self.input, "--rerun"], in: dir.path)
        #expect(verify.status == 0, "stdout: \(verify.stdout) stderr: \(verify.stderr)")
        #expect(verify.stdout.contains("rerun: ok"))
    }

    /// A claim above the assessment fails the suite (exit 1) and the summary says so; bad
    /// SP 800-90B options exit 2 naming the option.
    @Test func claimsDecideTheExitCodeAndBadOptionsNameThemselves() throws {
        let run = try RNGCertBinary.run(["assess", Self.input, "--format", "samples", "--suite", "sp800-90b", "--no-iid-track",
                                         "--claimed-entropy", "0.6", "--out", "out"], in: dir.path)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("SP 800-90B fail") && run.stdout.contains("claimed 0.600000 not met"), "\(run.stdout)")
        let ea = try #require(try report("out").suites.sp80090b)
        #expect(ea.iid == nil && ea.verdict == .fail)
        let cases: [([String], String)] = [
            (["--claimed-entropy", "2.5"], "--claimed-entropy"),
            (["--claimed-entropy", "0"], "--claimed-entropy"),
            (["--subset", "9,5000"], "--subset 9,5000"),
            (["--subset", "1"], "--subset"),
            (["--iid", "--no-iid-track"], "--no-iid-track"),
            (["--iid-seed", "seed"], "--iid-seed"),
            (["--health-alpha", "2"], "--health-alpha"),
        ]
        for (options, message) in cases {
            let bad = try RNGCertBinary.run(["assess", Self.input, "--format", "samples", "--suite", "sp800-90b", "--out", "bad"] + options, in: dir.path)
            #expect(bad.status == 2, "\(options): \(bad.stdout)")
            #expect(bad.stderr.contains(message), "\(options): \(bad.stderr)")
        }
    }
}
