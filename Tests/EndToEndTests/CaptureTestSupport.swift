import AssessmentEngine
import Capture
import Certification
import Foundation
import Synchronization

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
