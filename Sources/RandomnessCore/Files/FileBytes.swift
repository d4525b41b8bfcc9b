#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole small files (reports, signatures, keys) with errors that say why not.
public enum FileBytes {
    /// Why a file could not be read; `reason` is the system's message.
    public struct ReadError: Error, CustomStringConvertible, Equatable, Sendable {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot read: \(reason)" }

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// Every byte of the regular file at `path` (at most `limit` bytes; larger files are an error).
    ///
    /// Anything but a regular file (a directory, a FIFO, a device, a socket) is an error, and
    /// it is found without blocking: the file is opened with `O_NONBLOCK` (so a FIFO without
    /// a writer does not hang the open) and checked with `fstat` before any read.
    public static func read(_ path: String, limit: Int = 1 << 30) throws(ReadError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw ReadError(path: path, reason: SystemCall.message(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ReadError(path: path, reason: SystemCall.message(errno)) }
        let kind = info.st_mode & S_IFMT
        switch kind {
        case S_IFREG: break
        case S_IFDIR: throw ReadError(path: path, reason: "is a directory")
        default: throw ReadError(path: path, reason: "not a regular file (\(kindName(kind)))")
        }
        // Back to blocking reads (no effect on a regular file, but says what is meant).
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { SystemCall.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, reason: SystemCall.message(errno))
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > limit { throw ReadError(path: path, reason: "larger than \(limit) bytes") }
        }
        return out
    }

    /// What a file type from `stat` is, for messages.
    static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFIFO: "a named pipe"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "an unusual file type"
        }
    }

    /// Whether anything (file, directory, dangling symbolic link) exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Whether `path` is a regular file (following symbolic links).
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Whether `path` is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
