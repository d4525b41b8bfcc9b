import AssessmentEngine
import ArgumentParser
import Certification
import RandomnessCore
import SP80090B

/// `rngcert assess`: run the suites on one input and write the report.
struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the test suites on an input and write a report.",
        discussion: """
        Writes report.json (and, with --sign-key, report.json.sig) into --out; with \
        --history DB, also records the report in that history (`rngcert history`). \
        Exit code 0 when every suite passes, 1 when one fails, 2 on bad usage or input.

        With --shard I/N, assesses only shard I of N of a regular file and writes a partial \
        result into --out (partial.json, not a report; exit 0 when written): `rngcert merge` \
        of all N parts writes the report a single run would (docs/shards.md).

        Example:
          rngcert assess capture.bin --suite ent --suite sp800-22 --out reports/capture
          rngcert assess big.bin --shard 2/8 --out parts/part-2
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("suite"), help: SuiteSelection.help)
    var suites: [String] = []

    @Option(help: ArgumentHelp("Directory for the report.", valueName: "dir"))
    var out = "rngcert-report"

    @Flag(help: "Overwrite an existing report in --out.")
    var force = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Worker threads, 1…1024 (default: all cores). Results do not depend on it.", valueName: "n"))
    var jobs: Int?

    @OptionGroup(title: "SP 800-22 options")
    var sp80022: SP80022Options

    @OptionGroup(title: "SP 800-90B options")
    var sp80090b: SP80090BOptions

    @Flag(help: "No progress line on standard error (there is none when it is not a terminal).")
    var quiet = false

    @Option(name: .customLong("sign-key"), help: ArgumentHelp("Ed25519 private key (PKCS#8 PEM, from `rngcert keygen`) to sign the report with.", valueName: "file"))
    var signKey: String?

    @OptionGroup(title: "History")
    var history: HistoryOptions

    @Option(help: ArgumentHelp("Assess only shard I of N (1-based) of a regular raw input and write a partial result into --out.", valueName: "I/N"))
    var shard: String?

    func validate() throws {
        if sp80090b.restartData != nil, try !selectedSuites().contains(.sp80090b) {
            throw ValidationError("--restart-data: the restart tests are part of the SP 800-90B suite; select it (--suite sp800-90b)")
        }
        _ = try selectedSuites()
        try OptionChecks.jobs(jobs)
        if let shard {
            _ = try OptionChecks.rethrow { try ShardSelection(parsing: shard) }
            if signKey != nil { throw ValidationError("--sign-key: a partial result is not signed; sign the merged report (rngcert merge --sign-key)") }
            if history.database != nil { throw ValidationError("--history: a partial result is not a report; record the merged report (rngcert merge --history)") }
        }
    }

    /// The suites named by --suite, in canonical order; all when none is named.
    func selectedSuites() throws -> [SuiteID] { try SuiteSelection.suites(suites) }

    func parameters() throws -> AssessmentParameters {
        AssessmentParameters(
            suites: try selectedSuites(), decoding: input.decoding, byteLimit: input.byteLimit,
            sp80022: try sp80022.parameters(), sp80090b: try sp80090b.parametersWithRestartData(), sp80090bWindow: try sp80090b.window())
    }

    func run() throws {
        if let shard { return try runShard(try ShardSelection(parsing: shard)) }
        let signer = try signKey.map { try ReportSigner(key: SigningKey(contentsOf: $0)) }
        // Refuse an existing report before spending the run (checked again when writing).
        if !force { try ReportOutput.refuseExistingReport(in: out) }
        let parameters = try parameters()
        let display = AssessmentProgressDisplay(quiet: quiet)
        defer { display.finish() }
        let written = try SP80090BOptions.namingOptions {
            try DirectoryAssessment.run(
                source: input.source, parameters: parameters, into: out, signer: signer, overwrite: force,
                jobs: jobs ?? Parallel.defaultJobs, arguments: Array(CommandLine.arguments.dropFirst()), tool: ToolVersion.identity,
                onProgress: { display.show($0) },
                onWarning: { display.finish(); RNGCert.writeError("rngcert: warning: \($0)") })
        }
        display.finish()
        print(AssessmentSummary.text(for: written.report, files: written.files))
        try history.record([(written.report, written.files.report)])
        if written.report.verdict == .fail { throw ExitCode(1) }
    }

    /// `--shard I/N`: the partial result of one shard.
    private func runShard(_ shard: ShardSelection) throws {
        let parameters = try parameters()
        let display = AssessmentProgressDisplay(quiet: quiet)
        defer { display.finish() }
        let result = try SP80090BOptions.namingOptions {
            try ShardAssessment.run(
                path: input.input, parameters: parameters, shard: shard.index, of: shard.count, into: out, overwrite: force,
                jobs: jobs ?? Parallel.defaultJobs, arguments: Array(CommandLine.arguments.dropFirst()), tool: ToolVersion.identity,
                onProgress: { display.show($0) },
                onWarning: { display.finish(); RNGCert.writeError("rngcert: warning: \($0)") })
        }
        display.finish()
        let ranges = result.shard.ranges
        print("shard \(ranges.index)/\(ranges.count) of \(TerminalText.escaped(result.input.path)): bytes \(ranges.bytes.lowerBound)..<\(ranges.bytes.upperBound)"
            + (parameters.sp80022 == nil ? "" : ", SP 800-22 streams \(ranges.streams.lowerBound)..<\(ranges.streams.upperBound)")
            + (ranges.index == 1 ? (parameters.sp80090b == nil ? ", SHA-256 of the whole input" : ", SHA-256 and SP 800-90B over the whole input") : ""))
        print("partial result: \(TerminalText.escaped(PartialFiles(directory: out).result)) (not a report: merge every shard with `rngcert merge`)")
    }
}
