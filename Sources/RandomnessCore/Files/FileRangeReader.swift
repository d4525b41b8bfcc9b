#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads byte ranges of one regular file with `pread`: what a shard reads of an input that
/// several processes (or cluster nodes) share.
///
/// Only a regular file has a size and ranges; anything else is refused at open, without
/// blocking (`O_NONBLOCK`, then `fstat`), with a one-line reason naming the file.
public final class FileRangeReader {
    public let path: String
    /// The file's size when it was opened.
    public let size: Int
    private let fd: Int32

    public init(path: String) throws(InputError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: SystemCall.message(errno)) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = SystemCall.message(errno)
            close(fd)
            throw .cannotOpen(path: path, reason: reason)
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            close(fd)
            let what = kind == S_IFDIR ? "is a directory" : "is \(FileBytes.kindName(kind))"
            throw .cannotOpen(path: path, reason: "\(what); a shard reads a regular file (its size and byte ranges must be known)")
        }
        self.fd = fd
        self.size = Int(info.st_size)
    }

    deinit { close(fd) }

    /// Calls `body` with consecutive chunks of the bytes in `range`, in order. A file that
    /// ends before the range does (it shrank since it was opened) is an error at that offset.
    public func forEachChunk(in range: Range<Int>, chunkSize: Int = 1 << 20,
                             _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
        defer { buffer.deallocate() }
        var offset = range.lowerBound
        while offset < range.upperBound {
            let want = min(chunkSize, range.upperBound - offset)
            var filled = 0
            while filled < want {
                let n = pread(fd, buffer.baseAddress! + filled, want - filled, off_t(offset + filled))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw InputError.readFailed(path: path, offset: offset + filled, reason: SystemCall.message(errno))
                }
                if n == 0 {
                    throw InputError.readFailed(path: path, offset: offset + filled,
                                                reason: "the file ended early (it is shorter than when it was opened)")
                }
                filled += n
            }
            try body(UnsafeBufferPointer(rebasing: buffer[0..<filled]))
            offset += filled
        }
    }
}
