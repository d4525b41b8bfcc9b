import Capture
import Certification
import Foundation
import Qualification
import Testing

/// `rngcert qualify` as a lab engineer runs it: the simulator as the noise source, a restart
/// command that reseeds it, a collection killed halfway and resumed, the evidence folder
/// verified offline and by `sha256sum`; correlated restarts fail; bad files are exit 2.
@Suite(.serialized) struct QualifyCommandTests {
    /// The simulated device: `device.bin` is what the source delivers after a restart; the
    /// restart command rewrites it from the simulator seeded with 5000 + the restart number.
    static func reseedingCommand(_ binary: String) -> String {
        "'\(binary)' simulate --bytes 1000 --seed $((5000 + RNGCERT_RESTART)) --out device.bin --force > /dev/null"
    }

    static func configuration(restart: String, noise: String = "source: noise-stream.bin", extra: String = "") -> String {
        """
        device:
          vendor: Example Labs
          model: QRNG-7 (simulated)
          serial: "000123"
        noise:
          \(noise)
          bits_per_sample: 8
        claim:
          min_entropy: 6
          rationale: a uniform 8-bit source (rngcert simulate)
        restart:
        \(restart)
        conditioning:
          - name: XOR fold
            vetted: false
            n_in: 16
            n_out: 8
            nw: 8
            output_file: folded.bin
          - name: SHA-256
            vetted: true
            n_in: 512
            n_out: 256
            nw: 256
        \(extra)
        """
    }

    /// The noise stream (2,000,000 simulated bytes, seed 7), its XOR fold, and a key pair.
    static func prepare(_ dir: EndToEndDirectory) throws {
        #expect(try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path).status == 0)
        var source = try FaultySource(seed: 7)
        let stream = source.next(2_000_000)
        try dir.write("noise-stream.bin", stream)
        try dir.write("folded.bin", stride(from: 0, to: stream.count, by: 2).map { stream[$0] ^ stream[$0 + 1] })
        var device = try FaultySource(seed: 1)
        try dir.write("device.bin", device.next(1000))
    }

