#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RandomnessCore

/// Disk space set aside for a capture's manifest before the capture starts: a temporary
/// file beside it, allocated (`posix_fallocate`) to `size` bytes. A capture that ends by
/// filling the disk can then still write its manifest into space it already holds, then
/// trim it and give it its name.
///
/// If the space cannot be set aside (a full disk already, a file system without
/// allocation), there is no reservation and the manifest is written the ordinary way.
final class ManifestReservation {
    /// Room for a manifest with its 100 listed errors and 1000 listed alarms.
    static let size = 512 << 10

    let temporaryPath: String
    private var descriptor: Int32
    private var published = false

    init?(besides path: String) {
        guard let (temporary, fd) = try? SecureFileWriter.openTemporary(besides: path, mode: 0o644) else { return nil }
        guard posix_fallocate(fd, 0, off_t(Self.size)) == 0 else {
            close(fd)
            unlink(temporary)
            return nil
        }
        temporaryPath = temporary
        descriptor = fd
    }

    deinit { discard() }

    /// Writes `bytes` into the reserved space, trims the file to them, flushes it and names
    /// it `path` (replacing a file there only with `overwrite`). The temporary file is
    /// removed on failure.
    func publish(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(FileWriteError) {
        defer { discard() }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + written, bytes.count - written, off_t(written)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path: path, reason: SystemCall.message(errno))
            }
            written += n
        }
        guard ftruncate(descriptor, off_t(bytes.count)) == 0 else {
            throw .writeFailed(path: path, reason: "truncate: \(SystemCall.message(errno))")
        }
        guard fsync(descriptor) == 0 else { throw .writeFailed(path: path, reason: "fsync: \(SystemCall.message(errno))") }
        let fd = descriptor
        descriptor = -1
        guard close(fd) == 0 else { throw .writeFailed(path: path, reason: "close: \(SystemCall.message(errno))") }
        if overwrite {
            try SecureFileWriter.commit(temporaryPath, to: path)
        } else {
            try SecureFileWriter.commitWithoutReplacing(temporaryPath, to: path)
        }
        published = true
        SecureFileWriter.syncDirectory(of: path)
    }

    /// Closes and removes the temporary file, if it is still there.
    func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        if !published { unlink(temporaryPath) }
        published = true
    }
}
