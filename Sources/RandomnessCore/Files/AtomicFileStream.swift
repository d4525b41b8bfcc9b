#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written as a stream and published atomically: bytes go to a temporary file in the
/// destination's directory (`SecureFileWriter.openTemporary`); `commit()` flushes it
/// (`fsync`), gives it the destination's name (a rename, or a no-replace link when
/// overwriting is not allowed) and flushes the directory. Readers see no file, or the whole
/// file — never a partial one. A stream that is discarded, or dropped before `commit()` was
/// tried, removes its temporary file; after a failed `commit()` the temporary file is kept
/// (at `temporaryPath`) unless `discard()` is called.
///
/// Not thread-safe: one writer at a time.
public final class AtomicFileStream {
    /// The destination.
    public let path: String
    /// Where the bytes are until `commit()`.
    public let temporaryPath: String
    /// Whether `commit()` may replace an existing file at `path`.
    public let overwrite: Bool
    /// Bytes written so far.
    public private(set) var byteCount = 0

    private var descriptor: Int32
    /// Set once `commit()` or `discard()` has been called.
    private var finished = false
    /// Set once the bytes are under `path`.
    public private(set) var published = false

    /// Opens a temporary file for `path`. Without `overwrite`, an existing `path` is an
    /// error here (nothing is created) and again at `commit()` if one appeared meanwhile.
    public init(path: String, mode: mode_t = 0o644, overwrite: Bool) throws(FileWriteError) {
        if !overwrite && FileBytes.exists(path) { throw .exists(path: path) }
        let (temporary, fd) = try SecureFileWriter.openTemporary(besides: path, mode: mode)
        self.path = path
        self.temporaryPath = temporary
        self.overwrite = overwrite
        self.descriptor = fd
    }

    deinit { if !finished { discard() } }

    /// Appends `bytes` (all of them: short writes and EINTR are retried).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
        precondition(!finished, "write after commit or discard")
        guard var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = SystemCall.write(descriptor, base, left)
            if n < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path: path, reason: SystemCall.message(errno))
            }
            base += n
            left -= n
            byteCount += n
        }
    }

    /// Appends `bytes`.
    public func write(_ bytes: [UInt8]) throws(FileWriteError) {
        var failure: FileWriteError?
        bytes.withUnsafeBytes { buffer in
            do throws(FileWriteError) { try write(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Flushes the bytes to disk and publishes them under `path`. On failure the temporary
    /// file stays (at `temporaryPath`) so no data is lost; `discard()` removes it.
    public func commit() throws(FileWriteError) {
        precondition(!finished, "commit after commit or discard")
        finished = true
        let synced = fsync(descriptor) == 0 ? nil : SystemCall.message(errno)
        let closed = close(descriptor)
        descriptor = -1
        if let synced { throw .writeFailed(path: path, reason: "fsync: \(synced)") }
        if closed != 0 {
            throw .writeFailed(path: path, reason: "close: \(SystemCall.message(errno))")
        }
        if overwrite {
            if rename(temporaryPath, path) != 0 {
                throw .cannotRename(from: temporaryPath, to: path, reason: SystemCall.message(errno))
            }
        } else {
            try SecureFileWriter.commitWithoutReplacing(temporaryPath, to: path)
        }
        published = true
        SecureFileWriter.syncDirectory(of: path)
    }

    /// Closes and removes the temporary file (also after a failed `commit()`); nothing is
    /// published. Does nothing after a successful `commit()`.
    public func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        if !published { unlink(temporaryPath) }
        finished = true
    }
}
