import AssessmentEngine
import Capture
import ENT
import RandomnessCore
import SP80022
import SP80090B

/// Runs the chosen suites on one input and assembles the report.
///
/// The suites are pure; this is where bytes are read, hashed and decoded, in one streaming
/// pass (`AssessmentPass`) with memory bounded by the work in flight, whatever the input's
/// size: SHA-256, ENT and the health tests as bytes arrive, SP 800-22 stream by stream,
/// SP 800-90B's estimators on their window.
public enum Assessment {
    /// Where the full SP 800-22 per-stream table goes.
    public enum StreamTableDestination {
        /// Not produced (a result computed for display or tests).
        case none
        /// Hashed only: a re-run compares the table's identity with the recorded one.
        case hashOnly
        /// Written to this file (published by `ReportOutput.write`).
        case file(AtomicFileStream)
    }

    /// Reads `source`, runs every suite in `parameters` and returns the report (unsigned).
    ///
    /// A capture manifest beside a file input (`PATH.manifest.json`) goes into
    /// `input.captureManifest` when its SHA-256 and byte count match the bytes tested. One
    /// that does not match (another capture, a `--bytes` prefix, an edited file) or cannot
    /// be read is left out and reported through `onWarning`; the assessment goes on.
    public static func run(
        source: InputSource, parameters: AssessmentParameters, jobs: Int,
        arguments: [String], tool: ToolIdentity, streamTable: StreamTableDestination = .hashOnly,
        onProgress: ((AssessmentProgress) -> Void)? = nil, onWarning: (String) -> Void = { _ in }
    ) throws -> Report {
        let startedAt = Timestamp.now()
        let writer: SP80022StreamTableWriter?
        switch streamTable {
        case .none: writer = nil
        case .hashOnly: writer = parameters.sp80022 == nil ? nil : try SP80022StreamTableWriter(file: nil)
        case .file(let file): writer = parameters.sp80022 == nil ? nil : try SP80022StreamTableWriter(file: file)
        }
        var pass = try AssessmentPass(
            parameters: parameters, name: source.displayName, jobs: jobs,
            totalBytes: parameters.byteLimit ?? source.regularFileSize,
            streamTable: writer.map { w in { try w.write($0) } }, onProgress: onProgress)
        let byteCount = try source.forEachChunk(byteLimit: parameters.byteLimit) { try pass.add($0) }
        var outcome = try pass.finish()
        try RestartDataset.apply(to: &outcome.results.sp80090b, parameters: parameters, jobs: jobs)
        if let writer { outcome.results.sp80022?.streamTable = try writer.finish() }
        let sha256 = pass.digest.hex()
        let input = InputIdentity(
            path: source.path, byteCount: byteCount, sha256: sha256,
            format: parameters.decoding.format, bitOrder: parameters.decoding.bitOrder,
            bitsPerSymbol: outcome.bitsPerSymbol,
            captureManifest: captureManifest(for: source, byteCount: byteCount, sha256: sha256, onWarning: onWarning))
        return Report(
            tool: tool, command: CommandRecord(arguments: arguments, parameters: parameters), input: input,
            host: Timestamp.hostName(), startedAt: startedAt, finishedAt: Timestamp.now(), suites: outcome.results)
    }

    /// The manifest beside a file input, if there is one and it describes these bytes.
    static func captureManifest(
        for source: InputSource, byteCount: Int, sha256: String, onWarning: (String) -> Void
    ) -> CaptureManifest? {
        guard !source.isStandardInput else { return nil }
        let path = CaptureManifest.path(forCapture: source.path)
        guard FileBytes.exists(path) else { return nil }
        do {
            let manifest = try CaptureManifest.load(path)
            guard manifest.describes(byteCount: byteCount, sha256: sha256) else {
                onWarning("\(path) describes other bytes (\(manifest.byteCount) bytes, sha256 \(manifest.sha256.prefix(16))…; "
                    + "assessed \(byteCount) bytes, sha256 \(sha256.prefix(16))…); not recorded in the report")
                return nil
            }
            return manifest
        } catch {
            onWarning("\(error); not recorded in the report")
            return nil
        }
    }

    /// What the suites produced (`AssessmentEngine.SuiteOutcome`).
    public typealias SuiteOutcome = AssessmentEngine.SuiteOutcome

    /// Runs every suite in `parameters` on bytes already in memory, through the same pass
    /// (no per-stream table).
    public static func suites(bytes: [UInt8], name: String, parameters: AssessmentParameters, jobs: Int) throws -> SuiteOutcome {
        var pass = try AssessmentPass(parameters: parameters, name: name, jobs: jobs, totalBytes: bytes.count,
                                      streamTable: nil, onProgress: nil)
        if let limit = parameters.byteLimit, bytes.count < limit {
            throw InputError.tooFewBytes(path: name, available: bytes.count, requested: limit)
        }
        let used = parameters.byteLimit.map { Array(bytes.prefix($0)) } ?? bytes
        if used.isEmpty { throw InputError.empty(path: name) }
        try used.withUnsafeBufferPointer { try pass.add($0) }
        return try pass.finish()
    }

    /// Re-runs a recorded assessment on the data file: same parameters, fresh timestamps; the
    /// per-stream table is hashed, not written, so its identity can be compared.
    public static func rerun(_ recorded: Report, dataPath: String, jobs: Int) throws -> Report {
        try run(
            source: InputSource(path: dataPath), parameters: recorded.command.parameters, jobs: jobs,
            arguments: recorded.command.arguments, tool: recorded.tool, streamTable: .hashOnly)
    }
}
