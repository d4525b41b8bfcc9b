import AssessmentEngine
import Capture
import Foundation
import Testing

/// `rngcert capture` against sources that misbehave (issue 11): HTTP bodies that never end
/// or end too soon, a TCP server that resets, signals other than SIGINT, a closed standard
/// error. Every byte received is kept, memory stays bounded, and the manifest is written.
@Suite(.enabled(if: RNGCertBinary.isAvailable && LoopbackServer.isAvailable,
                "needs the rngcert binary next to the test bundle and python3 for the loopback servers"))
struct CaptureHardeningTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    func capture(_ arguments: [String], timeout: Double = 30) throws -> ProcessResult {
        try RNGCertBinary.run(["capture"] + arguments, in: dir.path, timeout: timeout)
    }

    /// The server's "SENT <request> <bytes>" lines, once each body has ended.
    func sent(_ server: LoopbackServer, responses: Int, timeout: Double = 10) -> [Int] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let lines = server.running.stdout.split(separator: "\n").filter { $0.hasPrefix("SENT ") }
            if lines.count >= responses || Date() > deadline { return lines.compactMap { Int($0.split(separator: " ")[2]) } }
            usleep(10_000)
        }
    }

    // MARK: HTTP

    /// A body that never ends: the capture takes the 1 MiB it needs and hangs up; the
    /// server is never asked for (and the capture never holds) much more.
    @Test func httpEndlessBodyIsCutAtTheBytesNeeded() throws {
        let data = try dir.writeRandom("served.bin", count: 2 << 20)
        let server = try LoopbackServer("http", file: dir.path + "/served.bin", ["--endless"])
        let start = Date()
        let run = try capture(["--source", server.httpURL(), "--bytes", "1M", "--out", "h.bin"])
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(digest(try dir.read("h.bin")) == digest(data[..<(1 << 20)]))
        let m = try dir.manifest("h.bin")
        #expect(m.complete && m.chunkCount == 1 && m.retries == 0)
        let sent = self.sent(server, responses: 1)
        // URLSession may drain the socket for a while after the task is cancelled (484–512 MB
        // seen on a loaded 2-core machine); what the capture holds and keeps is 1 MiB.
        #expect(sent.count == 1 && sent[0] < 4 << 30, "the server sent \(sent) bytes for a 1 MiB capture")
        #expect(server.statuses == [200])
        server.stop()
    }

    /// The "HEADER <request> …" lines a server printed for `name`, in order.
    func headerLines(_ server: LoopbackServer, _ name: String) -> [String] {
        server.running.stdout.split(separator: "\n").filter { $0.hasPrefix("HEADER ") && $0.contains(" \(name)") }
            .map { $0.split(separator: " ", maxSplits: 2).last.map(String.init) ?? "" }
    }

    /// Under a file-size limit (`ulimit -f`, 1 MiB) the capture of a 4 MiB file keeps what
    /// fits; the manifest's health counts cover exactly the bytes kept, though the health
    /// stage had read further: a stuck stretch at 3 MiB raises no alarm in the manifest.
    @Test func fileSizeLimitHealthCountsCoverTheBytesKept() throws {
        var data = try dir.writeRandom("src.bin", count: 4 << 20)
        for i in (3 << 20)..<((3 << 20) + 4096) { data[i] = 0x55 }
        try dir.write("src.bin", data)
        let binary = try #require(RNGCertBinary.path)
        let run = try ProcessRunner.run("/bin/bash", ["-c", "ulimit -f 1024; exec \"$0\" capture --source src.bin --out cap.bin", binary],
                                        in: dir.path)
        // An incomplete capture (write failed) is exit 1, its bytes and manifest kept.
        #expect(run.status == 1, "stdout: \(run.stdout) stderr: \(run.stderr)")
        // The error names the file the user asked for, not the hidden temporary one.
        #expect(run.stderr.contains("cap.bin: write failed") && !run.stderr.contains(".tmp-"), "\(run.stderr)")
        let kept = try dir.read("cap.bin")
        #expect(kept.count > 0 && kept.count <= 1 << 20)
        let m = try dir.manifest("cap.bin")
        #expect(m.byteCount == kept.count && !m.complete)
        #expect(m.health.samplesTested == kept.count, "health tested \(m.health.samplesTested) samples for \(kept.count) bytes kept")
        #expect(m.health.alarmCount == 0, "\(m.health.alarms)")
        #expect(m.describes(byteCount: kept.count, sha256: SHA256Digest.hex(of: kept)))
    }

    /// A redirect to another origin (another host name and port) gets none of the `--header`
    /// values, as curl does; a redirect within the origin keeps them. The manifest records
    /// the URL the bytes came from.
    @Test func headersAreStrippedOnCrossOriginRedirects() throws {
        let data = try dir.writeRandom("served.bin", count: 20_000)
        let target = try LoopbackServer("http", file: dir.path + "/served.bin",
                                        ["--chunk", "5000", "--log-header", "Authorization", "--log-header", "X-Api-Key"])
        let other = try LoopbackServer("http", file: dir.path + "/served.bin",
                                       ["--redirect-to", "http://localhost:\(target.port)/bytes?key=q", "--log-header", "Authorization"])
        let keys = ["--header", "Authorization: Bearer s3cret", "--header", "X-Api-Key: k3y"]
        let run = try capture(["--source", other.httpURL("/random"), "--bytes", "10000", "--out", "x.bin"] + keys)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(digest(try dir.read("x.bin")) == digest(data[..<10000]))
        #expect(headerLines(other, "Authorization").allSatisfy { $0 == "Authorization: Bearer s3cret" })
        let sentOn = headerLines(target, "Authorization") + headerLines(target, "X-Api-Key")
        #expect(!sentOn.isEmpty && sentOn.allSatisfy { $0.hasSuffix(" absent") }, "\(sentOn)")
        let m = try dir.manifest("x.bin")
        #expect(m.source.location == other.httpURL("/random"))
        // The query is elided, as in `location`: it may hold a key.
        #expect(m.source.finalLocation == "http://localhost:\(target.port)/bytes?…", "\(String(describing: m.source.finalLocation))")

        // Same origin: the redirect keeps the headers.
        let same = try LoopbackServer("http", file: dir.path + "/served.bin",
                                      ["--redirect-to", "http://127.0.0.1:{port}/bytes", "--log-header", "Authorization", "--chunk", "5000"])
        let kept = try capture(["--source", same.httpURL("/random"), "--bytes", "10000", "--out", "y.bin"] + keys)
        #expect(kept.status == 0, "stderr: \(kept.stderr)")
        let lines = headerLines(same, "Authorization")
        #expect(lines.count >= 2 && lines.allSatisfy { $0 == "Authorization: Bearer s3cret" }, "\(lines)")
        #expect(try dir.manifest("y.bin").source.finalLocation == same.httpURL("/bytes"))
        target.stop(); other.stop(); same.stop()
    }

    /// Bodies that announce 10 GB and close after 1,000 bytes: each response's bytes are
    /// kept, the failures recorded and retried, and the pieces join without a gap.
    @Test func httpBodyCutShortKeepsTheBytesReceived() throws {
        let data = try dir.writeRandom("served.bin", count: 10_000)
        let server = try LoopbackServer("http", file: dir.path + "/served.bin",
                                        ["--declared-length", "10000000000", "--chunk", "1000"])
        let run = try capture(["--source", server.httpURL(), "--bytes", "3000", "--out", "h.bin", "--retry-delay", "0.01"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(digest(try dir.read("h.bin")) == digest(data[..<3000]))
        let m = try dir.manifest("h.bin")
        #expect(m.complete && m.chunkCount == 3)
        #expect(m.errors.map(\.offset) == [1000, 2000] && m.retries == 2, "\(m.errors)")
        server.stop()
    }

    /// SIGINT while a body is streaming: the bytes of the body received so far are kept.
    @Test func httpInterruptedMidBodyKeepsTheBytesReceived() throws {
        let data = try dir.writeRandom("served.bin", count: 10_000)
        let server = try LoopbackServer("http", file: dir.path + "/served.bin", ["--stall-body", "--chunk", "1000"])
        let capturing = try RunningProcess(RNGCertBinary.path!, [
            "capture", "--source", server.httpURL(), "--bytes", "1M", "--out", "h.bin", "--progress-interval", "0.05",
        ], in: dir.path)
        #expect(capturing.waitForStandardError(containing: "capture: 1000 B of 1.0 MiB"), "stderr: \(capturing.stderr)")
        capturing.send(SIGINT)
        #expect(capturing.finish(timeout: 5) == 1, "stderr: \(capturing.stderr)")
        #expect(digest(try dir.read("h.bin")) == digest(data[..<1000]))
        let m = try dir.manifest("h.bin")
        #expect(m.endReason == .interrupted && m.signal == "SIGINT" && m.byteCount == 1000)
        server.stop()
    }

    /// Runs `rngcert capture …` under a Python parent that prints the child's peak resident
    /// memory (getrusage, KiB) as the last line of its standard output.
    func captureMeasuringMemory(_ arguments: [String]) throws -> (run: ProcessResult, peakMiB: Double) {
        let script = "import resource, subprocess, sys\n"
            + "code = subprocess.run(sys.argv[1:]).returncode\n"
            + "print('PEAK-KIB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
            + "sys.exit(code)\n"
        let run = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", script, try #require(RNGCertBinary.path), "capture"] + arguments,
                                        in: dir.path, timeout: 60)
        let line = run.stdout.split(separator: "\n").last { $0.hasPrefix("PEAK-KIB ") }
        let kib = try #require(line.flatMap { Double($0.split(separator: " ")[1]) }, "no peak in \(run.stdout)")
        return (run, kib / 1024)
    }

    /// A server that sends faster than the capture writes, without end, cannot make the
    /// capture hold more than its backpressure bound: the peak memory of a 256 MiB capture
    /// from an endless body, and of a refused endless JSON body, stays far below the bytes
    /// the server pushed.
    @Test func httpEndlessBodiesKeepMemoryBounded() throws {
        _ = try dir.writeRandom("served.bin", count: 1 << 20)
        let server = try LoopbackServer("http", file: dir.path + "/served.bin", ["--endless"])
        let raw = try captureMeasuringMemory(["--source", server.httpURL(), "--bytes", "256M", "--out", "r.bin"])
        #expect(raw.run.status == 0, "stderr: \(raw.run.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: dir.path + "/r.bin")[.size] as? Int == 256 << 20)
        #expect(raw.peakMiB < 160, "peak \(raw.peakMiB) MiB for an endless raw body")
        let json = try captureMeasuringMemory(["--source", server.httpURL(), "--bytes", "1000", "--out", "j.bin", "--json-field", "data"])
        #expect(json.run.status == 1 && json.run.stderr.contains("JSON body larger than 16 MiB"), "stderr: \(json.run.stderr)")
        #expect(json.peakMiB < 160, "peak \(json.peakMiB) MiB for an endless JSON body")
        server.stop()
    }

    /// A JSON body must be parsed whole, so it is bounded: an endless one is refused at
    /// 16 MiB, not buffered until memory runs out.
    @Test func httpEndlessJSONBodyIsRefusedAtTheLimit() throws {
        _ = try dir.writeRandom("served.bin", count: 1 << 20)
        let server = try LoopbackServer("http", file: dir.path + "/served.bin", ["--endless"])
        let run = try capture(["--source", server.httpURL(), "--bytes", "1000", "--out", "h.bin", "--json-field", "data"])
        #expect(run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("JSON body larger than 16 MiB"), "stderr: \(run.stderr)")
        let m = try dir.manifest("h.bin")
        #expect(m.endReason == .sourceFailed && m.byteCount == 0)
        let sent = self.sent(server, responses: 1)
        // The client stops reading at the limit; on a loaded machine the loopback server may
        // still push a few hundred MiB into socket buffers before it sees the close.
        #expect(sent.count == 1 && sent[0] < 4 << 30, "the server sent \(sent) bytes")
        server.stop()
    }
}

