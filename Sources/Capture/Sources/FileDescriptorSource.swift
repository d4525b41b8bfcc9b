#if canImport(Glibc)
import RandomnessCore
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A source read through a file descriptor: a regular file, a character device
/// (/dev/hwrng, /dev/urandom, a serial port), a named pipe, or standard input.
///
/// Files and devices other than standard input are opened non-blocking, so that opening a
/// named pipe does not wait for its writer and every wait goes through `poll` with the
/// timeout and the stop request. A named pipe ends when its writer closes it, after having
/// written (Linux reports no hang-up before a writer has come).
public final class FileDescriptorSource: ByteSource {
    public let record: CaptureSourceRecord
    public var endIsFailure: Bool { false }
    /// Longest wait for the next byte, in seconds.
    public let timeout: Double

    private let path: String?
    private var fd: Int32
    private var isRegularFile: Bool
    /// Bytes returned so far: the offset of the next byte.
    private var delivered = 0
    /// A terminal's settings before raw mode, to restore.
    private var savedTerminal: termios?

    /// Opens `path` (nil for standard input).
    public init(path: String?, timeout: Double) throws(CaptureSourceError) {
        self.path = path
        self.timeout = timeout
        let name = path ?? "<stdin>"
        if let path {
            fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
            guard fd >= 0 else { throw .cannotOpen(source: name, reason: SystemCall.message(errno)) }
        } else {
            fd = STDIN_FILENO
        }
        var info = stat()
        var kind = CaptureSourceRecord.Kind.file
        isRegularFile = false
        if fstat(fd, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if path != nil { SystemCall.close(fd) }
                throw .cannotOpen(source: name, reason: "is a directory")
            case S_IFCHR: kind = .characterDevice
            case S_IFIFO:
                kind = .namedPipe
                // A larger pipe buffer (1 MiB; Linux may refuse, which is harmless) means
                // fewer reads and fewer wake-ups of the writer on a fast stream.
                #if os(Linux)
                _ = fcntl(fd, Self.setPipeSize, Int32(1 << 20))
                #endif
            case S_IFREG: isRegularFile = true
            default: break
            }
        }
        if path == nil { kind = .standardInput }
        record = CaptureSourceRecord(kind: kind, location: name)
        if path != nil && kind == .characterDevice && isatty(fd) == 1 {
            var settings = termios()
            if tcgetattr(fd, &settings) == 0 {
                savedTerminal = settings
                cfmakeraw(&settings)
                settings.c_cc.6 = 1  // VMIN: a read returns as soon as one byte is there
                settings.c_cc.5 = 0  // VTIME: no inter-byte timer
                _ = tcsetattr(fd, TCSANOW, &settings)
            }
        }
    }

    deinit { close() }

    /// Linux's F_SETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 7), which Glibc's module does not export.
    static let setPipeSize: Int32 = 1024 + 7

    public func read(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int {
        let n = try DescriptorWait.read(fd, into: buffer, waits: !isRegularFile, timeout: timeout, stop: stop,
                                        source: record.location, offset: delivered)
        delivered += n
        return n
    }

    public func hasDataReady() -> Bool { isRegularFile || DescriptorWait.isReadable(fd) }

    /// A regular file is reopened at `offset` (an I/O error may pass); anything else is
    /// read again as it is (a device or pipe cannot be rewound).
    public func recover(after error: CaptureSourceError, offset: Int, stop: StopSignal) throws(CaptureSourceError) {
        delivered = offset
        guard isRegularFile, let path else { return }
        let fresh = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fresh >= 0 else { throw .cannotOpen(source: path, reason: SystemCall.message(errno)) }
        guard lseek(fresh, off_t(offset), SEEK_SET) == off_t(offset) else {
            let reason = SystemCall.message(errno)
            SystemCall.close(fresh)
            throw .readFailed(source: path, offset: offset, reason: "cannot seek: \(reason)")
        }
        SystemCall.close(fd)
        fd = fresh
    }

    public func close() {
        if var saved = savedTerminal, fd >= 0 { _ = tcsetattr(fd, TCSANOW, &saved) }
        savedTerminal = nil
        if path != nil && fd >= 0 { SystemCall.close(fd) }
        fd = -1
    }
}
