import AssessmentEngine
import Foundation
import RandomnessCore

/// The files of a report directory.
public struct ReportFiles: Sendable, Equatable {
    public let directory: String
    /// `DIR/report.json`: the report, exactly the signed bytes.
    public let report: String
    /// `DIR/report.json.sig`: the raw 64-byte Ed25519 signature over `report`.
    public let signature: String
    /// `DIR/report.html`: the self-contained HTML rendering of `report` (`ReportHTML`).
    public let html: String
    /// `DIR/sp80022-streams.csv`: every SP 800-22 stream's p-values, named with its SHA-256
    /// in the report (`SP80022StreamTableWriter`).
    public let streamTable: String

    public init(directory: String) {
        let base = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        self.directory = base
        report = base + "/report.json"
        signature = base + "/report.json.sig"
        html = base + "/report.html"
        streamTable = base + "/" + SP80022StreamTableWriter.fileName
    }

    /// Every file a report directory may hold.
    public var all: [String] { [report, signature, html, streamTable] }
}

/// A report as written.
public struct WrittenReport: Sendable {
    /// The report as written (with `signer` set when signed).
    public let report: Report
    /// Exactly the bytes of `report.json`.
    public let bytes: [UInt8]
    /// The signature, when signed.
    public let signature: [UInt8]?
    /// Exactly the bytes of `report.html`, rendered from `bytes`.
    public let html: [UInt8]
    public let files: ReportFiles
}

/// Writes a report directory: `report.json`, with a signer `report.json.sig`, and
/// `report.html` rendered from exactly the bytes of `report.json`.
///
/// Each file goes to a temporary file in the directory, is flushed and renamed into place
/// (report first, then signature, then HTML), then the directory is flushed. Without `overwrite`, any existing report
/// file is an error and nothing is written; with it, a stale signature of an earlier
/// report is removed when the new report is unsigned, so it cannot sit beside the wrong report.
public enum ReportOutput {
    /// Throws `FileWriteError.exists` when `directory` already holds a report file. `write`
    /// checks this itself; callers check it first too, so that a run which could not write
    /// its report fails before the suites run, not after.
    public static func refuseExistingReport(in directory: String) throws {
        for path in ReportFiles(directory: directory).all where FileBytes.exists(path) { throw FileWriteError.exists(path: path) }
    }

    /// Creates `directory` (and its parents) when missing, and checks that files can be
    /// made in it, so that a run fails before its computation, not after.
    public static func prepare(directory: String) throws {
        let files = ReportFiles(directory: directory)
        try DirectoryMaker.create(files.directory)
        guard access(files.directory, W_OK | X_OK) == 0 else {
            throw FileWriteError.cannotCreate(path: files.report, reason: SystemCall.message(errno))
        }
    }

    /// Writes the report's files; `streamTable`, the per-stream table written during the run
    /// (into `ReportFiles.streamTable`'s temporary file), is published first. Without it a
    /// stale table of an earlier report is removed.
    @discardableResult
    public static func write(_ report: Report, into directory: String, signer: ReportSigner?, overwrite: Bool,
                             streamTable: AtomicFileStream? = nil) throws -> WrittenReport {
        let report = signer.map { $0.stamped(report) } ?? report
        let bytes: [UInt8]
        do {
            bytes = try ReportCoding.encode(report)
        } catch {
            throw ReportWriteError.cannotEncode(reason: "\(error)")
        }
        let signature = try signer?.sign(bytes)
        let html = Array(ReportHTML.render(report, reportBytes: bytes).utf8)
        let files = ReportFiles(directory: directory)
        try prepare(directory: directory)
        if !overwrite { try refuseExistingReport(in: directory) }
        if let streamTable { try streamTable.commit() } else { SecureFileWriter.remove(files.streamTable) }
        var pending: [(temporary: String, path: String)] = []
        do {
            pending.append((try SecureFileWriter.writeTemporary(besides: files.report, bytes: bytes, mode: 0o644), files.report))
            if let signature {
                pending.append((try SecureFileWriter.writeTemporary(besides: files.signature, bytes: signature, mode: 0o644), files.signature))
            }
            pending.append((try SecureFileWriter.writeTemporary(besides: files.html, bytes: html, mode: 0o644), files.html))
        } catch {
            pending.forEach { SecureFileWriter.remove($0.temporary) }
            throw error
        }
        for (index, item) in pending.enumerated() {
            do {
                try SecureFileWriter.commit(item.temporary, to: item.path)
            } catch {
                pending[(index + 1)...].forEach { SecureFileWriter.remove($0.temporary) }
                throw error
            }
        }
        if signature == nil { SecureFileWriter.remove(files.signature) }
        SecureFileWriter.syncDirectory(of: files.report)
        return WrittenReport(report: report, bytes: bytes, signature: signature, html: html, files: files)
    }
}
