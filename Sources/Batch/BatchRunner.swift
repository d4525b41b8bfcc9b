import AssessmentEngine
import Certification
import Foundation
import RandomnessCore

/// What a batch is asked to do.
public struct BatchOptions: Sendable {
    public var parameters: AssessmentParameters
    public var device: String?
    /// The batch's directory: one report directory per input, summary.json, junit.xml, index.html.
    public var out: String
    public var signer: ReportSigner?
    /// Inputs assessed at once, and worker threads in all (results do not depend on it).
    public var jobs: Int
    public var resume: Bool
    public var force: Bool
    /// Recorded in each report as its command line.
    public var arguments: [String]
    public var tool: ToolIdentity

    public init(parameters: AssessmentParameters, device: String?, out: String, signer: ReportSigner?, jobs: Int,
                resume: Bool, force: Bool, arguments: [String], tool: ToolIdentity) {
        self.parameters = parameters
        self.device = device
        self.out = out
        self.signer = signer
        self.jobs = jobs
        self.resume = resume
        self.force = force
        self.arguments = arguments
        self.tool = tool
    }
}

/// A finished batch: its summary, and the reports assessed in this run (for the history).
public struct BatchResult: Sendable {
    public let summary: BatchSummary
    /// The reports written by this run, in input order, with their report.json paths.
    public let assessed: [(report: Report, path: String)]
    public let files: BatchFiles
}

/// The batch's own files in --out.
public struct BatchFiles: Sendable, Equatable {
    public let summary: String
    public let junit: String
    public let index: String

    public init(directory: String) {
        let base = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        summary = base + "/summary.json"
        junit = base + "/junit.xml"
        index = base + "/index.html"
    }

    public var all: [String] { [summary, junit, index] }
}

/// Runs a batch: each input through `DirectoryAssessment` (exactly what `assess` writes) into
/// its own directory, up to `jobs` inputs at once, then summary.json, junit.xml and index.html.
///
/// An input that cannot be read or assessed becomes an error entry and the batch goes on.
/// Without --force or --resume, any existing file the batch would write is refused before
/// anything runs. With --resume an input whose report.json records the same SHA-256 and the
/// same parameters is not assessed again; a report for other bytes or parameters is replaced
/// only with --force (else that input is an error entry).
public enum BatchRunner {
    public static func run(inputs: [String], options: BatchOptions) throws -> BatchResult {
        let names = BatchInputs.directoryNames(for: inputs)
        let files = BatchFiles(directory: options.out)
        let base = files.summary.dropLast("/summary.json".count)
        let directories = names.map { base + "/" + $0 }
        if !options.force && !options.resume {
            for path in files.all + directories.flatMap({ ReportFiles(directory: $0).all }) where FileBytes.exists(path) {
                throw BatchError.outputExists(path: path)
            }
        }
        try ReportOutput.prepare(directory: String(base))
        let startedAt = Timestamp.now()
        let concurrent = max(1, min(options.jobs, inputs.count))
        let innerJobs = max(1, options.jobs / concurrent)
        let outcomes: [(entry: BatchEntry, assessed: Report?)] = Parallel.map(count: inputs.count, jobs: concurrent) { index in
            assessOne(inputs[index], directory: directories[index], name: names[index], options: options, jobs: innerJobs)
        }
        let summary = BatchSummary(tool: options.tool, device: options.device, startedAt: startedAt,
                                   finishedAt: Timestamp.now(), parameters: options.parameters, entries: outcomes.map(\.entry))
        try SecureFileWriter.replace(files.summary, bytes: try summary.encoded(), mode: 0o644, overwrite: true)
        try SecureFileWriter.replace(files.junit, bytes: Array(JUnitReport.xml(summary: summary, reports: outcomes.map { $0.assessed ?? nil }, out: options.out).utf8),
                                     mode: 0o644, overwrite: true)
        try SecureFileWriter.replace(files.index, bytes: Array(BatchIndexPage.html(summary: summary).utf8), mode: 0o644, overwrite: true)
        let assessed = outcomes.enumerated().compactMap { index, outcome in
            outcome.entry.status == .assessed ? outcome.assessed.map { ($0, ReportFiles(directory: directories[index]).report) } : nil
        }
        return BatchResult(summary: summary, assessed: assessed, files: files)
    }

    /// One input: resumed, assessed, or an error entry. The report is returned for every
    /// entry that has one (JUnit needs it); `BatchResult.assessed` keeps the new ones.
    static func assessOne(_ input: String, directory: String, name: String, options: BatchOptions, jobs: Int) -> (entry: BatchEntry, assessed: Report?) {
        let report = ReportFiles(directory: directory).report
        var overwrite = options.force
        do {
            if options.resume, FileBytes.exists(report) {
                let existing = try ReportCoding.decode(try FileBytes.read(report), path: report)
                if existing.command.parameters == options.parameters,
                   try sha256(of: input, byteLimit: options.parameters.byteLimit) == existing.input.sha256 {
                    return (BatchEntry(input: input, directory: name, status: .resumed, report: existing), existing)
                }
                guard options.force else {
                    return (BatchEntry(input: input, directory: name, status: .error, error:
                        "\(report) is a report of other bytes or parameters (use --force to replace it)"), nil)
                }
            }
            if options.resume { overwrite = true }
            let written = try DirectoryAssessment.run(
                source: InputSource(path: input), parameters: options.parameters, into: directory, signer: options.signer,
                overwrite: overwrite, jobs: jobs, arguments: options.arguments, tool: options.tool)
            return (BatchEntry(input: input, directory: name, status: .assessed, report: written.report), written.report)
        } catch {
            let message = "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
            return (BatchEntry(input: input, directory: name, status: .error, error: message), nil)
        }
    }

    /// SHA-256 of the bytes an assessment of `path` would read.
    static func sha256(of path: String, byteLimit: Int?) throws -> String {
        var digest = SHA256Digest()
        try InputSource(path: path).forEachChunk(byteLimit: byteLimit) { digest.update($0) }
        return digest.hex()
    }
}
