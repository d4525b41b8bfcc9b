import ArgumentParser
import Capture
import Certification
import Foundation
import Qualification
import RandomnessCore
#if canImport(Glibc)
import Glibc
#endif

/// `rngcert qualify`: one configuration file to a signed SP 800-90B evidence folder.
struct QualifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qualify",
        abstract: "Qualify a noise source (SP 800-90B): collect, assess and sign the whole evidence package from one file.",
        discussion: """
            CONFIG (qualification.yaml, see docs/qualification.md) names the device, the raw \
            noise and the restart dataset (existing files, or a capture source to collect from, \
            with a command run before each of the 1,000 restarts), the claim, the conditioning \
            chain and the health tests' alpha. The run collects what is missing into \
            DIR/data (a collection that died goes on where it stopped when run again), runs \
            both tracks, the restart tests, the conditioning and the health-test cutoffs, and \
            writes DIR/qualification.json, its signature and qualification.html, with \
            SHA256SUMS, registration.json and reference-commands.sh.

            Exit status: 0 the claims are supported; 1 they are not (the report says which \
            step failed and why); 2 bad configuration, unreadable data or a collection error.

            Example:
              rngcert qualify qualification.yaml --out evidence --sign-key lab.key
            """
    )

    @Argument(help: ArgumentHelp("The qualification file (YAML).", valueName: "config"))
    var config: String

    @Option(help: ArgumentHelp("The evidence folder (created; a folder holding a finished qualification is refused).", valueName: "dir"))
    var out: String

    @Option(name: .customLong("sign-key"), help: ArgumentHelp("Ed25519 private key (PKCS#8 PEM, from `rngcert keygen`) to sign the report with.", valueName: "file"))
    var signKey: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Worker threads, 1…1024 (default: all cores). Results do not depend on it.", valueName: "n"))
    var jobs: Int?

    @Flag(help: "No progress on standard error.")
    var quiet = false

    func validate() throws {
        try OptionChecks.jobs(jobs)
    }

    func run() throws {
        let configuration = try QualificationConfigParser.load(path: config)
        let configurationBytes = try FileBytes.read(config, limit: QualificationConfigParser.maximumFileSize)
        let signer = try ReportSigner(key: SigningKey(contentsOf: signKey))
        let run = QualificationRun(
            config: configuration, configurationPath: config, configurationBytes: configurationBytes, directory: out,
            signer: signer, tool: ToolVersion.identity, arguments: Array(CommandLine.arguments.dropFirst()),
            jobs: jobs ?? Parallel.defaultJobs)
        let progress = QualifyProgress(enabled: !quiet)
        let report = try run.run(stop: StopSignal()) { progress.show($0) }
        progress.finish()
        for step in report.assessment.steps {
            let mark = step.decision == .pass ? "✓" : "✗"
            print(TerminalText.escaped("\(mark) \(step.title) (\(step.section)): \(step.reason)"))
        }
        print(TerminalText.escaped("verdict: \(report.verdict.rawValue) — evidence in \(out) (\(QualificationReport.fileName), signed by \(signer.key.publicKey.fingerprint))"))
        if report.verdict != .pass { throw ExitCode(1) }
    }
}

/// Progress of a qualification on standard error: stage lines, and the restart count on one
/// rewritten line on a terminal (a line every 100 restarts otherwise).
final class QualifyProgress: @unchecked Sendable {
    let enabled: Bool
    let terminal = isatty(2) == 1
    private var open = false
    private let lock = NSLock()

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ event: QualificationEvent) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        switch event {
        case let .stage(text):
            line(TerminalText.escaped(text))
        case let .noiseProgress(p):
            if terminal { redraw("noise: \(GroupedNumber.text(p.bytes)) samples") }
        case let .restartCollected(done, total, _):
            let width = 30, filled = done * width / total
            if terminal {
                redraw("restart \(done)/\(total) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]")
            } else if done % 100 == 0 || done == total {
                line("restart \(done)/\(total)")
            }
        }
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if open { FileHandle.standardError.write(Data("\n".utf8)); open = false }
    }

    private func line(_ text: String) {
        FileHandle.standardError.write(Data(((open ? "\n" : "") + "qualify: " + text + "\n").utf8))
        open = false
    }

    private func redraw(_ text: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
        open = true
    }
}
