import Foundation
import RandomnessCore

/// The gate's directory (`--spool`):
///
///     SPOOL/ledger.sqlite            the ledger (with -wal and -shm beside it)
///     SPOOL/incoming/000042/         a buffer being captured and tested
///     SPOOL/pool/000041/             a passed buffer: data.bin (until every leaf is
///                                    served), its capture manifest, report.json, .sig, .html
///     SPOOL/quarantine/000040/       a failed or alarmed buffer, kept whole; never served
///
/// A buffer's directory moves from incoming/ to pool/ or quarantine/ by one rename, after
/// its signed report is written.
public struct Spool: Sendable {
    public let root: String
    public static let dataFileName = "data.bin"

    public init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    public var ledgerPath: String { root + "/ledger.sqlite" }
    public var addressPath: String { root + "/address" }

    public static func name(_ id: Int) -> String {
        let digits = String(id)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public func incoming(_ id: Int) -> String { root + "/incoming/" + Self.name(id) }
    public func pool(_ id: Int) -> String { root + "/pool/" + Self.name(id) }
    public func quarantine(_ id: Int) -> String { root + "/quarantine/" + Self.name(id) }

    /// The directory that holds a tested buffer's report: pool/ or quarantine/, whichever exists.
    public func reportDirectory(_ id: Int) -> String? {
        [pool(id), quarantine(id)].first { FileBytes.isDirectory($0) }
    }

    /// Creates the spool and its three directories.
    public func create() throws(GateError) {
        for directory in [root, root + "/incoming", root + "/pool", root + "/quarantine"] where !FileBytes.isDirectory(directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .spool(path: directory, reason: (error as NSError).localizedDescription)
            }
        }
    }

    /// Takes the spool for this process: an exclusive `flock` on `SPOOL/lock`, held until
    /// the process ends (a crash releases it too). A second gate on the same spool would
    /// discard the first one's buffers at its start, so it is refused.
    public func lock() throws(GateError) {
        let path = root + "/lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .spool(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .spool(path: root, reason: "in use by another rngcert serve")
        }
        // Deliberately kept open: the lock lives as long as the process.
    }

    /// Moves a buffer's directory by rename and flushes both parents.
    public func move(_ from: String, to: String) throws(GateError) {
        guard rename(from, to) == 0 else {
            throw .spool(path: from, reason: "cannot move to \(to): \(String(cString: strerror(errno)))")
        }
        SecureFileWriter.syncDirectory(of: from)
        SecureFileWriter.syncDirectory(of: to)
    }

    /// Removes a directory and everything in it (a discarded incoming buffer).
    public func remove(_ directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
