import Capture
import Certification
import Foundation
import Testing

/// python3 with junitparser (`scripts/install-deps --test` installs it): a real JUnit
/// consumer reads junit.xml back. Tests that need it are skipped when it is absent.
enum PythonJUnitParser {
    static let isAvailable: Bool = (try? ProcessRunner.run("/usr/bin/env", ["python3", "-c", "import junitparser"]).status) == 0

    /// Prints, per suite: name, tests, failures, errors, skipped; then each failing case.
    static let script = """
        import sys
        from junitparser import JUnitXml, Failure, Error, Skipped
        xml = JUnitXml.fromfile(sys.argv[1])
        for suite in xml:
            print(f"suite\\t{suite.name}\\t{suite.tests}\\t{suite.failures}\\t{suite.errors}\\t{suite.skipped}")
            for case in suite:
                for result in case.result:
                    kind = "failure" if isinstance(result, Failure) else "error" if isinstance(result, Error) else "skipped" if isinstance(result, Skipped) else "other"
                    print(f"case\\t{suite.name}\\t{case.classname}\\t{case.name}\\t{kind}\\t{result.message}")
        """
}

/// `rngcert batch` end to end: per-input report directories that are exactly assess's,
/// summary.json, junit.xml read back by junitparser, index.html in Chromium, the worst exit
/// code, an unreadable input as an error entry, --resume, --jobs, refusing to overwrite.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct BatchCommandTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    static let options = ["--suite", "ent,sp800-22", "--stream-length", "65536", "--quiet"]

    /// Three 64 KiB inputs: two clean, one with every top bit clear (fails).
    func makeInputs() throws {
        for (index, seed) in [11, 12].enumerated() {
            var source = try FaultySource(seed: UInt64(seed))
            try dir.write("in/night-\(index + 1).bin", source.next(65536))
        }
        var bad = try FaultySource(seed: 13)
        try dir.write("in/stuck.bin", bad.next(65536).map { $0 & 0x7F })
    }

    func summary(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(dir.read(path))) as? [String: Any])
    }

    @Test func batchWritesReportsSummaryJUnitAndIndexWithTheWorstExitCode() throws {
        try FileManager.default.createDirectory(atPath: dir.path + "/in", withIntermediateDirectories: true)
        try makeInputs()
        try "in/stuck.bin\n# a comment\n\nin/missing.bin\n".write(toFile: dir.path + "/list.txt", atomically: true, encoding: .utf8)
        let run = try RNGCertBinary.run(["batch", "in/night-*.bin", "--list", "list.txt", "--out", "out", "--device", "lab <7>"] + Self.options,
                                        in: dir.path)
        #expect(run.status == 2, "stderr: \(run.stderr)")  // an unreadable input is the worst
        // The unreadable input is named on standard error too, in one line.
        #expect(run.stderr.split(separator: "\n").filter { $0.hasPrefix("rngcert: error: ") && $0.contains("in/missing.bin") }.count == 1,
                "stderr: \(run.stderr)")
        let json = try summary("out/summary.json")
        #expect(json["schemaVersion"] as? Int == 1)
        #expect(json["exitCode"] as? Int == 2)
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries.map { $0["input"] as? String } == ["in/night-1.bin", "in/night-2.bin", "in/stuck.bin", "in/missing.bin"])
        #expect(entries.map { $0["verdict"] as? String } == ["pass", "pass", "fail", nil])
        #expect(entries[3]["status"] as? String == "error")
        #expect((entries[3]["error"] as? String ?? "").contains("in/missing.bin"))

        // Each directory is exactly what assess writes: assess the same input, compare the results.
        let alone = try RNGCertBinary.run(["assess", "in/night-1.bin", "--out", "alone"] + Self.options.dropLast(), in: dir.path)
        #expect(alone.status == 0, "stderr: \(alone.stderr)")
        let fromBatch = try ReportCoding.decodeCanonical(try dir.read("out/night-1.bin/report.json"), path: "batch")
        let fromAssess = try ReportCoding.decodeCanonical(try dir.read("alone/report.json"), path: "assess")
        #expect(fromBatch.suites == fromAssess.suites && fromBatch.input == fromAssess.input
                && fromBatch.command.parameters == fromAssess.command.parameters)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out/night-1.bin"))
                == Set(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/alone")))

        // Exit code of a batch without the missing input: 1 (a test failed).
        let failing = try RNGCertBinary.run(["batch", "in", "--out", "out2"] + Self.options, in: dir.path)
        #expect(failing.status == 1, "stderr: \(failing.stderr)")
        // Signed: every report has its signature, verify accepts it, the summary names the key.
        let key = try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path)
        #expect(key.status == 0, "stderr: \(key.stderr)")
        let clean = try RNGCertBinary.run(["batch", "in/night-1.bin", "in/night-2.bin", "--out", "out3", "--sign-key", "lab.key"] + Self.options,
                                          in: dir.path)
        #expect(clean.status == 0, "stderr: \(clean.stderr)")
        let signed = try #require(try summary("out3/summary.json")["entries"] as? [[String: Any]])
        for entry in signed {
            let name = try #require(entry["directory"] as? String)
            #expect(FileManager.default.fileExists(atPath: dir.path + "/out3/\(name)/report.json.sig"))
            #expect((entry["signerFingerprint"] as? String)?.count == 64)
            let verify = try RNGCertBinary.run(["verify", "out3/\(name)", "--key", "lab.pub", "--data", entry["input"] as? String ?? ""], in: dir.path)
            #expect(verify.status == 0, "verify \(name): \(verify.stdout) \(verify.stderr)")
        }
    }

    @Test(.enabled(if: PythonJUnitParser.isAvailable, "python3 junitparser is not installed (scripts/install-deps --test installs it)"))
    func junitIsReadBackByJunitparser() throws {
        try FileManager.default.createDirectory(atPath: dir.path + "/in", withIntermediateDirectories: true)
        try makeInputs()
        let run = try RNGCertBinary.run(["batch", "in/night-1.bin", "in/stuck.bin", "in/no such & <file>.bin", "--out", "out"] + Self.options,
                                        in: dir.path)
        #expect(run.status == 2, "stderr: \(run.stderr)")
        try PythonJUnitParser.script.write(toFile: dir.path + "/read.py", atomically: true, encoding: .utf8)
        let read = try ProcessRunner.run("/usr/bin/env", ["python3", dir.path + "/read.py", dir.path + "/out/junit.xml"])
        #expect(read.status == 0, "junitparser: \(read.stderr)")
        let lines = read.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let suites = lines.filter { $0.first == "suite" }
        #expect(suites.map { $0[1] } == ["in/night-1.bin", "in/stuck.bin", "in/no such & <file>.bin"])
        let report = try ReportCoding.decode(try dir.read("out/stuck.bin/report.json"), path: "stuck")
        let failedTests = report.suites.sp80022!.analysis.filter { $0.verdict == .fail }.map(\.test.rawValue)
            + (report.suites.ent!.byteMode.verdict == .fail ? ["byte mode"] : []) + (report.suites.ent!.bitMode.verdict == .fail ? ["bit mode"] : [])
        #expect(!failedTests.isEmpty)
        // The failures junitparser sees are exactly the report's failed tests.
        let failures = lines.filter { $0.first == "case" && $0[1] == "in/stuck.bin" && $0[4] == "failure" }.map { $0[3] }
        #expect(Set(failures) == Set(failedTests))
        #expect(suites[1][3] == String(failedTests.count))
        #expect(suites[0][3] == "0" && suites[0][4] == "0")
        #expect(suites[2][4] == "1")
        let error = try #require(lines.first { $0.first == "case" && $0[4] == "error" })
        #expect(error[5].contains("cannot open"))
    }

    @Test func resumeSkipsReportsOfTheSameBytesAndJobsDoNotChangeResults() throws {
        try FileManager.default.createDirectory(atPath: dir.path + "/in", withIntermediateDirectories: true)
        try makeInputs()
        let one = try RNGCertBinary.run(["batch", "in", "--out", "j1", "--jobs", "1"] + Self.options, in: dir.path)
        let three = try RNGCertBinary.run(["batch", "in", "--out", "j3", "--jobs", "3"] + Self.options, in: dir.path)
        #expect(one.status == 1 && three.status == 1, "stderr: \(one.stderr) \(three.stderr)")
        for name in ["night-1.bin", "night-2.bin", "stuck.bin"] {
            let a = try ReportCoding.decode(try dir.read("j1/\(name)/report.json"), path: name)
            let b = try ReportCoding.decode(try dir.read("j3/\(name)/report.json"), path: name)
            #expect(a.suites == b.suites && a.input == b.input && a.verdict == b.verdict)
            #expect(try dir.read("j1/\(name)/sp80022-streams.csv") == dir.read("j3/\(name)/sp80022-streams.csv"))
        }

        // Without --force or --resume, nothing is overwritten.
        let again = try RNGCertBinary.run(["batch", "in", "--out", "j1"] + Self.options, in: dir.path)
        #expect(again.status == 2 && again.stderr.contains("exists"), "stderr: \(again.stderr)")

        // --resume: unchanged inputs are kept; a changed input is assessed again only with --force.
        let before = try dir.read("j1/night-1.bin/report.json")
        var other = try FaultySource(seed: 99)
        try dir.write("in/night-2.bin", other.next(65536))
        let resumed = try RNGCertBinary.run(["batch", "in", "--out", "j1", "--resume"] + Self.options, in: dir.path)
        #expect(resumed.status == 2)
        let entries = try #require(try summary("j1/summary.json")["entries"] as? [[String: Any]])
        #expect(entries.map { $0["status"] as? String } == ["resumed", "error", "resumed"])
        #expect(try dir.read("j1/night-1.bin/report.json") == before)
        let forced = try RNGCertBinary.run(["batch", "in", "--out", "j1", "--resume", "--force"] + Self.options, in: dir.path)
        #expect(forced.status == 1, "stderr: \(forced.stderr)")
        let after = try #require(try summary("j1/summary.json")["entries"] as? [[String: Any]])
        #expect(after.map { $0["status"] as? String } == ["resumed", "assessed", "resumed"])
    }

    @Test func badUsageIsExitTwoWithOneLine() throws {
        for arguments in [["batch", "--out", "o"], ["batch", "x.bin", "--out", "o", "--jobs", "0"], ["batch", "x.bin", "--out", "o", "--suite", "dieharder"],
                          ["batch", "--list", "nope.txt", "--out", "o"]] {
            let run = try RNGCertBinary.run(arguments, in: dir.path)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix("rngcert: error: ") && run.stderr.split(separator: "\n").count == 1, "\(arguments): \(run.stderr)")
        }
    }

    @Test(.enabled(if: HeadlessBrowser.isAvailable, "Chromium is not installed (scripts/install-deps --test installs it)"))
    func indexPageLoadsInChromium() throws {
        try FileManager.default.createDirectory(atPath: dir.path + "/in", withIntermediateDirectories: true)
        try makeInputs()
        let run = try RNGCertBinary.run(["batch", "in", "missing-<b>.bin", "--out", "out", "--device", "<script>alert(1)</script>"] + Self.options, in: dir.path)
        #expect(run.status == 2)
        let page = dir.path + "/out/index.html"
        let load = try HeadlessBrowser.run(["--enable-logging=stderr", "--v=0", "--dump-dom", "file://" + page], profile: dir.path + "/profile")
        #expect(load.status == 0, "chromium: \(load.stderr)")
        let dom = load.stdout
        #expect(dom.contains("id=\"entries\"") && dom.contains("</html>"))
        #expect(dom.components(separatedBy: "<tr data-verdict=").count - 1 == 4)
        #expect(dom.contains("href=\"night-1.bin/report.html\""))
        #expect(!dom.contains("<script>") && dom.contains("&lt;script&gt;"))
        #expect(dom.contains("missing-&lt;b&gt;.bin"))
        for line in load.stderr.split(separator: "\n") where line.contains("CONSOLE") || line.contains("Uncaught") || line.contains("net::ERR_") {
            Issue.record("browser reported: \(line)")
        }
        // Every linked report exists.
        for name in ["night-1.bin", "night-2.bin", "stuck.bin"] { #expect(FileManager.default.fileExists(atPath: dir.path + "/out/\(name)/report.html")) }
    }
}
