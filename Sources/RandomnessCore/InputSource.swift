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
public struct InputSource: Sendable, Equatable {
    /// The path as given, `-` for standard input.
    public let path: String

    public init(path: String) { self.path = path }

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
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .cannotOpen(path: path, reason: SystemCall.message(errno)) }
        }
        defer { if !isStandardInput { close(fd) } }

        var info = stat()
        if fstat(fd, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR { throw .cannotOpen(path: path, reason: "is a directory") }
            if kind == S_IFCHR && byteLimit == nil { throw .deviceNeedsByteLimit(path: displayName) }
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

    /// The size of a regular file, or nil for anything else.
    public var regularFileSize: Int? {
        guard !isStandardInput else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }
}
