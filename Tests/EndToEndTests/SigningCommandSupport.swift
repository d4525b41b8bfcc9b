import Certification
import Foundation

/// Runs the built `rngcert` binary (found beside the test bundle in the build products
/// directory); tests that need it are skipped with a message when it is absent.
enum RNGCertBinary {
    static let path: String? = {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("rngcert"))
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rngcert"))
        // `Tests/EndToEndTests/<this file>` → package root → `.build/release/rngcert`.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/release/rngcert"))
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var isAvailable: Bool { path != nil }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs rngcert with `arguments` in `directory`.
    static func run(_ arguments: [String], in directory: String? = nil) throws -> Result {
        try ExternalProgram.run(path!, arguments, in: directory)
    }
}

enum ExternalProgram {
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> RNGCertBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so neither fills and blocks the child.
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return .init(status: process.terminationStatus,
                     stdout: String(decoding: outputData, as: UTF8.self),
                     stderr: String(decoding: errorData, as: UTF8.self))
    }
}

/// openssl, if installed.
enum OpenSSLTool {
    static let path: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static var isAvailable: Bool { path != nil }

    static func run(_ arguments: [String], in directory: String? = nil) throws -> RNGCertBinary.Result {
        try ExternalProgram.run(path!, arguments, in: directory)
    }

    /// A shell pipeline (for the README's openssl commands, verbatim).
    static func shell(_ command: String, in directory: String) throws -> RNGCertBinary.Result {
        try ExternalProgram.run("/bin/sh", ["-c", command], in: directory)
    }
}

/// A scratch directory for one end-to-end test, removed afterwards.
final class EndToEndDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("rngcert-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func url(_ name: String) -> URL { URL(fileURLWithPath: path + "/" + name) }
    func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: url(name)) }
    func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: url(name))) }
}

/// A small report over `data` with empty suites (the subject here is signing, not results).
enum EndToEndReports {
    static func report(data: [UInt8], schemaVersion: Int? = nil) -> Report {
        var report = Report(
            tool: ToolIdentity(version: "0.1.0", build: "release, Swift 6.3"),
            command: CommandRecord(arguments: ["assess", "data.bin"], parameters: AssessmentParameters(suites: [.ent])),
            input: InputIdentity(path: "data.bin", byteCount: data.count, sha256: SHA256Digest.hex(of: data),
                                 format: .raw, bitOrder: .msb, bitsPerSymbol: nil),
            host: "lab-host", startedAt: "2026-11-21T20:58:03.125Z", finishedAt: "2026-11-21T20:58:04.500Z",
            suites: SuiteResults())
        if let schemaVersion { report.schemaVersion = schemaVersion }
        return report
    }
}
