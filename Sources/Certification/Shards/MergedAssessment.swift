import AssessmentEngine
import RandomnessCore
import SP80022

/// Every shard's partial result merged into the report a single run writes:
/// `rngcert merge PART... --out DIR [--sign-key K] [--data INPUT]` (docs/shards.md).
///
/// The parts must come from this rngcert, with the same parameters and input (size and
/// bytes assessed), each shard of one count exactly once, each covering the ranges the plan
/// gives it (so none overlap and none is missing). The report's `input.sha256` is shard 1's
/// hash of the whole input; with `dataPath` the input is read once more and its SHA-256 and
/// each shard's range hash must match. The per-stream table is the shards' rows joined under
/// the header, checked against each part's hash.
public enum MergedAssessment {
    public static func run(
        parts directories: [String], into directory: String, signer: ReportSigner?, overwrite: Bool,
        dataPath: String?, arguments: [String], tool: ToolIdentity
    ) throws -> WrittenReport {
        if !overwrite { try ReportOutput.refuseExistingReport(in: directory) }
        let paths = directories.map { PartialFiles(directory: $0).result }
        let parts = try directories.map { try PartialResult.load(directory: $0) }
        guard let first = parts.first else { throw MergeError.missingShards([], count: 0) }
        for (i, part) in parts.enumerated() {
            if part.tool != tool {
                throw MergeError.mismatch(path: paths[i], reason: "made by rngcert \(part.tool.version) (\(part.tool.build)); this is rngcert \(tool.version) (\(tool.build))")
            }
            guard i > 0 else { continue }
            if part.command.parameters != first.command.parameters {
                throw MergeError.mismatch(path: paths[i], reason: "its assessment parameters differ from those of \(paths[0])")
            }
            let a = part.input, b = first.input
            if a.byteCount != b.byteCount || a.fileSize != b.fileSize || a.format != b.format || a.bitOrder != b.bitOrder {
                throw MergeError.mismatch(path: paths[i], reason: "another input: \(a.byteCount) of \(a.fileSize) bytes assessed, against \(b.byteCount) of \(b.fileSize) in \(paths[0])")
            }
            if part.shard.ranges.count != first.shard.ranges.count {
                throw MergeError.mismatch(path: paths[i], reason: "shard \(part.shard.ranges.index)/\(part.shard.ranges.count), but \(paths[0]) is shard \(first.shard.ranges.index)/\(first.shard.ranges.count)")
            }
        }
        let count = first.shard.ranges.count
        var position: [Int: Int] = [:]
        for (i, part) in parts.enumerated() {
            let index = part.shard.ranges.index
            guard (1...max(1, count)).contains(index) else {
                throw MergeError.mismatch(path: paths[i], reason: "shard \(index)/\(count) is not a shard of \(count)")
            }
            if let j = position[index] { throw MergeError.duplicateShard(index: index, count: count, first: directories[j], second: directories[i]) }
            position[index] = i
        }
        let missing = (1...max(1, count)).filter { position[$0] == nil }
        guard missing.isEmpty else { throw MergeError.missingShards(missing, count: count) }
        let order = (1...count).map { position[$0]! }
        let parameters = first.command.parameters
        let plan = try ShardPlan(parameters: parameters, totalBytes: first.input.byteCount, count: count)
        for (k, i) in order.enumerated() where parts[i].shard.ranges != plan.shard(k + 1) {
            throw MergeError.mismatch(path: paths[i], reason: "its ranges are not those of shard \(k + 1)/\(count) of this input (bytes \(parts[i].shard.ranges.bytes), streams \(parts[i].shard.ranges.streams))")
        }
        let ordered = order.map { parts[$0] }
        let merged: (outcome: SuiteOutcome, sha256: String)
        do {
            merged = try ShardMerge.merge(ordered.map(\.shard), plan: plan, parameters: parameters)
        } catch let error as ShardMerge.MismatchError {
            throw MergeError.mismatch(path: paths[order[0]], reason: error.description)
        }
        if let dataPath { try checkData(dataPath, parts: ordered, sha256: merged.sha256, total: plan.totalBytes) }

        try ReportOutput.prepare(directory: directory)
        var outcome = merged.outcome
        var table: AtomicFileStream?
        if parameters.sp80022 != nil {
            let file = try AtomicFileStream(path: ReportFiles(directory: directory).streamTable, overwrite: overwrite)
            table = file
            outcome.results.sp80022?.streamTable = try joinRows(order.map { directories[$0] }, parts: ordered, into: file)
        }
        let input = InputIdentity(
            path: ordered[0].input.path, byteCount: plan.totalBytes, sha256: merged.sha256,
            format: parameters.decoding.format, bitOrder: parameters.decoding.bitOrder,
            bitsPerSymbol: outcome.bitsPerSymbol, captureManifest: ordered[0].captureManifest)
        let report = Report(
            tool: tool, command: CommandRecord(arguments: arguments, parameters: parameters), input: input,
            host: Timestamp.hostName(), startedAt: ordered.map(\.startedAt).min()!, finishedAt: Timestamp.now(),
            suites: outcome.results)
        return try ReportOutput.write(report, into: directory, signer: signer, overwrite: overwrite, streamTable: table)
    }

