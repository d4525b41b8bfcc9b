import AssessmentEngine
import RandomnessCore

/// One shard of one input assessed into a partial-result directory: what
/// `rngcert assess INPUT --shard I/N --out PART` does (docs/shards.md).
///
/// The input must be a regular file (shards read byte ranges of it, possibly on several
/// machines). Refuses an existing partial result before the work (unless `overwrite`), then
/// writes `partial.json` and the shard's per-stream rows, each atomically.
public enum ShardAssessment {
    public static func run(
        path: String, parameters: AssessmentParameters, shard index: Int, of count: Int, into directory: String,
        overwrite: Bool, jobs: Int, arguments: [String], tool: ToolIdentity,
        onProgress: ((AssessmentProgress) -> Void)? = nil, onWarning: (String) -> Void = { _ in }
    ) throws -> PartialResult {
        let files = PartialFiles(directory: directory)
        if !overwrite { for file in files.all where FileBytes.exists(file) { throw FileWriteError.exists(path: file) } }
        guard path != "-" else {
            throw InputError.invalidParameter(name: "--shard", value: "\(index)/\(count)",
                                              reason: "a shard reads a regular file, not standard input")
        }
        guard (1...count).contains(index) else {
            throw InputError.invalidParameter(name: "--shard", value: "\(index)/\(count)", reason: "the shard must be 1…\(count)")
        }
        let reader = try FileRangeReader(path: path)
        let total = parameters.byteLimit ?? reader.size
        if reader.size == 0 { throw InputError.empty(path: path) }
        if total > reader.size { throw InputError.tooFewBytes(path: path, available: reader.size, requested: total) }
        let plan = try ShardPlan(parameters: parameters, totalBytes: total, count: count)
        try DirectoryMaker.create(files.directory)

        let startedAt = Timestamp.now()
        let rows = parameters.sp80022 == nil ? nil : try AtomicFileStream(path: files.streamRows, overwrite: overwrite)
        let writer = try rows.map { try SP80022StreamTableWriter(file: $0, header: false) }
        var pass = try ShardPass(parameters: parameters, plan: plan, index: index, jobs: jobs,
                                 onStream: writer.map { w in { try w.write($0) } }, onProgress: onProgress)
        try reader.forEachChunk(in: pass.ranges.read) { try pass.add($0) }
        var outcome = try pass.finish()
        try RestartDataset.apply(to: &outcome.sp80090b, parameters: parameters, jobs: jobs)
        var rowsReference = try writer?.finish()
        rowsReference?.file = PartialFiles.streamRowsName

        let manifest = outcome.sha256.flatMap { sha in
            Assessment.captureManifest(for: InputSource(path: path), byteCount: total, sha256: sha, onWarning: onWarning)
        }
        let result = PartialResult(
            tool: tool, command: CommandRecord(arguments: arguments, parameters: parameters),
            input: PartialInputIdentity(path: path, byteCount: total, fileSize: reader.size,
                                        format: parameters.decoding.format, bitOrder: parameters.decoding.bitOrder),
            captureManifest: manifest, host: Timestamp.hostName(), startedAt: startedAt, finishedAt: Timestamp.now(),
            shard: outcome, streamRows: rowsReference)
        let bytes = try result.encoded()
        if !overwrite { for file in files.all where FileBytes.exists(file) { throw FileWriteError.exists(path: file) } }
        if let rows { try rows.commit() } else { SecureFileWriter.remove(files.streamRows) }
        let json = try AtomicFileStream(path: files.result, overwrite: overwrite)
        try json.write(bytes)
        try json.commit()
        return result
    }
}
