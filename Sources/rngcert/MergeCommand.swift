import ArgumentParser
import Certification
import RandomnessCore

/// `rngcert merge`: every shard's partial result into one report.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the partial results of `assess --shard I/N` into one report.",
        discussion: """
        Checks that the parts come from this rngcert, the same input and parameters, and \
        that every shard is there once; then writes report.json (signed with --sign-key), \
        report.html and the per-stream table into --out: the report a single `assess` of \
        the whole input writes, but for its times, host and arguments (docs/shards.md). \
        With --data, the input is read once more and must be the bytes the shards read. \
        Exit code 0 when every suite passes, 1 when one fails, 2 on bad usage or parts \
        that do not belong together.

        Example:
          rngcert merge parts/part-* --out reports/big --sign-key lab.key --data big.bin
        """
    )

    @Argument(help: ArgumentHelp("Partial-result directories, one per shard, in any order.", valueName: "part"))
    var parts: [String]

    @Option(help: ArgumentHelp("Directory for the report.", valueName: "dir"))
    var out: String

    @Flag(help: "Overwrite an existing report in --out.")
    var force = false

    @Option(name: .customLong("sign-key"), help: ArgumentHelp("Ed25519 private key (PKCS#8 PEM, from `rngcert keygen`) to sign the report with.", valueName: "file"))
    var signKey: String?

    @Option(help: ArgumentHelp("The input file: check that its SHA-256 and each shard's byte range are what the shards read.", valueName: "file"))
    var data: String?

    @OptionGroup(title: "History")
    var history: HistoryOptions

    func validate() throws {
        if out.isEmpty { throw ValidationError("--out: must not be empty") }
        if parts.isEmpty { throw ValidationError("Missing expected argument '<part> ...'") }
    }

    func run() throws {
        let signer = try signKey.map { try ReportSigner(key: SigningKey(contentsOf: $0)) }
        if !force { try ReportOutput.refuseExistingReport(in: out) }
        let written = try MergedAssessment.run(
            parts: parts, into: out, signer: signer, overwrite: force, dataPath: data,
            arguments: Array(CommandLine.arguments.dropFirst()), tool: ToolVersion.identity)
        if let data { print("data: \(TerminalText.escaped(data)) is the input every shard read (SHA-256 and byte ranges)") }
        print(AssessmentSummary.text(for: written.report, files: written.files))
        try history.record([(written.report, written.files.report)])
        if written.report.verdict == .fail { throw ExitCode(1) }
    }
}