extension CaptureHardeningTests {
    /// Without --bytes a TCP capture is one connection: a server that resets (and would
    /// accept 20 more) ends it, with the bytes of that connection kept and the reset
    /// reported, never joined to the next connection's bytes.
    @Test func tcpWithoutBytesEndsWithTheFirstConnection() throws {
        let data = try dir.writeRandom("served.bin", count: 200_000)
        let server = try LoopbackServer("tcp-reset", file: dir.path + "/served.bin", ["--per-connection", "10000", "--connections", "20"])
        let run = try capture(["--source", server.tcpURL, "--out", "t.bin", "--retry-delay", "0.01"])
        #expect(run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("source failed") && run.stderr.contains("Connection reset by peer"), "stderr: \(run.stderr)")
        // A reset may discard bytes in flight (even all of a connection's, which is then
        // retried): what is kept is the start of one connection's 10,000 bytes.
        let kept = try dir.read("t.bin")
        #expect(kept.count > 0 && kept.count <= 10_000)
        let connection = (0..<20).first { c in Array(data[(c * 10_000)..<(c * 10_000 + kept.count)]) == kept }
        #expect(connection != nil, "the bytes kept are not the start of one connection's bytes")
        let m = try dir.manifest("t.bin")
        #expect(m.endReason == .sourceFailed && m.byteCount == kept.count)
        #expect(m.errors.last?.retried == false && m.errors.last?.offset == kept.count)
        server.stop()
    }
}

