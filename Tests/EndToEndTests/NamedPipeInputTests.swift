import Capture
import Certification
import Foundation
import Testing

/// Named pipes as data inputs (`assess FIFO`, `ent FIFO`) and beside them (a manifest that
/// is a pipe): never a hang. A pipe without a writer gets a one-line notice and is read
/// once its writer comes; a manifest that is a pipe is refused with a warning.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct NamedPipeInputTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    /// Starts `arguments`, waits for the notice about the missing writer, then writes
    /// `data` into the pipe and closes it; returns the finished run.
    func runWithLateWriter(_ arguments: [String], pipe: String, data: [UInt8]) throws -> (status: Int32?, stdout: String, stderr: String) {
        try #require(mkfifo(dir.path + "/" + pipe, 0o600) == 0)
        let running = try RunningProcess(RNGCertBinary.path!, arguments, in: dir.path)
        #expect(running.waitForStandardError(containing: "waiting up to 30 s for a writer on the named pipe"),
                "stderr: \(running.stderr)")
        // The reader holds the pipe open, so a non-blocking open for writing succeeds.
        let fd = open(dir.path + "/" + pipe, O_WRONLY | O_NONBLOCK)
        try #require(fd >= 0, "the reader does not hold the pipe open; stderr: \(running.stderr)")
        _ = fcntl(fd, F_SETFL, 0)
        let writer = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        writer.write(Data(data))
        try writer.close()
        let status = running.finish(timeout: 30)
        return (status, running.stdout, running.stderr)
    }

    @Test func assessWaitsForTheWriterWithANotice() throws {
        var source = try FaultySource(seed: 5)
        let data = source.next(200_000)
        let run = try runWithLateWriter(["assess", "fifo", "--suite", "ent", "--out", "r"], pipe: "fifo", data: data)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let report = try ReportCoding.decode(try dir.read("r/report.json"), path: "r/report.json")
        #expect(report.input.byteCount == data.count)
    }

    /// An interrupting signal while `assess` waits for a writer (or runs): the command dies
    /// of the signal and leaves no temporary file behind (the stream table's, the report's).
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGQUIT])
    func interruptedAssessLeavesNoTemporaryFile(signal: Int32) throws {
        try #require(mkfifo(dir.path + "/fifo", 0o600) == 0)
        let running = try RunningProcess(RNGCertBinary.path!, ["assess", "fifo", "--suite", "ent,sp800-22", "--stream-length", "1000", "--out", "r"],
                                         in: dir.path)
        #expect(running.waitForStandardError(containing: "waiting up to 30 s"), "stderr: \(running.stderr)")
        running.send(signal)
        let status = running.finish(timeout: 20)
        #expect(status != 0 && status != nil, "exit status \(String(describing: status))")
        // Nothing is left: no temporary file, and not the report directory it made.
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/r"),
                "left behind: \((try? FileManager.default.contentsOfDirectory(atPath: dir.path + "/r")) ?? [])")
        #expect(!running.stderr.contains("Fatal error") && !running.stderr.contains("Backtrace"), "\(running.stderr)")
    }

    @Test func entWaitsForTheWriterWithANotice() throws {
        var source = try FaultySource(seed: 6)
        let data = source.next(100_000)
        let run = try runWithLateWriter(["ent", "fifo"], pipe: "fifo", data: data)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("100000"), "stdout: \(run.stdout)")
    }

    @Test func manifestThatIsAPipeIsRefusedWithAWarning() throws {
        _ = try dir.writeRandom("x.bin", count: 100_000)
        try #require(mkfifo(dir.path + "/x.bin.manifest.json", 0o600) == 0)
        let start = Date()
        let run = try RNGCertBinary.run(["assess", "x.bin", "--suite", "ent", "--out", "r"], in: dir.path, timeout: 30)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("x.bin.manifest.json") && run.stderr.contains("not a regular file (a named pipe)")
                && run.stderr.contains("not recorded in the report"), "stderr: \(run.stderr)")
        #expect(run.stderr.split(separator: "\n").filter { $0.contains("manifest.json") }.count == 1, "stderr: \(run.stderr)")
        let report = try ReportCoding.decode(try dir.read("r/report.json"), path: "r/report.json")
        #expect(report.input.captureManifest == nil)
    }

    /// Files other commands read whole (a batch list, a CA certificate, a TLS certificate or
    /// key, a history database) that are named pipes: refused at once, one line naming the
    /// file, exit 2 — never a hang on a pipe nobody writes to.
    @Test func otherFilesThatArePipesAreRefusedAtOnce() throws {
        _ = try dir.writeRandom("small.bin", count: 70_000)
        #expect(try RNGCertBinary.run(["keygen", "--out", "k"], in: dir.path).status == 0)
        try #require(mkfifo(dir.path + "/p", 0o600) == 0)
        let openssl = try ProcessRunner.run("/usr/bin/env", ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                                                             "-nodes", "-keyout", "tls.key", "-out", "tls.crt", "-subj", "/CN=localhost", "-days", "1"], in: dir.path)
        try #require(openssl.status == 0, "openssl: \(openssl.stderr)")
        let cases: [[String]] = [
            ["batch", "--list", "p", "--out", "b"],
            ["fetch", "http://127.0.0.1:9/v1/random", "--bytes", "32", "--out", "f.bin", "--fingerprint", String(repeating: "0", count: 64), "--ca-cert", "p"],
            ["serve", "--source", "small.bin", "--spool", "s1", "--sign-key", "k.key", "--listen", "127.0.0.1:0", "--tls-cert", "p", "--tls-key", "tls.key"],
            ["serve", "--source", "small.bin", "--spool", "s2", "--sign-key", "k.key", "--listen", "127.0.0.1:0", "--tls-cert", "tls.crt", "--tls-key", "p"],
            ["history", "p"],
            ["assess", "small.bin", "--suite", "ent", "--out", "r", "--history", "p"],
        ]
        for arguments in cases {
            let start = Date()
            let run = try RNGCertBinary.run(arguments, in: dir.path, timeout: 30)
            #expect(Date().timeIntervalSince(start) < 20, "\(arguments) took too long")
            #expect(run.status == 2, "\(arguments): \(run.stdout)\(run.stderr)")
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("p") && (lines[0].contains("not a regular file") || lines[0].contains("named pipe")),
                    "\(arguments): \(run.stderr)")
        }
    }
}
