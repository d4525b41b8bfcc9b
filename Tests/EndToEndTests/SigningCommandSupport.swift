import AssessmentEngine
import Certification
import Foundation

enum OpenSSLTool {
    static let path: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static var isAvailable: Bool { path != nil }

    static func run(_ arguments: [String], in directory: String? = nil) throws -> ProcessResult {
        try ProcessRunner.run(path!, arguments, in: directory)
    }

    /// A shell pipeline (for the README's openssl commands, verbatim).
    static func shell(_ command: String, in directory: String) throws -> ProcessResult {
        try ProcessRunner.run("/bin/sh", ["-c", command], in: directory)
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