extension CaptureHardeningTests {
    /// SIGHUP (a dropped SSH session) and SIGQUIT (Ctrl-\) stop a capture as SIGINT does:
    /// the bytes are published, the manifest says which signal, no crash report, no
    /// temporary file left.
    @Test(arguments: [(SIGHUP, "SIGHUP"), (SIGQUIT, "SIGQUIT")])
    func everyTerminatingSignalKeepsTheBytes(signal: Int32, name: String) throws {
        let data = try dir.writeRandom("served.bin", count: 100_000)
        let server = try LoopbackServer("tcp-stall", file: dir.path + "/served.bin", ["--stall-after", "30000"])
        let capturing = try RunningProcess(RNGCertBinary.path!, [
            "capture", "--source", server.tcpURL, "--out", "t.bin", "--bytes", "100000", "--progress-interval", "0.05",
        ], in: dir.path)
        #expect(capturing.waitForStandardError(containing: "capture: 29.3 KiB of 97.7 KiB"), "stderr: \(capturing.stderr)")
        capturing.send(signal)
        #expect(capturing.finish(timeout: 5) == 1, "stderr: \(capturing.stderr)")
        #expect(capturing.stderr.contains("interrupted by \(name)"), "stderr: \(capturing.stderr)")
        #expect(!capturing.stderr.contains("crashed"), "stderr: \(capturing.stderr)")
        #expect(digest(try dir.read("t.bin")) == digest(data[..<30000]))
        let m = try dir.manifest("t.bin")
        #expect(m.endReason == .interrupted && m.signal == name && m.byteCount == 30000)
        #expect(try dir.names().filter { $0.contains(".tmp-") }.isEmpty)
        server.stop()
    }

