import Foundation

/// A finished child process: exit status, standard output (raw bytes) and standard error.
struct ProcessResult {
    let status: Int32
    let standardOutput: [UInt8]
    let standardError: String

    var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
    var stderr: String { standardError }
}

/// Runs programs as a user would, reading both pipes as they fill, each under a deadline.
enum ProcessRunner {
    /// Runs `executable` to its end and returns what it did; a run still going after `timeout`
    /// seconds is killed (status -1), so that a hang fails its test, not the whole test run.
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil, input: [UInt8]? = nil,
                    timeout: Double = 600) throws -> ProcessResult {
        let running = try RunningProcess(executable, arguments, in: directory, input: input)
        let status = running.finish(timeout: timeout) ?? -1
        return ProcessResult(status: status, standardOutput: running.standardOutputBytes, standardError: running.stderr)
    }
}

/// Where the `rngcert` executable is: in the products directory next to the test bundle
/// (SwiftPM builds it with the tests), else in the package's .build/{release,debug}.
enum RNGCertBinary {
    static let url: URL? = {
        let fileManager = FileManager.default
        var directories: [URL] = []
        let bundle = Bundle.main.bundleURL
        directories += [bundle, bundle.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL?.deletingLastPathComponent() {
            directories += [executable, executable.deletingLastPathComponent()]
        }
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        directories += [argument0, argument0.deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        directories += ["release", "debug"].map { packageRoot.appendingPathComponent(".build/\($0)") }
        return directories
            .map { $0.appendingPathComponent("rngcert") }
            .first { fileManager.isExecutableFile(atPath: $0.path) && !isDirectory($0) }
    }()

    static var path: String? { url?.path }
    static var isAvailable: Bool { url != nil }

    /// Runs rngcert with `arguments` in `directory`, feeding `input` on standard input.
    static func run(_ arguments: [String], in directory: String? = nil, input: [UInt8]? = nil, timeout: Double = 600) throws -> ProcessResult {
        try ProcessRunner.run(path!, arguments, in: directory, input: input, timeout: timeout)
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
