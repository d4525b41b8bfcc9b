import ArgumentParser
import Foundation
import RandomnessCore

/// `-o FILE` and `--force` of the `rngcert entropy` tools: the result as JSON (sorted keys,
/// indented), written atomically; an existing file is replaced only with `--force`.
struct JSONOutputOptions: ParsableArguments {
    @Option(name: .customShort("o"), help: ArgumentHelp("Also write the full result as JSON to FILE.", valueName: "file"))
    var output: String?

    @Flag(help: "Replace an existing -o file.")
    var force = false

    func validate() throws {
        if let output, output.isEmpty || output.hasSuffix("/") { throw ValidationError("-o needs a file name, e.g. -o result.json") }
    }

    /// Refuses an existing output file, or one whose directory is missing or not writable,
    /// before the work starts (checked again when writing).
    func checkWritable() throws {
        guard let output else { return }
        if !force, FileBytes.exists(output) { throw FileWriteError.exists(path: output) }
        let directory = output.contains("/") ? String(output[..<output.lastIndex(of: "/")!]) : "."
        let parent = directory.isEmpty ? "/" : directory
        guard FileBytes.isDirectory(parent) else { throw FileWriteError.cannotCreate(path: output, reason: "no such directory: \(parent)") }
        guard access(parent, W_OK | X_OK) == 0 else { throw FileWriteError.cannotCreate(path: output, reason: SystemCall.message(errno)) }
    }

    /// Writes `value` to the -o file, when one was given.
    func write<T: Encodable>(_ value: T) throws {
        guard let output else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var bytes = Array(try encoder.encode(value))
        bytes.append(UInt8(ascii: "\n"))
        try SecureFileWriter.replace(output, bytes: bytes, mode: 0o644, overwrite: force)
    }
}