    /// Reads the first `total` bytes of `path` once: their SHA-256 must be shard 1's, and
    /// each shard's range hash its own.
    static func checkData(_ path: String, parts: [PartialResult], sha256: String, total: Int) throws {
        let reader = try FileRangeReader(path: path)
        guard reader.size >= total else {
            throw MergeError.dataMismatch(path: path, reason: "it has \(reader.size) bytes; the parts assessed \(total)")
        }
        var whole = SHA256Digest()
        var k = 0
        var range = SHA256Digest()
        var offset = 0
        try reader.forEachChunk(in: 0..<total) { chunk in
            whole.update(chunk)
            var at = 0
            while at < chunk.count {
                let bytes = parts[k].shard.ranges.bytes
                let take = min(chunk.count - at, bytes.upperBound - offset)
                range.update(UnsafeBufferPointer(rebasing: chunk[at..<(at + take)]))
                at += take
                offset += take
                while k < parts.count && offset == parts[k].shard.ranges.bytes.upperBound {
                    if range.hex() != parts[k].shard.rangeSHA256 {
                        throw MergeError.dataMismatch(path: path, reason: "bytes \(bytes.lowerBound)..<\(bytes.upperBound) differ from those shard \(k + 1)/\(parts.count) read")
                    }
                    range = SHA256Digest()
                    k += 1
                }
            }
        }
        guard whole.hex() == sha256 else {
            throw MergeError.dataMismatch(path: path, reason: "its SHA-256 is \(whole.hex()); shard 1 read \(sha256)")
        }
    }

    /// Writes the table's header and every shard's rows into `file`, checking each part's rows
    /// against its recorded size and hash; returns how the report refers to the table.
    static func joinRows(_ directories: [String], parts: [PartialResult], into file: AtomicFileStream) throws -> SP80022StreamTableReference {
        var digest = SHA256Digest()
        let header = Array(SP80022StreamTableWriter.header.utf8)
        digest.update(header)
        try file.write(header)
        var rows = 0
        var bytes = header.count
        for (i, part) in parts.enumerated() {
            let path = PartialFiles(directory: directories[i]).streamRows
            guard let recorded = part.streamRows else {
                throw MergeError.mismatch(path: PartialFiles(directory: directories[i]).result, reason: "it has no SP 800-22 rows")
            }
            let reader: FileRangeReader
            do { reader = try FileRangeReader(path: path) } catch { throw MergeError.unreadable(path: path, reason: "\(error)") }
            guard reader.size == recorded.byteCount else {
                throw MergeError.unreadable(path: path, reason: "\(reader.size) bytes; its partial.json recorded \(recorded.byteCount)")
            }
            var own = SHA256Digest()
            try reader.forEachChunk(in: 0..<reader.size) { chunk in
                own.update(chunk)
                digest.update(chunk)
                try file.write(UnsafeRawBufferPointer(chunk))
            }
            guard own.hex() == recorded.sha256 else {
                throw MergeError.unreadable(path: path, reason: "its SHA-256 is not the one its partial.json recorded (the rows were changed)")
            }
            rows += recorded.rows
            bytes += recorded.byteCount
        }
        return SP80022StreamTableReference(file: SP80022StreamTableWriter.fileName, rows: rows, byteCount: bytes, sha256: digest.hex())
    }
}
