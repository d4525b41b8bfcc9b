#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where input bytes come from: a regular file, a named pipe, a character device such as
/// /dev/urandom or /dev/hwrng, or standard input (`-`).
///
/// Devices never end, so reading one needs a byte limit. With a limit, an input that ends
/// before it is an error: the user asked for more bytes than there are.
///
/// A named pipe is opened without waiting for its writer (a blocking open would hang
/// forever on a pipe nobody writes to). If nothing is there yet, a one-line notice goes to
/// standard error and the read waits up to `writerWait` seconds (default 30) for the first
/// byte or for a writer that comes and closes; after that it is read, blocking, until its
/// writer closes it. Linux cannot tell a silent writer from no writer, so the bound is on
/// the first byte.
public struct InputSource: Sendable, Equatable {
    /// The path as given, `-` for standard input.
    public let path: String
    /// Longest wait, in seconds, for a named pipe's first byte (or its writer's close).
    public var writerWait: Double

    /// The default `writerWait`: the same 30 s as `capture --timeout`.
    public static let defaultWriterWait: Double = 30

    public init(path: String, writerWait: Double = InputSource.defaultWriterWait) {
        self.path = path
        self.writerWait = writerWait
    }

    /// The name used in messages and reports.
    public var displayName: String { path == "-" ? "<stdin>" : path }

    /// Whether this is standard input.
    public var isStandardInput: Bool { path == "-" }

    /// Reads every byte (at most `byteLimit`).
    public func readAll(byteLimit: Int? = nil) throws(InputError) -> [UInt8] {
        var out: [UInt8] = []
        if let byteLimit { out.reserveCapacity(byteLimit) }
        else if let size = regularFileSize { out.reserveCapacity(size) }
        try stream(byteLimit: byteLimit) { chunk in out.append(contentsOf: chunk) }
        return out
    }

    /// Calls `body` with consecutive chunks of the input (at most `byteLimit` bytes in all)
    /// and returns the byte count. Memory use is one chunk, whatever the input's size.
    @discardableResult
    public func stream(
        byteLimit: Int? = nil,
        chunkSize: Int = 1 << 20,
        _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(InputError) -> Int {
        try chunks(byteLimit: byteLimit, chunkSize: chunkSize) { body($0); return true }
    }

    /// `stream`, with a body that may throw: the first error it throws stops the reading and
    /// is rethrown (an input error found on the way is thrown as such).
    @discardableResult
    public func forEachChunk(
        byteLimit: Int? = nil,
        chunkSize: Int = 1 << 20,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws -> Int {
        var failure: (any Error)?
        let count = try chunks(byteLimit: byteLimit, chunkSize: chunkSize) { chunk in
            do { try body(chunk); return true } catch { failure = error; return false }
        }
        if let failure { throw failure }
        return count
    }

    /// Calls `body` with consecutive chunks until the input (or `byteLimit`) ends or `body`
    /// returns false; the end-of-input checks run only when it did not stop.
    private func chunks(
        byteLimit: Int?, chunkSize: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Bool
    ) throws(InputError) -> Int {
        let fd: Int32
        if isStandardInput {
            fd = STDIN_FILENO
        } else {
            // Non-blocking, so that a named pipe without a writer does not hang the open.
            fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else { throw .cannotOpen(path: path, reason: SystemCall.message(errno)) }
        }
        defer { if !isStandardInput { close(fd) } }

        var info = stat()
        if fstat(fd, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR { throw .cannotOpen(path: path, reason: "is a directory") }
            if kind == S_IFCHR && byteLimit == nil { throw .deviceNeedsByteLimit(path: displayName) }
            if kind == S_IFIFO && !isStandardInput { try waitForWriter(fd) }
        }
        if !isStandardInput {
            // Blocking reads from here on (a regular file ignores the flag; a device or a pipe
            // with its writer blocks until it has bytes, as a read of standard input does).
            let flags = fcntl(fd, F_GETFL)
            if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        }

        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let want = byteLimit.map { min(chunkSize, $0 - total) } ?? chunkSize
            if want == 0 { break }
            // Fill the buffer as far as the source allows, so chunks are full-sized.
            var filled = 0
            while filled < want {
                let n = read(fd, buffer.baseAddress! + filled, want - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw .readFailed(path: displayName, offset: total + filled, reason: SystemCall.message(errno))
                }
                if n == 0 { break }
                filled += n
            }
            if filled > 0 && !body(UnsafeBufferPointer(rebasing: buffer[0..<filled])) { return total + filled }
            total += filled
            if filled < want { break }
        }
        if total == 0 { throw .empty(path: displayName) }
        if let byteLimit, total < byteLimit {
            throw .tooFewBytes(path: displayName, available: total, requested: byteLimit)
        }
        return total
    }

    /// Waits until the named pipe `fd` has a byte or its writer's end of stream, at most
    /// `writerWait` seconds, with a notice on standard error when nothing is there at once.
    private func waitForWriter(_ fd: Int32) throws(InputError) {
        let start = Self.now()
        var noticed = false
        while true {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let left = writerWait - (Self.now() - start)
            let n = poll(&entry, 1, noticed ? Int32((max(0, min(left, 0.5)) * 1000).rounded(.up)) : 0)
            if n > 0 { return }  // bytes, or a writer came and closed (POLLHUP): the read tells
            if n < 0 && errno != EINTR { return }  // let the read report it
            if left <= 0 {
                throw .cannotOpen(path: path, reason: "no data from a writer on the named pipe within \(Self.seconds(writerWait))")
            }
            if !noticed {
                noticed = true
                let text = "rngcert: \(path): waiting up to \(Self.seconds(writerWait)) for a writer on the named pipe\n"
                _ = text.utf8CString.withUnsafeBufferPointer { SystemCall.write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
            }
        }
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    private static func seconds(_ s: Double) -> String { s == s.rounded() ? "\(Int(s)) s" : "\(s) s" }

    /// The size of a regular file, or nil for anything else.
    public var regularFileSize: Int? {
        guard !isStandardInput else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }
}
