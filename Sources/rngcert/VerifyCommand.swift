import ArgumentParser
import Certification
import RandomnessCore

/// `rngcert verify`: checks a signed report offline.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a signed report: signer key, signature, data hash, optionally a full re-run.",
        discussion: """
            Prints one line per check. Exit status: 0 verified; 1 not verified (a check \
            failed: key, signature, data or rerun); 2 unreadable or malformed input.
            """
    )

    @Argument(help: ArgumentHelp("The report (report.json), or the directory that holds it.", valueName: "report"))
    var report: String

    @Option(help: ArgumentHelp("The signer's public key (PEM); it must be the key the report names.", valueName: "NAME.pub"))
    var key: String?

    @Option(help: ArgumentHelp("The signer key's fingerprint (SHA-256 of the raw public key, hex); pins the key embedded in the report.", valueName: "hex"))
    var fingerprint: String?

    @Option(help: ArgumentHelp("The detached signature (default: the report's path plus .sig).", valueName: "file"))
    var signature: String?

    @Option(help: ArgumentHelp("The data file: check that its SHA-256 (first byteLimit bytes if one was recorded) is the report's.", valueName: "file"))
    var data: String?

    @Flag(help: "Re-run every suite with the recorded parameters and seeds on --data and compare every result.")
    var rerun = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Relative tolerance for numbers in the --rerun comparison; 0 means exact.", valueName: "x"))
    var tolerance: Double = 0

    func validate() throws {
        if key == nil && fingerprint == nil {
            throw ValidationError("give --key NAME.pub or --fingerprint HEX: a report checked only against the key inside it proves nothing")
        }
        if let fingerprint, KeyFingerprint.normalize(fingerprint) == nil {
            throw ValidationError("--fingerprint must be 64 hex digits (SHA-256 of the raw public key), got '\(fingerprint)'")
        }
        if rerun && data == nil { throw ValidationError("--rerun needs the data file: give --data FILE") }
        if !(tolerance >= 0 && tolerance < 1) { throw ValidationError("--tolerance must be in [0, 1), got \(tolerance)") }
    }

    func run() throws {
        // Every line quotes the report's fields or file names: escape them all (a crafted
        // value must not drive the terminal or print a forged line).
        do {
            try verify()
        } catch let code as ExitCode {
            throw code
        } catch {
            throw TerminalText.EscapedError(error)
        }
    }

    private func verify() throws {
        let reportPath = FileBytes.isDirectory(report)
            ? (report.hasSuffix("/") ? report : report + "/") + ReportSigner.reportFileName
            : report
        let input = try SignedReportInput.load(reportPath: reportPath, signaturePath: signature)
        let trusted = try key.map { path throws(KeyError) in
            ReportVerifier.TrustedKey(key: try VerificationKey(contentsOf: path), source: "--key \(path)")
        }
        let runner: ReportRerun? = rerun ? AssessmentRerun.runner : nil
        let verifier = try ReportVerifier(
            trustedKey: trusted, pinnedFingerprint: fingerprint, dataPath: data, rerun: runner, tolerance: tolerance)
        let recorded = input.report
        print(TerminalText.escaped(
            "report: \(reportPath) (schema \(recorded.schemaVersion), \(recorded.tool.name) \(recorded.tool.version), verdict \(recorded.verdict.rawValue))"))
        let outcome = try verifier.verify(input) { check in print(TerminalText.escaped(check.description)) }
        print(TerminalText.escaped(outcome.summary))
        if !outcome.isVerified { throw ExitCode(1) }
    }
}
