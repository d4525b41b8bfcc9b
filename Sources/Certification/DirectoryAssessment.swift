import AssessmentEngine
import RandomnessCore

/// One input assessed into one report directory: what `rngcert assess` does, and what
/// `rngcert batch` does for each of its inputs, so both write exactly the same files.
///
/// Refuses an existing report before the suites run (unless `overwrite`), creates the
/// directory, streams the SP 800-22 per-stream table into it, runs `Assessment.run` and
/// writes report.json, its signature (with a signer) and report.html (`ReportOutput.write`).
public enum DirectoryAssessment {
    public static func run(
        source: InputSource, parameters: AssessmentParameters, into directory: String,
        signer: ReportSigner?, overwrite: Bool, jobs: Int, arguments: [String], tool: ToolIdentity,
        onProgress: ((AssessmentProgress) -> Void)? = nil, onWarning: (String) -> Void = { _ in }
    ) throws -> WrittenReport {
        if !overwrite { try ReportOutput.refuseExistingReport(in: directory) }
        try ReportOutput.prepare(directory: directory)
        let table = parameters.sp80022 == nil ? nil
            : try AtomicFileStream(path: ReportFiles(directory: directory).streamTable, overwrite: overwrite)
        let report = try Assessment.run(
            source: source, parameters: parameters, jobs: jobs, arguments: arguments, tool: tool,
            streamTable: table.map { .file($0) } ?? .none, onProgress: onProgress, onWarning: onWarning)
        return try ReportOutput.write(report, into: directory, signer: signer, overwrite: overwrite, streamTable: table)
    }
}
