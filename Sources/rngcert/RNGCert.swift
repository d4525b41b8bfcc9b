import ArgumentParser
import RandomnessCore
#if canImport(Glibc)
import Glibc
#endif

/// The `rngcert` command: tests and certifies random number generators.
///
/// Exit codes: 0 pass / verified, 1 a test or a verification failed, 2 bad usage or
/// unreadable input (argument errors included; ArgumentParser's own 64 becomes 2).
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
        if code == .validationFailure {
            writeError(message)  // ArgumentParser's own message with the usage line
        } else {
            writeError("rngcert: error: \(String(describing: error))")
        }
        return 2
    }

    static func writeError(_ text: String) {
        guard !text.isEmpty else { return }
        let line = text.hasSuffix("\n") ? text : text + "\n"
        _ = line.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
    }
}
