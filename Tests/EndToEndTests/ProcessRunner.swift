import Foundation

/// A finished child process: exit status, standard output (raw bytes) and standard error.
struct ProcessResult {
    let status: Int32
    let standardOutput: [UInt8]
    let standardError: String

    var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
    var stderr: String { standardError }
}

/// Runs programs as a user would, reading both pipes concurrently so neither fills.
enum ProcessRunner {
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil, input: [UInt8]? = nil) throws -> ProcessResult {
        let process = Process()
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
        return ProcessResult(status: process.terminationStatus, standardOutput: [UInt8](outputData),
                             standardError: String(decoding: errorData, as: UTF8.self))
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
    static func run(_ arguments: [String], in directory: String? = nil, input: [UInt8]? = nil) throws -> ProcessResult {
        try ProcessRunner.run(path!, arguments, in: directory, input: input)
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
