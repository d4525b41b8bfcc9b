import Capture
import Foundation
import RandomnessCore
import SP80090B

/// Collects the restart dataset of SP 800-90B §3.1.4.1 from a capture source: for each
/// restart r = 1…1000 it runs the restart command (if any), opens the source afresh, takes its
/// first 1,000 samples and appends them to `restart.bin.partial`, flushed to disk before the
/// next restart begins. When all 1,000 rows are there the file becomes `restart.bin`.
///
/// Resumable: the rows already in the partial file are kept (a row cut short by a kill is
/// dropped and collected again), so a run that died at restart 700 goes on from restart 700
/// or 701. The `CollectionState` beside it refuses a resume with another source, command or
/// sample width.
public struct RestartCollector {
    public static let restarts = RestartMatrix.restarts
    public static let samplesPerRestart = RestartMatrix.samplesPerRestart

    public let source: String
    public let hook: RestartHook?
    public let bitsPerSample: Int
    /// The finished dataset's path; the partial file and the state sit beside it.
    public let path: String
    public var partialPath: String { path + ".partial" }

    public init(source: String, hook: RestartHook?, bitsPerSample: Int, path: String) {
        self.source = source
        self.hook = hook
        self.bitsPerSample = bitsPerSample
        self.path = path
    }

    /// Restarts already collected (complete rows in the partial file; 1,000 when done).
    public func collectedRestarts() -> Int {
        if FileBytes.isRegularFile(path) { return Self.restarts }
        var info = stat()
        guard stat(partialPath, &info) == 0 else { return 0 }
        return min(Self.restarts, Int(info.st_size) / Self.samplesPerRestart)
    }

    /// Collects the missing restarts, calling `onRestart(r)` after restart r is on disk.
    public func collect(stop: StopSignal, onRestart: (Int) -> Void) throws(CollectionError) {
        if FileBytes.isRegularFile(path) { return }
        let spec: CaptureSourceSpec
        do { spec = try CaptureSourceSpec(parsing: source) } catch { throw .source(what: "restart data", source: source, reason: "\(error)") }
        let fd = open(partialPath, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw .file(path: partialPath, reason: SystemCall.message(errno)) }
        defer { _ = SystemCall.close(fd) }
        let done = collectedRestarts()
        // Drop a row cut short by an interruption: it is collected again after a fresh restart.
        guard ftruncate(fd, off_t(done * Self.samplesPerRestart)) == 0, lseek(fd, 0, SEEK_END) >= 0 else {
            throw .file(path: partialPath, reason: SystemCall.message(errno))
        }
        var row = [UInt8](repeating: 0, count: Self.samplesPerRestart)
        for restart in stride(from: done + 1, through: Self.restarts, by: 1) {
            if stop.isRequested { throw .interrupted(what: "restart collection", collected: "\(restart - 1) restarts") }
            try hook?.run(restart: restart)
            try readRow(spec: spec, restart: restart, into: &row, stop: stop)
            let written = row.withUnsafeBytes { SystemCall.write(fd, $0.baseAddress, $0.count) }
            guard written == row.count, fsync(fd) == 0 else {
                throw .file(path: partialPath, reason: written < 0 ? SystemCall.message(errno) : "short write")
            }
            onRestart(restart)
        }
        guard rename(partialPath, path) == 0 else { throw .file(path: path, reason: SystemCall.message(errno)) }
        SecureFileWriter.syncDirectory(of: path)
    }

    /// The first 1,000 samples the freshly opened source delivers.
    func readRow(spec: CaptureSourceSpec, restart: Int, into row: inout [UInt8], stop: StopSignal) throws(CollectionError) {
        let what = "restart \(restart)"
        let source: any ByteSource
        do {
            source = try spec.open(CaptureSourceOptions(byteLimit: Self.samplesPerRestart), stop: stop)
        } catch {
            throw .source(what: what, source: self.source, reason: "\(error)")
        }
        defer { source.close() }
        var filled = 0
        while filled < row.count {
            let n: Int
            do {
                n = try row.withUnsafeMutableBytes { buffer throws(CaptureSourceError) in
                    try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), stop: stop)
                }
            } catch {
                if stop.isRequested { throw .interrupted(what: "restart collection", collected: "\(restart - 1) restarts") }
                throw .source(what: what, source: self.source, reason: "\(error)")
            }
            if n == 0 { throw .source(what: what, source: self.source, reason: "ended after \(filled) of \(row.count) samples") }
            filled += n
        }
        let limit = bitsPerSample == 8 ? UInt8.max : UInt8((1 << bitsPerSample) - 1)
        if let j = row.firstIndex(where: { $0 > limit }) {
            throw .sampleTooWide(what: what, offset: j, value: row[j], bitsPerSample: bitsPerSample)
        }
    }
}
