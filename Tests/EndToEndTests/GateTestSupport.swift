import Certification
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// A real `rngcert serve` on loopback (port 0), with its own key, spool and source file,
/// for the gate's end-to-end tests. `start` and `stop` are called from the test's own
/// thread while no fetch runs; concurrent fetches only read `url` and `fingerprint`.
final class ServedGate: @unchecked Sendable {
    let directory: EndToEndDirectory
    let spool: String
    let keyPath: String
    let fingerprint: String
    private(set) var process: RunningProcess?
    private(set) var url = ""
    var extraArguments: [String] = []

    /// Makes a key and a source of `sourceBytes` simulated bytes (`simulateArguments` adds
    /// faults).
    init(sourceBytes: String, simulateArguments: [String] = []) throws {
        directory = try EndToEndDirectory()
        spool = directory.path + "/spool"
        keyPath = directory.path + "/gate.key"
        let keygen = try RNGCertBinary.run(["keygen", "--out", directory.path + "/gate"])
        guard keygen.status == 0 else { throw GateTestError.failed("keygen: \(keygen.stderr)") }
        fingerprint = try VerificationKey(contentsOf: directory.path + "/gate.pub").fingerprint
        let simulate = try RNGCertBinary.run(["simulate", "--bytes", sourceBytes, "--seed", "7", "--out", source] + simulateArguments)
        guard simulate.status == 0 else { throw GateTestError.failed("simulate: \(simulate.stderr)") }
    }

    var source: String { directory.path + "/source.bin" }

    /// Starts the server and waits for its "listening on URL" line.
    func start(_ arguments: [String] = ["--suite", "ent", "--buffer-size", "64K"]) throws {
        // The suite runs beside other CPU-bound tests, which would starve an idle-priority
        // battery: the battery shares the CPU fairly unless a test asks for the default.
        let scheduling = arguments.contains("--idle-battery") ? [] : ["--no-idle-battery"]
        let running = try RunningProcess(RNGCertBinary.path!, [
            "serve", "--source", source, "--spool", spool, "--sign-key", keyPath, "--listen", "127.0.0.1:0",
        ] + scheduling + arguments + extraArguments)
        process = running
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let line = running.stdout.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }) {
                url = String(line.dropFirst("listening on ".count))
                return
            }
            if !running.process.isRunning { break }
            usleep(20_000)
        }
        throw GateTestError.failed("serve did not start: \(running.stderr)")
    }

    /// GET `path` on the server: status and body.
    func get(_ path: String) throws -> (status: Int, body: [UInt8]) {
        try HTTPGet.get(url + path)
    }

    /// Waits until `/v1/status` satisfies `condition`.
    func waitForStatus(timeout: Double = 30, _ condition: (GateStatusBody) -> Bool) throws -> GateStatusBody {
        let deadline = Date().addingTimeInterval(timeout)
        var last: GateStatusBody?
        while Date() < deadline {
            let (status, body) = try get("/v1/status")
            if status == 200 {
                let decoded = try JSONDecoder().decode(GateStatusBody.self, from: Data(body))
                if condition(decoded) { return decoded }
                last = decoded
            }
            usleep(50_000)
        }
        throw GateTestError.failed("status never reached the condition; last: \(String(describing: last))")
    }

    /// `rngcert fetch` into `out` (a name in the directory).
    func fetch(_ bytes: Int, out: String, extra: [String] = []) throws -> ProcessResult {
        try RNGCertBinary.run(["fetch", url, "--bytes", "\(bytes)", "--out", directory.path + "/" + out,
                               "--fingerprint", fingerprint] + extra, timeout: 60)
    }

    func stop(signal: Int32 = SIGTERM) -> Int32? {
        process?.send(signal)
        return process?.finish(timeout: 20)
    }

    deinit { if let process, process.process.isRunning { _ = process.finish(timeout: 0) } }
}

/// `/v1/status` as the tests read it.
struct GateStatusBody: Decodable {
    struct Pool: Decodable { let buffers: Int; let bytes: Int }
    struct Source: Decodable { let state: String }
    let pool: Pool
    let buffers: [String: Int]
    let source: Source
    let healthAlarms: Int
}

/// A delivery proof as `fetch` writes it (the fields the tests compare).
struct FetchedProof: Decodable {
    let bufferID: Int
    let firstLeaf: Int
    let endLeaf: Int
    let byteCount: Int
}

enum GateTestError: Error, CustomStringConvertible {
    case failed(String)
    var description: String { switch self { case let .failed(m): m } }
}

/// A blocking HTTP GET through URLSession (loopback only).
enum HTTPGet {
    static func get(_ url: String, timeout: Double = 10) throws -> (status: Int, body: [UInt8]) {
        guard let target = URL(string: url) else { throw GateTestError.failed("bad URL \(url)") }
        var request = URLRequest(url: target)
        request.timeoutInterval = timeout
        let result = Mutex<(Int, [UInt8])?>(nil)
        let failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let error { failure.withLock { $0 = "\(error)" } }
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            result.withLock { $0 = (status, Array(data ?? Data())) }
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + timeout + 5) == .success, let value = result.withLock({ $0 }) else {
            throw GateTestError.failed("GET \(url): no answer")
        }
        if let message = failure.withLock({ $0 }) { throw GateTestError.failed("GET \(url): \(message)") }
        return value
    }
}
