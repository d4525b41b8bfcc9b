/// How to check the report: `rngcert verify`, and the openssl commands of docs/signing.md
/// filled in with this report's fingerprint, input and digests.
public struct VerificationSection: Sendable, Equatable {
    /// One numbered step: what it shows, and the commands (one per line).
    public struct Step: Sendable, Equatable {
        public let title: String
        public let commands: String
        public let note: String
        /// What the last command must print, when it prints a value to compare.
        public let expected: String?

        init(title: String, commands: String, note: String, expected: String? = nil) {
            self.title = title
            self.commands = commands
            self.note = note
            self.expected = expected
        }
    }

    public let signed: Bool
    public let fingerprint: String?
    /// `rngcert verify …` command lines.
    public let rngcertCommands: String
    /// The auditor's steps with OpenSSL and coreutils only.
    public let steps: [Step]

    public init(report: Report, reportSHA256: String) {
        let input = quoted(report.input.path == "-" ? "INPUT" : report.input.path)
        let dataHash = report.command.parameters.byteLimit.map { "head -c \($0) \(input) | sha256sum" } ?? "sha256sum \(input)"
        let dataStep = Step(
            title: "Check the data",
            commands: dataHash,
            note: "The SHA-256 of the \(DisplayFormat.grouped(report.input.byteCount)) bytes tested"
                + (report.input.path == "-" ? " (the input was read from standard input: hash the captured file)" : "") + "; must print",
            expected: report.input.sha256)
        let jsonStep = Step(
            title: "Check that report.json is the one shown here",
            commands: "sha256sum report.json",
            note: "The SHA-256 of the JSON embedded in this page; must print",
            expected: reportSHA256)
        if let signer = report.signer {
            signed = true
            fingerprint = signer.fingerprint
            rngcertCommands = [
                "rngcert verify report.json --fingerprint \(signer.fingerprint)",
                "rngcert verify report.json --fingerprint \(signer.fingerprint) \\\n    --data \(input) --rerun",
            ].joined(separator: "\n")
            steps = [
                Step(title: "Get the signer's public key and check its fingerprint",
                     commands: [
                        "jq -r .signer.publicKey report.json | base64 -d | openssl pkey -pubin -inform DER -out signer.pub",
                        "openssl pkey -pubin -in signer.pub -outform DER | tail -c 32 | sha256sum",
                     ].joined(separator: "\n"),
                     note: "Or take signer.pub from the lab. The fingerprint must be the one the lab publishes; the last command must print",
                     expected: signer.fingerprint),
                Step(title: "Check the signature over the exact bytes of report.json",
                     commands: "openssl pkeyutl -verify -pubin -inkey signer.pub -rawin -in report.json -sigfile report.json.sig",
                     note: "Prints “Signature Verified Successfully”. Any changed byte in report.json or report.json.sig makes it fail."),
                jsonStep,
                dataStep,
            ]
        } else {
            signed = false
            fingerprint = nil
            rngcertCommands = "rngcert assess \(input) … --sign-key KEY.key    # sign the next report"
            steps = [jsonStep, dataStep]
        }
    }
}
