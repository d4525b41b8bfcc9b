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
        subcommands: [Assess.self, Merge.self, BatchCommand.self, HistoryCommand.self, CaptureCommand.self, SimulateCommand.self, EntCommand.self, EntropyCommand.self, Keygen.self, Verify.self, Render.self, ServeCommand.self, FetchCommand.self, QualifyCommand.self]
    )

    static func main() {
        MemoryTuning.fixMmapThreshold()
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            // An interrupted command leaves no temporary file; capture publishes what it
            // has instead, and serve drains its requests (their own signal handling).
            if !(command is CaptureCommand || command is ServeCommand) { InterruptCleanup.install() }
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
        // without its usage lines (its line breaks folded), or the typed error's description.
        // Every control character left (a file name's newline or escape sequence, a report's
        // field) is printed as a visible escape, so the line shows exactly what it quotes.
        var text = code == .validationFailure ? self.message(for: error) : String(describing: error)
        if code == .validationFailure, let positional = negativePositional(in: Array(CommandLine.arguments.dropFirst()), message: text) {
            text = positional
        }
        let line = code == .validationFailure ? oneLine(text) : text.trimmingCharacters(in: .whitespacesAndNewlines)
        writeError("rngcert: error: " + TerminalText.escaped(line))
        return 2
    }

    /// ArgumentParser reads a positional argument such as `-1` or `-inf` as an option (and
    /// `-inf` as the flags -i -n -f); the message it gives then names no argument. Every
    /// numeric positional argument of rngcert must be positive, so say that instead.
    static func negativePositional(in arguments: [String], message: String) -> String? {
        guard message.hasPrefix("Unknown option") || message.contains("had already been set with flag") else { return nil }
        func isNegativeNumber(_ t: String) -> Bool {
            t.count > 1 && t.hasPrefix("-") && (Double(t) != nil || ["-inf", "-infinity", "-nan"].contains(t.lowercased()))
        }
        guard let token = arguments.first(where: isNegativeNumber) else { return nil }
        let ranges: String
        if arguments.contains("conditioning") {
            ranges = "n_in, n_out and nw must be integers in [1, \(UInt32.max)], h_in and h' positive numbers"
        } else if arguments.contains("restart") {
            ranges = "bits_per_symbol must be 1…8 and H_I a number with 0 ≤ H_I ≤ bits_per_symbol"
        } else if arguments.contains("non-iid") || arguments.contains("iid") {
            ranges = "bits_per_symbol must be an integer between 1 and 8"
        } else {
            ranges = "no argument of this command takes a negative number"
        }
        return "'\(token)': out of range: \(ranges)"
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
