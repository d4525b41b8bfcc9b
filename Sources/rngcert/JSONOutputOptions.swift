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

    /// Refuses an existing output file before the work starts (checked again when writing).
    func checkWritable() throws {
        if let output, !force, FileBytes.exists(output) { throw FileWriteError.exists(path: output) }
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
