import ArgumentParser
import Certification
import Gate
import Qualification
import RandomnessCore

/// `rngcert verify`: checks a signed report offline.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a signed report: signer key, signature, data hash, optionally a full re-run.",
        discussion: """
            Prints one line per check. Exit status: 0 verified; 1 not verified (a check \
            failed: key, signature, data, rerun, verdict, gate, inclusion or chain); 2 \
            unreadable or malformed input.

            A qualification folder (`rngcert qualify`): the signer, the signature of \
            qualification.json and the SHA-256 and size of every data file and of the \
            configuration copy it records.

            Bytes from `rngcert serve`: --delivery FILE checks every byte of FILE against \
            the report's Merkle root with FILE.proof.json (or --proof). Several reports with \
            --chain: each is verified, and each must name the SHA-256 of the one before.

            Examples:
              rngcert verify key.bin.report.json --fingerprint HEX --delivery key.bin
              rngcert verify --chain --fingerprint HEX 000001/report.json 000002/report.json
              rngcert verify evidence --key lab.pub
            """
    )

    @Argument(help: ArgumentHelp("The report (report.json), or the directory that holds it; several with --chain, oldest first.", valueName: "report"))
    var reports: [String]

    /// The (first) report.
    var report: String { reports.first ?? "" }

    @Option(help: ArgumentHelp("Bytes served by `rngcert serve` (as written by `rngcert fetch`): check their Merkle inclusion in the report.", valueName: "file"))
    var delivery: String?

    @Option(help: ArgumentHelp("The delivery's proof (default: the --delivery file plus .proof.json).", valueName: "file"))
    var proof: String?

    @Flag(help: "The reports are consecutive gate buffer reports: verify each and the chain of SHA-256 links.")
    var chain = false

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
        if reports.isEmpty { throw ValidationError("give the report to verify") }
        if reports.count > 1 && !chain { throw ValidationError("several reports are verified as a chain: add --chain") }
        if chain && reports.count < 2 { throw ValidationError("--chain needs at least two reports") }
        if chain && (delivery != nil || data != nil || signature != nil) {
            throw ValidationError("--chain checks reports only (each with its .sig beside it): drop --delivery, --data and --signature")
        }
        if proof != nil && delivery == nil { throw ValidationError("--proof goes with --delivery FILE") }
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

    static func reportPath(_ report: String) -> String {
        FileBytes.isDirectory(report) ? (report.hasSuffix("/") ? report : report + "/") + ReportSigner.reportFileName : report
    }

    private func verify() throws {
        if chain { return try verifyChain() }
        let reportPath = Self.reportPath(report)
        if let qualification = try qualificationReportPath(reportPath) { return try verifyQualification(qualification) }
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
        if let delivery {
            let proofPath = proof ?? delivery + ".proof.json"
            let deliveryProof = try DeliveryProof.decode(try FileBytes.read(proofPath, limit: 16 << 20), path: proofPath)
            let bytes = try FileBytes.read(delivery, limit: 16 << 20)
            let outcome = try DeliveryVerifier.verify(report: input, bytes: bytes, proof: deliveryProof, verifier: verifier, bytesName: delivery)
            for check in outcome.checks { print(TerminalText.escaped(check.description)) }
            let failed = outcome.failures.map(\.name.rawValue)
            if outcome.isVerified && failed.isEmpty {
                print(TerminalText.escaped("verified: \(bytes.count) bytes of \(delivery) against \(reportPath)"))
                return
            }
            print(TerminalText.escaped("not verified: \(delivery) (\(failed.isEmpty ? "no signature check ran" : failed.joined(separator: ", ") + " check failed"))"))
            throw ExitCode(1)
        }
        let outcome = try verifier.verify(input) { check in print(TerminalText.escaped(check.description)) }
        print(TerminalText.escaped(outcome.summary))
        if !outcome.isVerified { throw ExitCode(1) }
    }

    /// The qualification report to verify, when `path` (or the folder it names) holds one.
    private func qualificationReportPath(_ path: String) throws -> String? {
        var candidate = path
        if FileBytes.isDirectory(report) { candidate = (report.hasSuffix("/") ? report : report + "/") + QualificationReport.fileName }
        guard FileBytes.isRegularFile(candidate),
              QualificationReport.isQualificationReport(try FileBytes.read(candidate, limit: 64 << 20)) else { return nil }
        return candidate
    }

    /// A qualification evidence folder: key, signature, and every file's SHA-256.
    private func verifyQualification(_ reportPath: String) throws {
        if delivery != nil || data != nil || rerun {
            throw ValidationError("a qualification report is checked with its evidence folder: drop --delivery, --data and --rerun")
        }
        let trusted = try key.map { path throws(KeyError) in
            ReportVerifier.TrustedKey(key: try VerificationKey(contentsOf: path), source: "--key \(path)")
        }
        let verifier = try QualificationVerifier(trustedKey: trusted, pinnedFingerprint: fingerprint)
        print(TerminalText.escaped("qualification report: \(reportPath)"))
        let outcome = try verifier.verify(reportPath: reportPath, signaturePath: signature) { print(TerminalText.escaped($0.description)) }
        print(TerminalText.escaped(outcome.summary))
        if !outcome.isVerified { throw ExitCode(1) }
    }

    /// Each report's key and signature, then the links between them.
    private func verifyChain() throws {
        let trusted = try key.map { path throws(KeyError) in
            ReportVerifier.TrustedKey(key: try VerificationKey(contentsOf: path), source: "--key \(path)")
        }
        let verifier = try ReportVerifier(trustedKey: trusted, pinnedFingerprint: fingerprint)
        var inputs: [SignedReportInput] = []
        var failed: [String] = []
        for report in reports {
            let input = try SignedReportInput.load(reportPath: Self.reportPath(report))
            let outcome = try verifier.verify(input)
            for check in outcome.checks { print(TerminalText.escaped("\(input.reportPath): \(check)")) }
            if !outcome.isVerified { failed.append(input.reportPath) }
            inputs.append(input)
        }
        let link = ChainVerifier.check(inputs)
        print(TerminalText.escaped(link.description))
        if !failed.isEmpty || link.status != .passed {
            let what = (failed.isEmpty ? [] : ["signature of \(failed.count) report(s)"]) + (link.status == .passed ? [] : ["chain"])
            print(TerminalText.escaped("not verified: \(what.joined(separator: ", ")) check failed"))
            throw ExitCode(1)
        }
        print(TerminalText.escaped("verified: a chain of \(inputs.count) reports"))
    }
}
