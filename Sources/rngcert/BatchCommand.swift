import ArgumentParser
import AssessmentEngine
import Batch
import Certification
import RandomnessCore
import SP80090B

/// `rngcert batch`: assess many inputs, one report directory each, plus summary.json,
/// junit.xml and index.html.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Assess many inputs: one report each, a summary, a JUnit file and an index page.",
        discussion: """
        Each input (a file, a directory's files, or a glob) gets DIR/NAME/ with exactly what \
        `assess` writes; DIR gets summary.json, junit.xml (one testsuite per input) and \
        index.html. An input that cannot be read is an error entry; the batch goes on. \
        Exit code: the worst entry's (0 pass, 1 a test failed, 2 an input could not be read).

        Example (nightly):
          rngcert batch /data/nightly/*.bin --device hwrng-7 --out reports/2026-12-05 \\
            --sign-key lab.key --history history.sqlite
        """
    )

    @Argument(help: "Input files, directories or glob patterns.")
    var inputs: [String] = []

    @Option(help: ArgumentHelp("File listing inputs, one per line ('#' starts a comment).", valueName: "file"))
    var list: String?

    @Option(help: ArgumentHelp("Directory for the batch.", valueName: "dir"))
    var out: String

    @Flag(help: "Overwrite existing reports and batch files in --out.")
    var force = false

    @Flag(help: "Keep the reports already in --out for the same bytes (SHA-256) and parameters; assess the rest.")
    var resume = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Worker threads, 1…1024 (default: all cores), shared between inputs assessed at once. Results do not depend on it.", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("suite"), help: SuiteSelection.help)
    var suites: [String] = []

    @OptionGroup(title: "Input decoding")
    var decoding: DecodingArguments

    @OptionGroup(title: "SP 800-22 options")
    var sp80022: SP80022Options

    @OptionGroup(title: "SP 800-90B options")
    var sp80090b: SP80090BOptions

    @Option(name: .customLong("sign-key"), help: ArgumentHelp("Ed25519 private key (PKCS#8 PEM) to sign every report with.", valueName: "file"))
    var signKey: String?

    @OptionGroup(title: "History")
    var history: HistoryOptions

    @Flag(help: "No per-input lines on standard output.")
    var quiet = false

    func validate() throws {
        _ = try SuiteSelection.suites(suites)
        try OptionChecks.jobs(jobs)
        if inputs.isEmpty && list == nil { throw ValidationError("give at least one input, or --list FILE") }
    }

    func run() throws {
        let signer = try signKey.map { try ReportSigner(key: SigningKey(contentsOf: $0)) }
        let parameters = AssessmentParameters(
            suites: try SuiteSelection.suites(suites), decoding: decoding.decoding, byteLimit: decoding.byteLimit,
            sp80022: try sp80022.parameters(), sp80090b: try sp80090b.parametersWithRestartData(), sp80090bWindow: try sp80090b.window())
        let expanded = try BatchInputs.expand(inputs, list: list)
        let options = BatchOptions(
            parameters: parameters, device: history.device, out: out, signer: signer, jobs: jobs ?? Parallel.defaultJobs,
            resume: resume, force: force, arguments: Array(CommandLine.arguments.dropFirst()), tool: ToolVersion.identity)
        let result = try BatchRunner.run(inputs: expanded, options: options)
        if !quiet { print(BatchSummaryText.text(result.summary, files: result.files)) }
        // Inputs that could not be assessed: one line each on standard error, even --quiet.
        for entry in result.summary.entries {
            if let error = entry.error { RNGCert.writeError("rngcert: error: " + TerminalText.escaped(error)) }
        }
        try history.record(result.assessed)
        if result.summary.exitCode != 0 { throw ExitCode(Int32(result.summary.exitCode)) }
    }
}
