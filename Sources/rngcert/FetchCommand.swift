import ArgumentParser
import Certification
import Foundation
import Gate
import RandomnessCore

/// `rngcert fetch`: the gate's client. Gets N bytes with their proof and the buffer's
/// signed report, verifies everything offline, and only then writes the files.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch certified bytes from `rngcert serve` and verify them offline before writing them.",
        discussion: """
        Writes --out (the bytes), OUT.proof.json (buffer, leaf range, Merkle proof), \
        OUT.report.json and OUT.report.json.sig (the buffer's signed report) — only after \
        checking the signer's fingerprint, the signature, the verdict, the report's gate \
        record and the Merkle inclusion of every byte. The same check runs later with \
        `rngcert verify OUT.report.json --fingerprint HEX --delivery OUT`.

        Exit codes: 0 fetched and verified; 1 a check failed (nothing written); 2 bad usage, \
        or the gate refused or could not be reached (401, 429, 503: the message says which).

        Example:
          rngcert fetch https://gate.example:8443 --bytes 32 --out key.bin \\
              --fingerprint 3f2a… --api-key-file my.key --ca-cert ca.pem
        """
    )

    @Argument(help: ArgumentHelp("The gate's base URL, e.g. http://127.0.0.1:8080.", valueName: "url"))
    var url: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Bytes to fetch, 1…\(Dispenser.maxRequestBytes).", valueName: "n"))
    var bytes: Int

    @Option(help: ArgumentHelp("File for the bytes; the proof and report go beside it.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("The gate's signing key fingerprint (64 hex digits), obtained out of band.", valueName: "hex"))
    var fingerprint: String

    @Option(name: .customLong("api-key-file"), help: ArgumentHelp("File holding the API key (its first line).", valueName: "file"))
    var apiKeyFile: String?

    @Option(name: .customLong("ca-cert"), help: ArgumentHelp("PEM certificate(s) to trust for https:// (default: the system's).", valueName: "file"))
    var caCert: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Longest wait in seconds for each request, connection and TLS handshake included, 1…3600 (default 30).", valueName: "seconds"))
    var timeout = 30

    @Flag(help: "Replace existing output files.")
    var force = false

    func validate() throws {
        guard (1...Dispenser.maxRequestBytes).contains(bytes) else {
            throw ValidationError("--bytes \(bytes): must be 1…\(Dispenser.maxRequestBytes)")
        }
        if KeyFingerprint.normalize(fingerprint) == nil {
            throw ValidationError("--fingerprint must be 64 hex digits (SHA-256 of the raw public key), got '\(fingerprint)'")
        }
        if out.isEmpty || out.hasSuffix("/") { throw ValidationError("--out needs a file name") }
        guard (1...3600).contains(timeout) else { throw ValidationError("--timeout \(timeout): must be 1…3600 seconds") }
    }

    static func files(for out: String) -> (proof: String, report: String, signature: String) {
        (out + ".proof.json", out + ".report.json", out + ".report.json.sig")
    }

    func run() throws {
        let files = Self.files(for: out)
        if !force {
            for path in [out, files.proof, files.report, files.signature] where FileBytes.exists(path) {
                throw FileWriteError.exists(path: path)
            }
        }
        let apiKey = try apiKeyFile.map { path -> String in
            let text = String(decoding: try FileBytes.read(path, limit: 1 << 16), as: UTF8.self)
            return String(text.split(whereSeparator: \.isNewline).first ?? "").trimmingCharacters(in: .whitespaces)
        }
        let client = try GateClient(baseURL: url, apiKey: apiKey, caCertificate: caCert, timeoutSeconds: Int64(timeout))
        let count = bytes
        let delivery = try AsyncBridge.run { try await client.fetch(byteCount: count) }
        let report = try SignedReportInput(reportBytes: delivery.reportBytes, reportPath: delivery.reportURL,
                                           signature: delivery.signature, signaturePath: delivery.reportURL + ".sig")
        let verifier = try ReportVerifier(pinnedFingerprint: fingerprint)
        let outcome = try DeliveryVerifier.verify(report: report, bytes: delivery.bytes, proof: delivery.proof,
                                                  verifier: verifier, bytesName: "the \(delivery.bytes.count) bytes received")
        for check in outcome.checks { print(TerminalText.escaped(check.description)) }
        guard outcome.isVerified, !outcome.checks.contains(where: { $0.status == .failed }) else {
            print(TerminalText.escaped("not verified: \(outcome.failures.map(\.name.rawValue).joined(separator: ", ")) check failed; nothing written"))
            throw ExitCode(1)
        }
        try SecureFileWriter.replace(files.report, bytes: delivery.reportBytes, mode: 0o644, overwrite: force)
        try SecureFileWriter.replace(files.signature, bytes: delivery.signature, mode: 0o644, overwrite: force)
        try SecureFileWriter.replace(files.proof, bytes: try delivery.proof.encoded(), mode: 0o644, overwrite: force)
        try SecureFileWriter.replace(out, bytes: delivery.bytes, mode: 0o600, overwrite: force)
        print("fetched and verified: \(delivery.bytes.count) bytes from buffer \(delivery.proof.bufferID) (leaves \(delivery.proof.firstLeaf)-\(delivery.proof.endLeaf))")
        print("bytes: \(out)")
        print("proof: \(files.proof)")
        print("report: \(files.report)")
    }
}
