import AssessmentEngine
import Capture
import Certification
import Foundation
import Testing

/// `rngcert capture` as a user runs it, from every kind of source: files, a character
/// device, a named pipe, standard input, and real TCP and HTTP servers on loopback that
/// stall, close early, reset, fail and recover. Each test checks the bytes on disk against
/// what the source sent, the manifest, and the exit code.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct CaptureCommandTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    func capture(_ arguments: [String], input: [UInt8]? = nil) throws -> ProcessResult {
        try RNGCertBinary.run(["capture"] + arguments, in: dir.path, input: input, timeout: 30)
    }

    // MARK: files, devices, pipes, stdin

    @Test func fileCapturesEveryByte() throws {
        let data = try dir.writeRandom("source.bin", count: 3_000_000)
        let run = try capture(["--source", "source.bin", "--out", "capture.bin"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(digest(try dir.read("capture.bin")) == digest(data))
        let m = try dir.manifest("capture.bin")
        #expect(m.complete && m.endReason == .complete && m.byteCount == data.count && m.requestedBytes == nil)
        #expect(m.sha256 == SHA256Digest.hex(of: data))
        #expect(m.source == CaptureSourceRecord(kind: .file, location: "source.bin"))
        #expect(m.file == "capture.bin" && m.tool.hasPrefix("rngcert "))
        #expect(m.health.samplesTested == data.count && m.health.alarmCount == 0)
        #expect(m.health.parameters.repetitionCountCutoff == 6 && m.health.parameters.adaptiveProportionWindow == 512)
        #expect(m.startedAt <= m.finishedAt && m.startedAt.hasSuffix("Z"))
        #expect(run.stdout.contains("captured 3000000 bytes"))
        #expect(run.stdout.contains("sha256 \(m.sha256)"))
        // A prefix with --bytes.
        let prefix = try capture(["--source", "source.bin", "--out", "prefix.bin", "--bytes", "1M"])
        #expect(prefix.status == 0)
        #expect(digest(try dir.read("prefix.bin")) == digest(Array(data[..<(1 << 20)])))
        #expect(try dir.manifest("prefix.bin").requestedBytes == 1 << 20)
    }

    @Test func fileShorterThanRequestedIsIncomplete() throws {
        let data = try dir.writeRandom("short.bin", count: 1000)
        let run = try capture(["--source", "short.bin", "--out", "c.bin", "--bytes", "4K"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("ended early"))
        #expect(digest(try dir.read("c.bin")) == digest(data))
        let m = try dir.manifest("c.bin")
        #expect(!m.complete && m.endReason == .sourceEnded && m.byteCount == 1000 && m.requestedBytes == 4096)
    }

    @Test func characterDevice() throws {
        let run = try capture(["--source", "/dev/urandom", "--bytes", "256K", "--out", "u.bin"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let bytes = try dir.read("u.bin")
        #expect(bytes.count == 262_144)
        let m = try dir.manifest("u.bin")
        #expect(m.source.kind == .characterDevice && m.complete && m.sha256 == SHA256Digest.hex(of: bytes))
        // /dev/zero: every sample alarms; the count is exact (one RCT alarm per 6 zeros, C = 6).
        let zeros = try capture(["--source", "/dev/zero", "--bytes", "60000", "--out", "z.bin"])
        #expect(zeros.status == 0)
        let z = try dir.manifest("z.bin")
        #expect(z.health.repetitionCountAlarms == 10_000)
        #expect(z.health.alarms.count == 1000 && z.health.alarmsTruncated)
        // A device never ends: --bytes is required.
        let unbounded = try capture(["--source", "/dev/urandom", "--out", "n.bin"])
        #expect(unbounded.status == 2)
        #expect(unbounded.stderr.contains("--bytes"))
        #expect(!dir.exists("n.bin"))
    }

    @Test func namedPipe() throws {
        #expect(mkfifo(dir.path + "/fifo", 0o600) == 0)
        let capturing = try RunningProcess(RNGCertBinary.path!, ["capture", "--source", "fifo", "--out", "p.bin"], in: dir.path)
        var source = try FaultySource(seed: 3)
        let data = source.next(500_000)
        // Open for writing once the capture has opened the pipe for reading (until then a
        // non-blocking open fails with ENXIO); a deadline keeps a bug from hanging the test.
        var fd: Int32 = -1
        let deadline = Date().addingTimeInterval(10)
        while fd < 0 && Date() < deadline {
            fd = open(dir.path + "/fifo", O_WRONLY | O_NONBLOCK)
            if fd < 0 { usleep(2_000) }
        }
        try #require(fd >= 0, "the capture never opened the pipe; stderr: \(capturing.stderr)")
        _ = fcntl(fd, F_SETFL, 0)  // blocking writes from here on
        let writer = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        for start in stride(from: 0, to: data.count, by: 50_000) {
            writer.write(Data(data[start..<min(data.count, start + 50_000)]))
            usleep(2_000)
        }
        try writer.close()
        #expect(capturing.finish(timeout: 20) == 0, "stderr: \(capturing.stderr)")
        #expect(digest(try dir.read("p.bin")) == digest(data))
        let m = try dir.manifest("p.bin")
        #expect(m.source.kind == .namedPipe && m.complete && m.byteCount == data.count)
    }

    @Test func standardInput() throws {
        var source = try FaultySource(seed: 4)
        let data = source.next(700_000)
        let run = try capture(["--source", "-", "--out", "s.bin"], input: data)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(digest(try dir.read("s.bin")) == digest(data))
        let m = try dir.manifest("s.bin")
        #expect(m.source == CaptureSourceRecord(kind: .standardInput, location: "<stdin>") && m.complete)
    }

    // MARK: TCP

    @Test(.enabled(if: LoopbackServer.isAvailable, "python3 is needed for the loopback servers"))
    func tcpStream() throws {
        let data = try dir.writeRandom("served.bin", count: 2_000_000)
        let server = try LoopbackServer("tcp", file: dir.path + "/served.bin")
        let run = try capture(["--source", server.tcpURL, "--out", "t.bin"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(digest(try dir.read("t.bin")) == digest(data))
        let m = try dir.manifest("t.bin")
        #expect(m.source == CaptureSourceRecord(kind: .tcp, location: server.tcpURL))
        #expect(m.complete && m.retries == 0 && m.byteCount == data.count)
        server.stop()
    }

    /// A server that closes every connection after 64 KiB: the capture reconnects and the
    /// pieces join without a gap or a duplicate.
    @Test(.enabled(if: LoopbackServer.isAvailable, "python3 is needed for the loopback servers"))
    func tcpReconnectsWhenTheServerClosesEarly() throws {
        let data = try dir.writeRandom("served.bin", count: 400_000)
        let server = try LoopbackServer("tcp", file: dir.path + "/served.bin", ["--per-connection", "65536"])
        let run = try capture(["--source", server.tcpURL, "--out", "t.bin", "--bytes", "400000", "--retry-delay", "0.01"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(digest(try dir.read("t.bin")) == digest(data))
        let m = try dir.manifest("t.bin")
        #expect(m.complete && m.retries == 6)
        #expect(m.errors.map(\.offset) == (1...6).map { $0 * 65536 })
        #expect(m.errors.allSatisfy { $0.message.contains("closed by the peer") && $0.retried })
        server.stop()
    }

    /// Connections reset by the server, then refused: retried with backoff, then reported
    /// (exit 1) with every byte received kept.
    @Test(.enabled(if: LoopbackServer.isAvailable, "python3 is needed for the loopback servers"))
    func tcpServerThatGoesAwayIsReportedWithTheBytesKept() throws {
        let data = try dir.writeRandom("served.bin", count: 100_000)
        let server = try LoopbackServer("tcp-reset", file: dir.path + "/served.bin", ["--per-connection", "10000", "--connections", "3"])
        let run = try capture(["--source", server.tcpURL, "--out", "t.bin", "--bytes", "100000", "--retries", "2", "--retry-delay", "0.01"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("source failed"))
        let kept = try dir.read("t.bin")
        let m = try dir.manifest("t.bin")
        // A reset may discard bytes still in flight, so each connection's bytes are a prefix
        // of the 10,000 it was sent: the pieces between the failures must be, in order.
        var cuts = m.errors.map(\.offset).filter { $0 > 0 && $0 < kept.count }
        cuts = [0] + cuts + [kept.count]
        var chunk = -1
        for (from, to) in zip(cuts, cuts.dropFirst()) where to > from {
            let piece = Array(kept[from..<to])
            let next = ((chunk + 1)..<10).first { c in
                c * 10_000 + piece.count <= data.count && Array(data[(c * 10_000)..<(c * 10_000 + piece.count)]) == piece
            }
            #expect(next != nil, "bytes \(from)..<\(to) are not the start of a chunk the server sent after chunk \(chunk)")
            chunk = next ?? 10
        }
        #expect(!m.complete && m.endReason == .sourceFailed && m.byteCount == kept.count)
        #expect(m.sha256 == SHA256Digest.hex(of: kept))
        #expect(m.errors.last?.retried == false && m.retries == m.errorCount - 1)
        // Resets, then (once the server stops listening) refusals — or, if the resets come
        // before any byte is read, resets until the retries run out.
        #expect(m.errors.allSatisfy { $0.message.contains("Connection reset by peer") || $0.message.contains("Connection refused") },
                "\(m.errors.map(\.message))")
        server.stop()
    }

    /// A server that goes silent: each wait ends at --timeout, is retried, and the capture
    /// is then reported incomplete with the bytes before the stall.
    @Test(.enabled(if: LoopbackServer.isAvailable, "python3 is needed for the loopback servers"))
    func tcpStallTimesOut() throws {
        let data = try dir.writeRandom("served.bin", count: 100_000)
        let server = try LoopbackServer("tcp-stall", file: dir.path + "/served.bin", ["--stall-after", "30000"])
        let start = Date()
        let run = try capture(["--source", server.tcpURL, "--out", "t.bin", "--bytes", "100000", "--timeout", "0.3",
                               "--retries", "1", "--retry-delay", "0.01"])
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(run.status == 1, "stdout: \(run.stdout)\nstderr: \(run.stderr)\nserver: \(server.running.stdout) \(server.running.stderr)")
        #expect(digest(try dir.read("t.bin")) == digest(Array(data[..<30000])))
        let m = try dir.manifest("t.bin")
        #expect(m.endReason == .sourceFailed && m.errorCount == 2 && m.retries == 1)
        #expect(m.errors.first?.message.contains("timeout") == true)
        server.stop()
    }

    /// Ctrl-C (SIGINT) and SIGTERM mid-capture from a stalled source: the process ends at
    /// once with exit code 1, the bytes received are in the file, flushed, and the manifest
    /// says interrupted by which signal.
    @Test(.enabled(if: LoopbackServer.isAvailable, "python3 is needed for the loopback servers"),
          arguments: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")])
    func signalStopsCleanly(signal: Int32, name: String) throws {
        let data = try dir.writeRandom("served.bin", count: 100_000)
        let server = try LoopbackServer("tcp-stall", file: dir.path + "/served.bin", ["--stall-after", "30000"])
        let capturing = try RunningProcess(RNGCertBinary.path!, [
            "capture", "--source", server.tcpURL, "--out", "t.bin", "--bytes", "100000", "--progress-interval", "0.05",
        ], in: dir.path)
        #expect(capturing.waitForStandardError(containing: "capture: 29.3 KiB of 97.7 KiB"), "stderr: \(capturing.stderr)")
        #expect(!dir.exists("t.bin"))
        capturing.send(signal)
        #expect(capturing.finish(timeout: 5) == 1, "stderr: \(capturing.stderr)")
        #expect(capturing.stderr.contains("interrupted by \(name)"))
        #expect(digest(try dir.read("t.bin")) == digest(Array(data[..<30000])))
        let m = try dir.manifest("t.bin")
        #expect(!m.complete && m.endReason == .interrupted && m.signal == name && m.byteCount == 30000)
        #expect(m.sha256 == SHA256Digest.hex(of: Array(data[..<30000])))
        #expect(try dir.names().filter { $0.contains(".tmp-") }.isEmpty)
        server.stop()
    }

    // MARK: HTTP

    @Test(.enabled(if: LoopbackServer.isAvailable, "python3 is needed for the loopback servers"),
          arguments: [("raw", [String]()), ("json-base64", ["--json-field", "data"]),
                      ("json-hex", ["--json-field", "data", "--json-encoding", "hex"]), ("json-array", ["--json-field", "data"])])
    func httpBodies(format: String, options: [String]) throws {
        let data = try dir.writeRandom("served.bin", count: 50_000)
        let server = try LoopbackServer("http", file: dir.path + "/served.bin", ["--format", format, "--chunk", "8192"])
        let run = try capture(["--source", server.httpURL(), "--bytes", "50000", "--out", "h.bin"] + options)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(digest(try dir.read("h.bin")) == digest(data))
        let m = try dir.manifest("h.bin")
        #expect(m.complete && m.chunkCount == 7 && m.source.kind == .http)
        #expect(server.statuses == Array(repeating: 200, count: 7))
        server.stop()
    }

    /// An API key in a header reaches the server; it is never written to the manifest.
    @Test(.enabled(if: LoopbackServer.isAvailable, "python3 is needed for the loopback servers"))
    func httpHeaderCarriesTheKey() throws {
        let data = try dir.writeRandom("served.bin", count: 20_000)
        let server = try LoopbackServer("http", file: dir.path + "/served.bin",
                                        ["--format", "json-base64", "--field", "result.random", "--require-header", "X-API-Key: s3cret-k3y"])
        let run = try capture(["--source", server.httpURL("/bytes?key=also-secret"), "--bytes", "20000", "--out", "h.bin",
                               "--json-field", "result.random", "--header", "X-API-Key: s3cret-k3y"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(digest(try dir.read("h.bin")) == digest(data))
        let text = String(decoding: try dir.read("h.bin.manifest.json"), as: UTF8.self)
        #expect(!text.contains("s3cret") && !text.contains("also-secret"))
        #expect(try dir.manifest("h.bin").source.headerNames == ["X-API-Key"])
        // Without the key: 401 is not retried.
        let refused = try capture(["--source", server.httpURL(), "--bytes", "20000", "--out", "r.bin", "--json-field", "result.random"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("401"))
        let m = try dir.manifest("r.bin")
        #expect(m.byteCount == 0 && m.retries == 0 && m.endReason == .sourceFailed)
        server.stop()
    }

    /// HTTP 503 twice, then the service recovers: retried with backoff, nothing lost.
    @Test(.enabled(if: LoopbackServer.isAvailable, "python3 is needed for the loopback servers"))
    func httpRecoversAfterServerErrors() throws {
        let data = try dir.writeRandom("served.bin", count: 40_000)
        let server = try LoopbackServer("http", file: dir.path + "/served.bin", ["--fail-first", "2", "--chunk", "16384"])
        let run = try capture(["--source", server.httpURL(), "--bytes", "40000", "--out", "h.bin", "--retry-delay", "0.01"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(digest(try dir.read("h.bin")) == digest(data))
        let m = try dir.manifest("h.bin")
        #expect(m.complete && m.retries == 2 && m.errors.map(\.offset) == [0, 0])
        #expect(m.errors.allSatisfy { $0.message.contains("HTTP status 503") })
        #expect(server.statuses == [503, 503, 200, 200, 200])
        server.stop()
    }

    /// A service that keeps failing: reported after the retries, exit 1, an empty capture
    /// with its manifest (the record of the attempt).
    @Test(.enabled(if: LoopbackServer.isAvailable, "python3 is needed for the loopback servers"))
    func httpThatKeepsFailing() throws {
        _ = try dir.writeRandom("served.bin", count: 1000)
        let server = try LoopbackServer("http", file: dir.path + "/served.bin", ["--fail-always", "--fail-status", "500"])
        let run = try capture(["--source", server.httpURL(), "--bytes", "1000", "--out", "h.bin", "--retries", "3", "--retry-delay", "0.01"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("HTTP status 500"))
        let m = try dir.manifest("h.bin")
        #expect(m.byteCount == 0 && m.retries == 3 && m.errorCount == 4 && !m.complete)
        #expect(try dir.read("h.bin").isEmpty)
        #expect(server.statuses == [500, 500, 500, 500])
        server.stop()
    }

    /// A request that hangs is abandoned at --timeout and asked again.
    @Test(.enabled(if: LoopbackServer.isAvailable, "python3 is needed for the loopback servers"))
    func httpStallTimesOutAndRetries() throws {
        let data = try dir.writeRandom("served.bin", count: 10_000)
        let server = try LoopbackServer("http", file: dir.path + "/served.bin", ["--stall-first", "1", "--stall-seconds", "20"])
        let start = Date()
        let run = try capture(["--source", server.httpURL(), "--bytes", "10000", "--out", "h.bin", "--timeout", "0.5", "--retry-delay", "0.01"])
        #expect(Date().timeIntervalSince(start) < 8)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(digest(try dir.read("h.bin")) == digest(data))
        let m = try dir.manifest("h.bin")
        #expect(m.retries == 1 && m.errors.first?.message.contains("timeout") == true)
        server.stop()
    }

    // MARK: health policies, output safety, usage

    @Test func alarmPolicies() throws {
        _ = try RNGCertBinary.run(["simulate", "--bytes", "200000", "--seed", "5", "--dropout", "100", "--dropout-interval", "30000",
                                   "--after", "50000", "--out", "d.bin"], in: dir.path, timeout: 30)
        let data = try dir.read("d.bin")
        let continuing = try capture(["--source", "d.bin", "--out", "c.bin"])
        #expect(continuing.status == 0)
        let c = try dir.manifest("c.bin")
        #expect(c.complete && !c.flagged && c.health.repetitionCountAlarms > 0 && c.health.verdict == .fail)
        #expect(c.health.alarms.allSatisfy { $0.offset >= 50_000 })

        let marked = try capture(["--source", "d.bin", "--out", "m.bin", "--on-alarm", "mark"])
        #expect(marked.status == 1)
        #expect(marked.stderr.contains("marked"))
        let m = try dir.manifest("m.bin")
        #expect(m.complete && m.flagged && m.health == c.health.with(onAlarm: .mark))

        let stopped = try capture(["--source", "d.bin", "--out", "s.bin", "--on-alarm", "stop"])
        #expect(stopped.status == 1)
        let s = try dir.manifest("s.bin")
        let first = try #require(c.health.alarms.first)
        #expect(s.endReason == .healthAlarm && s.byteCount == first.offset + 1 && s.health.alarms == [first])
        #expect(digest(try dir.read("s.bin")) == digest(Array(data[...first.offset])))
    }

    @Test func existingOutputIsNotOverwrittenWithoutForce() throws {
        _ = try dir.writeRandom("source.bin", count: 5000)
        try dir.write("c.bin", [1, 2, 3])
        let refused = try capture(["--source", "source.bin", "--out", "c.bin"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("c.bin") && refused.stderr.contains("--force"))
        #expect(digest(try dir.read("c.bin")) == digest([1, 2, 3]))
        #expect(!dir.exists("c.bin.manifest.json"))
        let forced = try capture(["--source", "source.bin", "--out", "c.bin", "--force"])
        #expect(forced.status == 0)
        #expect(try dir.read("c.bin").count == 5000)
    }

    @Test(arguments: [
        (["--source", "missing.bin", "--out", "x.bin"], "missing.bin"),
        (["--source", "ftp://host/x", "--out", "x.bin"], "unknown scheme"),
        (["--source", "-", "--out", "x.bin", "--bits-per-symbol", "9"], "--bits-per-symbol"),
        (["--source", "-", "--out", "x.bin", "--claimed-entropy", "9"], "min-entropy"),
        (["--source", "-", "--out", "x.bin", "--alpha", "2"], "--alpha"),
        (["--source", "-", "--out", "x.bin", "--on-alarm", "panic"], "on-alarm"),
        (["--source", "-", "--out", "x.bin", "--header", "X-Key: v"], "http"),
        (["--source", "-", "--out", "x.bin", "--timeout", "0"], "--timeout"),
    ])
    func badUsageExitsWith2(arguments: [String], message: String) throws {
        let run = try capture(arguments, input: [1, 2, 3])
        #expect(run.status == 2, "stderr: \(run.stderr)")
        #expect(run.stderr.contains(message), "stderr: \(run.stderr)")
        #expect(!dir.exists("x.bin") && !dir.exists("x.bin.manifest.json"))
    }

    // MARK: assess picks up the manifest

    @Test func assessRecordsTheMatchingManifest() throws {
        _ = try dir.writeRandom("source.bin", count: 200_000)
        #expect(try capture(["--source", "source.bin", "--out", "c.bin"]).status == 0)
        let manifest = try dir.manifest("c.bin")
        let run = try RNGCertBinary.run(["assess", "c.bin", "--suite", "ent", "--out", "r"], in: dir.path, timeout: 30)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("capture: complete"))
        let report = try ReportCoding.decode(try dir.read("r/report.json"), path: "r/report.json")
        #expect(report.input.captureManifest == manifest)
        try expectValidAgainstReportSchema(dir.path + "/r/report.json")
        // The same assessment again gives the same manifest bytes inside the report.
        let again = try RNGCertBinary.run(["assess", "c.bin", "--suite", "ent", "--out", "r2"], in: dir.path, timeout: 30)
        #expect(again.status == 0)
        let second = try ReportCoding.decode(try dir.read("r2/report.json"), path: "r2/report.json")
        #expect(try second.input.captureManifest?.encoded() == manifest.encoded())

        // A prefix (--bytes) is other bytes: warned about and left out.
        let prefix = try RNGCertBinary.run(["assess", "c.bin", "--suite", "ent", "--bytes", "100000", "--out", "p"], in: dir.path, timeout: 30)
        #expect(prefix.status == 0)
        #expect(prefix.stderr.contains("warning") && prefix.stderr.contains("describes other bytes"))
        #expect(try ReportCoding.decode(try dir.read("p/report.json"), path: "p").input.captureManifest == nil)

        // A changed file no longer matches its manifest.
        var bytes = try dir.read("c.bin")
        bytes[100] ^= 1
        try dir.write("c.bin", bytes)
        let changed = try RNGCertBinary.run(["assess", "c.bin", "--suite", "ent", "--out", "x"], in: dir.path, timeout: 30)
        #expect(changed.stderr.contains("describes other bytes"))
        #expect(try ReportCoding.decode(try dir.read("x/report.json"), path: "x").input.captureManifest == nil)
    }
}

extension CaptureHealthSummary {
    func with(onAlarm: AlarmPolicy) -> CaptureHealthSummary {
        var copy = self
        copy.onAlarm = onAlarm
        return copy
    }
}

extension EndToEndDirectory {
    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
}

/// A pseudo-terminal from /dev/ptmx: unlocked (TIOCSPTLCK) and numbered (TIOCGPTN); the
/// Glibc module exports neither posix_openpt nor these constants. Closed when the value dies.
final class PseudoTerminal {
    let master: Int32
    let slavePath: String

    init() throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw LoopbackServer.ServerError(message: "no /dev/ptmx") }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            close(master)
            throw LoopbackServer.ServerError(message: "cannot unlock the pseudo-terminal")
        }
        slavePath = "/dev/pts/\(number)"
    }

    deinit { close(master) }

    /// The line discipline's local flags (shared by both ends).
    var localFlags: tcflag_t {
        var settings = termios()
        tcgetattr(master, &settings)
        return settings.c_lflag
    }
}

/// A terminal device as a serial port would be: raw bytes, every value (^C, ^S, CR, DEL)
/// passed through unchanged, and the terminal's settings restored afterwards.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct CaptureTerminalTests {
    @Test func terminalDeviceIsReadRaw() throws {
        let dir = try EndToEndDirectory()
        let terminal = try PseudoTerminal()
        #expect(terminal.localFlags & tcflag_t(ICANON) != 0)
        let data = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ $0 >> 8) }
        let capturing = try RunningProcess(RNGCertBinary.path!, ["capture", "--source", terminal.slavePath, "--bytes", "20000",
                                                                 "--out", "tty.bin"], in: dir.path)
        // Wait until the capture has put the terminal in raw mode, then type.
        let deadline = Date().addingTimeInterval(10)
        while terminal.localFlags & tcflag_t(ICANON) != 0 && Date() < deadline { usleep(2_000) }
        #expect(terminal.localFlags & tcflag_t(ICANON | ECHO | ISIG) == 0)
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(terminal.master, raw.baseAddress! + offset, min(1024, raw.count - offset))
                if n <= 0 { break }
                offset += n
            }
        }
        #expect(capturing.finish(timeout: 10) == 0, "stderr: \(capturing.stderr)")
        #expect(digest(try dir.read("tty.bin")) == digest(data))
        let m = try dir.manifest("tty.bin")
        #expect(m.source.kind == .characterDevice && m.complete)
        #expect(terminal.localFlags & tcflag_t(ICANON) != 0, "the terminal's settings are restored")
    }
}

/// The progress bar when standard error is a terminal (a pseudo-terminal here).
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct CaptureProgressBarTests {
    @Test func barOnATerminal() throws {
        let dir = try EndToEndDirectory()
        let pty = try PseudoTerminal()
        let master = pty.master
        let slavePath = pty.slavePath
        let terminal = try #require(FileHandle(forWritingAtPath: slavePath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RNGCertBinary.path!)
        process.arguments = ["capture", "--source", "/dev/urandom", "--bytes", "2M", "--out", "u.bin"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        process.standardError = terminal
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try terminal.close()
        // Read what the terminal got until the process ends (with a deadline).
        var seen: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            var entry = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&entry, 1, 50) > 0 {
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { break }
                seen += buffer[0..<n]
            } else if !process.isRunning {
                break
            }
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        withExtendedLifetime(pty) {}
        #expect(process.terminationStatus == 0)
        let text = String(decoding: seen, as: UTF8.self)
        #expect(text.contains("\r\u{1B}[2K[########################]  100%  2.0 MiB / 2.0 MiB"), "terminal got: \(text.debugDescription)")
        #expect(text.contains("alarms 0"))
        #expect(!text.contains("capture: 2.0 MiB"), "plain lines are for non-terminals")
    }
}

/// Validates a report file against Schemas/report.schema.json with python3's jsonschema
/// (installed by scripts/install-deps --test); records a skip note when it is absent.
func expectValidAgainstReportSchema(_ path: String, schema name: String = "report.schema.json") throws {
    let schema = EntropyFixtures.packageRoot.appendingPathComponent("Schemas/" + name).path
    let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        errors = [e.json_path + ": " + e.message[:200] for e in jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2])))]
        print("\\n".join(errors)); sys.exit(1 if errors else 0)
        """
    let check = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", "import jsonschema"])
    guard check.status == 0 else {
        print("skipped: schema validation of \(path) (python3-jsonschema absent; scripts/install-deps --test installs it)")
        return
    }
    let run = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", script, schema, path])
    #expect(run.status == 0, "\(path) does not match the schema: \(run.stdout)\(run.stderr)")
}