    @Test func aCollectionKilledHalfwayResumesAndTheFolderVerifies() throws {
        guard let binary = RNGCertBinary.path else { Issue.record("the rngcert binary was not built"); return }
        let dir = try EndToEndDirectory()
        try Self.prepare(dir)
        let config = Self.configuration(restart: "  source: device.bin\n  command: \"\(Self.reseedingCommand(binary))\"")
        try dir.write("qualification.yaml", Array(config.utf8))
        let arguments = ["qualify", "qualification.yaml", "--out", "evidence", "--sign-key", "lab.key", "--jobs", "2"]

        // First run: killed (SIGKILL, no chance to clean up) once 300 restarts are on disk.
        let first = try RunningProcess(binary, arguments, in: dir.path)
        #expect(first.waitForStandardError(containing: "restart 300/1000", timeout: 300), "\(first.stderr)")
        first.send(SIGKILL)
        _ = first.finish(timeout: 20)
        let partial = dir.path + "/evidence/data/restart.bin.partial"
        let kept = (try FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0
        #expect(kept >= 300_000 && kept < 1_000_000)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/evidence/qualification.json"))

        // Second run: goes on from the first restart not on disk and finishes.
        let second = try RNGCertBinary.run(arguments, in: dir.path, timeout: 900)
        #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
        #expect(second.stderr.contains("(resuming: \(kept / 1000) already collected)"), "\(second.stderr)")
        #expect(second.stdout.contains("verdict: pass"))

        // Every restart once, in order: row r is the simulator's first 1,000 bytes for seed 5000 + r.
        let rows = try dir.read("evidence/data/restart.bin")
        #expect(rows.count == 1_000_000)
        for r in [1, kept / 1000, kept / 1000 + 1, 1000] {
            var device = try FaultySource(seed: UInt64(5000 + r))
            #expect(Array(rows[(r - 1) * 1000 ..< r * 1000]) == device.next(1000), "restart \(r)")
        }
        #expect(try dir.read("evidence/data/noise.bin") == Array(try dir.read("noise-stream.bin").prefix(1_000_000)))

        // The report: the steps, the claim, the reference command lines.
        let bytes = try dir.read("evidence/qualification.json")
        let report = try QualificationReport.decode(bytes, path: "qualification.json")
        #expect(report.assessment.steps.map(\.id) == ["data", "track", "initial-entropy", "restart", "conditioning-1", "conditioning-2", "health", "claim"])
        #expect(report.assessment.steps.allSatisfy { $0.decision == .pass })
        #expect(report.assessment.entropyPerSample == 6)
        #expect(report.assessment.restart?.sanityCheck.passed == true)
        #expect(report.datasets.map(\.file) == ["data/noise.bin", "data/restart.bin", "data/conditioned-1.bin"])
        let script = String(decoding: try dir.read("evidence/reference-commands.sh"), as: UTF8.self)
        #expect(script.contains("ea_restart -n -v data/restart.bin 8 6\n"))
        #expect(script.contains("ea_non_iid -c -t -v data/conditioned-1.bin 8"))
        #expect(script.contains("ea_conditioning -v 512 256 256 "))
        let registration = try JSONSerialization.jsonObject(with: Data(try dir.read("evidence/registration.json"))) as? [String: Any]
        #expect((registration?["device"] as? [String: Any])?["model"] as? String == "QRNG-7 (simulated)")
        let html = String(decoding: try dir.read("evidence/qualification.html"), as: UTF8.self)
        #expect(html.contains("id=\"step-restart\"") && html.contains("data-verdict=\"pass\"") && html.contains("<svg"))

        // Offline: rngcert verify, and sha256sum without rngcert.
        let verified = try RNGCertBinary.run(["verify", "evidence", "--key", "lab.pub"], in: dir.path)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("data: ok") && verified.stdout.contains("verified: evidence/qualification.json"))
        let sums = try ProcessRunner.run("/usr/bin/sha256sum", ["-c", "SHA256SUMS"], in: dir.path + "/evidence")
        #expect(sums.status == 0, "\(sums.stdout)")

        // Another key's fingerprint, a changed byte of the report, a signed report naming a
        // file outside its folder: none verifies.
        let wrongKey = try RNGCertBinary.run(["verify", "evidence", "--fingerprint", String(repeating: "ab", count: 32)], in: dir.path)
        #expect(wrongKey.status == 1 && wrongKey.stdout.contains("key: FAILED"), "\(wrongKey.stdout)")
        for copy in ["edited", "escaping"] { try FileManager.default.copyItem(atPath: dir.path + "/evidence", toPath: dir.path + "/" + copy) }
        var edited = bytes
        let at = try #require(edited.firstIndex(of: UInt8(ascii: "7")))
        edited[at] = UInt8(ascii: "8")
        try dir.write("edited/qualification.json", edited)
        let editedRun = try RNGCertBinary.run(["verify", "edited", "--key", "lab.pub"], in: dir.path)
        #expect(editedRun.status == 1 && editedRun.stdout.contains("signature: FAILED"), "\(editedRun.stdout)\(editedRun.stderr)")
        var escaping = report
        escaping.datasets[0].file = "../noise-stream.bin"
        let escapingBytes = try escaping.encoded()
        try dir.write("escaping/qualification.json", escapingBytes)
        try dir.write("escaping/qualification.json.sig", try ReportSigner(key: SigningKey(contentsOf: dir.path + "/lab.key")).sign(escapingBytes))
        let escapingRun = try RNGCertBinary.run(["verify", "escaping", "--key", "lab.pub"], in: dir.path)
        #expect(escapingRun.status == 1 && escapingRun.stdout.contains("data: FAILED (../noise-stream.bin: not a path inside the folder)"), "\(escapingRun.stdout)")

        // A finished folder is never overwritten.
        let again = try RNGCertBinary.run(arguments, in: dir.path)
        #expect(again.status == 2 && again.stderr.contains("qualification.json"), "\(again.stderr)")

        // A changed sample is found and named.
        var noise = try dir.read("evidence/data/noise.bin")
        noise[123_456] ^= 1
        try dir.write("evidence/data/noise.bin", noise)
        let tampered = try RNGCertBinary.run(["verify", "evidence", "--key", "lab.pub"], in: dir.path)
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("data: FAILED (evidence/data/noise.bin: SHA-256"), "\(tampered.stdout)")
    }

    @Test func restartsIntoTheSameStateFailTheRestartTests() throws {
        guard RNGCertBinary.isAvailable else { Issue.record("the rngcert binary was not built"); return }
        let dir = try EndToEndDirectory()
        try Self.prepare(dir)
        // No reset hook: every restart reads the same first 1,000 samples.
        try dir.write("qualification.yaml", Array(Self.configuration(restart: "  source: device.bin", noise: "file: noise-stream.bin\n  samples: 1000000").utf8))
        let run = try RNGCertBinary.run(["qualify", "qualification.yaml", "--out", "evidence", "--sign-key", "lab.key", "--quiet"], in: dir.path, timeout: 900)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("✗ Restart tests (SP 800-90B 3.1.4): The sanity check fails"), "\(run.stdout)")
        #expect(run.stdout.contains("✗ Entropy claim"))
        #expect(run.stdout.contains("verdict: fail"))
        let report = try QualificationReport.decode(try dir.read("evidence/qualification.json"), path: "q")
        #expect(report.assessment.entropyPerSample == nil && report.assessment.restart?.sanityCheck.maxCount == 1000)
    }

    @Test func aFailingRestartCommandStopsAndAnotherCommandCannotResume() throws {
        guard RNGCertBinary.isAvailable else { Issue.record("the rngcert binary was not built"); return }
        let dir = try EndToEndDirectory()
        try Self.prepare(dir)
        try dir.write("qualification.yaml", Array(Self.configuration(restart: "  source: device.bin\n  command: test $RNGCERT_RESTART -lt 3").utf8))
        let arguments = ["qualify", "qualification.yaml", "--out", "evidence", "--sign-key", "lab.key", "--quiet"]
        let failed = try RNGCertBinary.run(arguments, in: dir.path)
        #expect(failed.status == 2)
        #expect(failed.stderr == "rngcert: error: restart 3: restart command 'test $RNGCERT_RESTART -lt 3' exited with status 1; restarts before it are kept, run qualify again to go on\n", "\(failed.stderr)")
        #expect(try dir.read("evidence/data/restart.bin.partial").count == 2000)

        try dir.write("qualification.yaml", Array(Self.configuration(restart: "  source: device.bin\n  command: 'true'").utf8))
        let other = try RNGCertBinary.run(arguments, in: dir.path)
        #expect(other.status == 2)
        #expect(other.stderr.contains("evidence/data/collection.json: this folder holds data collected with another source, restart command or bits_per_sample"), "\(other.stderr)")
        #expect(try dir.read("evidence/data/restart.bin.partial").count == 2000)
    }

    @Test func aBadConfigurationIsOneLineNamingTheKeyAndExit2() throws {
        guard RNGCertBinary.isAvailable else { Issue.record("the rngcert binary was not built"); return }
        let dir = try EndToEndDirectory()
        try Self.prepare(dir)
        let cases: [(String, String)] = [
            (Self.configuration(restart: "  source: device.bin", extra: "health:\n  alpha: 2"), "qualification.yaml:26:10: health.alpha: must be a probability in (0, 1)"),
            (Self.configuration(restart: "  source: device.bin\n  comand: reset"), "restart.comand: unknown key"),
            (Self.configuration(restart: "  file: missing.bin"), "missing.bin"),
            (Self.configuration(restart: "  file: noise-stream.bin"), "noise-stream.bin: holds 2,000,000 bytes; a restart dataset is exactly"),
        ]
        for (text, expected) in cases {
            try dir.write("qualification.yaml", Array(text.utf8))
            let run = try RNGCertBinary.run(["qualify", "qualification.yaml", "--out", "evidence-\(UUID().uuidString)", "--sign-key", "lab.key"], in: dir.path)
            #expect(run.status == 2, "\(expected): \(run.stderr)")
            #expect(run.stderr.hasPrefix("rngcert: error: ") && run.stderr.contains(expected), "\(run.stderr)")
            #expect(run.stderr.filter { $0 == "\n" }.count == 1, "\(run.stderr)")
        }
    }
}