    /// Standard output and error are pipes whose reader has gone (`capture … | head`, a
    /// closed log): progress stops being shown, the capture goes on, and a stop still
    /// publishes the bytes and the manifest.
    @Test func closedOutputPipesDoNotKillTheCapture() throws {
        let data = try dir.writeRandom("served.bin", count: 100_000)
        let server = try LoopbackServer("tcp-stall", file: dir.path + "/served.bin", ["--stall-after", "30000"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RNGCertBinary.path!)
        process.arguments = ["capture", "--source", server.tcpURL, "--out", "t.bin", "--bytes", "100000", "--progress-interval", "0.05"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try out.fileHandleForReading.close()
        try err.fileHandleForReading.close()
        // Wait until the 30,000 bytes are in and progress has been written (and failed).
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline && !((try? dir.names()) ?? []).contains(where: { $0.contains(".tmp-") }) { usleep(10_000) }
        usleep(500_000)
        #expect(process.isRunning, "the capture died (status \(process.terminationStatus), reason \(process.terminationReason.rawValue))")
        kill(process.processIdentifier, SIGTERM)
        let end = Date().addingTimeInterval(5)
        while process.isRunning && Date() < end { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 1)
        #expect(digest(try dir.read("t.bin")) == digest(data[..<30000]))
        let m = try dir.manifest("t.bin")
        #expect(m.endReason == .interrupted && m.signal == "SIGTERM" && m.byteCount == 30000)
        server.stop()
    }
}
