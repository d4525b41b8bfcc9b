import Capture
import Certification
import Foundation
import Synchronization

/// A program running in the background whose standard output and error are collected as
/// they come, so a test can wait for a progress line, send a signal, and wait for the end
/// with a deadline (a bug must not hang the test run).
final class RunningProcess: @unchecked Sendable {
    let process = Process()
    private let collected = Mutex<(out: [UInt8], err: [UInt8])>(([], []))
    private let readers = DispatchGroup()

    init(_ executable: String, _ arguments: [String], in directory: String? = nil, input: [UInt8]? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe(), inputPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            let handle = inputPipe.fileHandleForWriting
            let data = Data(input)
            Thread.detachNewThread {
                handle.write(data)
                try? handle.close()
            }
        }
        for (pipe, isError) in [(out, false), (err, true)] {
            readers.enter()
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread { [self] in
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    collected.withLock { if isError { $0.err += data } else { $0.out += data } }
                }
                readers.leave()
            }
        }
    }

    var stdout: String { String(decoding: standardOutputBytes, as: UTF8.self) }
    var standardOutputBytes: [UInt8] { collected.withLock { $0.out } }
    var stderr: String { String(decoding: collected.withLock { $0.err }, as: UTF8.self) }

    /// Waits until standard error contains `text`; false after `timeout` seconds.
    func waitForStandardError(containing text: String, timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stderr.contains(text) { return true }
            if !process.isRunning { return stderr.contains(text) }
            usleep(10_000)
        }
        return false
    }

    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the exit (killing the process after `timeout` seconds) and returns its status,
    /// or nil if it had to be killed.
    func finish(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        var killed = false
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            killed = true
        }
        process.waitUntilExit()
        _ = readers.wait(timeout: .now() + 5)
        return killed ? nil : process.terminationStatus
    }
}

extension RNGCertBinary {
    /// Runs rngcert like `run`, but kills it after `timeout` seconds (status -1) so that a
    /// capture that hangs fails its test instead of the whole run.
    static func run(_ arguments: [String], in directory: String? = nil, input: [UInt8]? = nil, timeout: Double) throws -> ProcessResult {
        let running = try RunningProcess(path!, arguments, in: directory, input: input)
        let status = running.finish(timeout: timeout) ?? -1
        return ProcessResult(status: status, standardOutput: running.standardOutputBytes, standardError: running.stderr)
    }
}

/// A loopback TCP or HTTP server run by Tests/Servers/loopback_server.py (python3), serving
/// the bytes of a file with chosen failures. Killed when the value dies.
final class LoopbackServer {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Servers/loopback_server.py").path

    /// Whether python3 can run the server script.
    static let isAvailable: Bool = {
        guard FileManager.default.fileExists(atPath: script) else { return false }
        guard let run = try? ProcessRunner.run("/usr/bin/env", ["python3", "-c", "import http.server, socket"]) else { return false }
        return run.status == 0
    }()

    let running: RunningProcess
    let port: Int

    init(_ mode: String, file: String, _ arguments: [String] = []) throws {
        running = try RunningProcess("/usr/bin/env", ["python3", Self.script, mode, "--file", file] + arguments)
        let deadline = Date().addingTimeInterval(15)
        var port: Int? = nil
        while port == nil && Date() < deadline {
            if let line = running.stdout.split(separator: "\n").first(where: { $0.hasPrefix("PORT ") }) {
                port = Int(line.dropFirst(5))
            } else {
                usleep(5_000)
            }
        }
        guard let port else {
            running.send(SIGKILL)
            throw ServerError(message: "loopback server \(mode) did not start: \(running.stderr)")
        }
        self.port = port
    }

    deinit { stop() }

    /// Ends the server. Tests call it last: Swift may end a value's lifetime after its last
    /// use, and a server gone early frees its port for another test's server.
    func stop() {
        running.send(SIGKILL)
        _ = running.finish(timeout: 5)
    }

    var tcpURL: String { "tcp://127.0.0.1:\(port)" }
    func httpURL(_ path: String = "/random") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The HTTP statuses served so far, in order.
    var statuses: [Int] {
        running.stdout.split(separator: "\n").filter { $0.hasPrefix("REQUEST ") }.compactMap { Int($0.split(separator: " ")[2]) }
    }

    struct ServerError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

/// Byte count and SHA-256 of some bytes: what tests compare, so that a mismatch prints two
/// short lines rather than two arrays.
func digest(_ bytes: some Collection<UInt8>) -> String { "\(bytes.count) bytes, sha256 \(SHA256Digest.hex(of: Array(bytes)))" }

extension EndToEndDirectory {
    func manifest(_ name: String) throws -> CaptureManifest {
        try CaptureManifest.load(path + "/" + name + ".manifest.json")
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }

    /// `count` bytes of the simulator's clean output for `seed` (what the servers serve).
    func writeRandom(_ name: String, count: Int, seed: UInt64 = 1) throws -> [UInt8] {
        var source = try FaultySource(seed: seed)
        let bytes = source.next(count)
        try write(name, bytes)
        return bytes
    }
}
