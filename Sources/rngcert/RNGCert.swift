import ArgumentParser
import Foundation
import RandomnessCore
#if canImport(Glibc)
import Glibc
#endif

/// The `rngcert` command: tests and certifies random number generators.
///
/// Exit codes: 0 pass / verified, 1 a test or a verification failed, 2 bad usage or
/// unreadable input (argument errors included; ArgumentParser's own 64 becomes 2). Every
/// error is one line on standard error, "rngcert: error: …", naming the option at fault.
@main
struct RNGCert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rngcert",
        abstract: "Test and certify random number generators (NIST SP 800-22, SP 800-90B, ENT).",
        version: ToolVersion.version,
        subcommands: [Assess.self, CaptureCommand.self, SimulateCommand.self, EntCommand.self, EntropyCommand.self, Keygen.self, Verify.self, Render.self]
    )

    static func main() {
        MemoryTuning.fixMmapThreshold()
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            Glibc.exit(handle(error))
        }
    }

    /// Prints the message for `error` and returns the process exit code.
    static func handle(_ error: any Error) -> Int32 {
        if let exit = error as? ExitCode { return exit.rawValue }
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            return 0
        }
        // One line on standard error, whatever the error: ArgumentParser's own message
        // without its usage lines, or the typed error's description.
        let text = code == .validationFailure ? self.message(for: error) : String(describing: error)
        writeError("rngcert: error: " + oneLine(text))
        return 2
    }

    /// `text` with its line breaks and surrounding blanks folded into single spaces.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    static func writeError(_ text: String) {
        guard !text.isEmpty else { return }
        let line = text.hasSuffix("\n") ? text : text + "\n"
        _ = line.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
    }
}
