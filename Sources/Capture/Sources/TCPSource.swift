#if canImport(Glibc)
import RandomnessCore
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A raw byte stream from a TCP server (`tcp://HOST:PORT`): every byte the server sends is
/// captured. If the connection drops or the server closes it before the requested byte
/// count, the session reconnects (with backoff) and carries on from the bytes it has.
public final class TCPSource: ByteSource {
    public let record: CaptureSourceRecord
    public var endIsFailure: Bool { true }
    public let host: String
    public let port: UInt16
    /// Longest wait for a connection or for the next byte, in seconds.
    public let timeout: Double

    private var fd: Int32 = -1
    private var delivered = 0

    /// Connects to `host`:`port` (waiting at most `timeout`); a refused or unreachable
    /// server is a retryable `.connectFailed`.
    public init(host: String, port: UInt16, timeout: Double, stop: StopSignal, connectNow: Bool = true) throws(CaptureSourceError) {
        self.host = host
        self.port = port
        self.timeout = timeout
        record = CaptureSourceRecord(kind: .tcp, location: CaptureSourceSpec.tcp(host: host, port: port).description)
        if connectNow { try connect(stop: stop) }
    }

    deinit { close() }

    public func read(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int {
        if fd < 0 { try connect(stop: stop) }
        let n = try DescriptorWait.read(fd, into: buffer, waits: true, timeout: timeout, stop: stop,
                                        source: record.location, offset: delivered)
        delivered += n
        return n
    }

    public func hasDataReady() -> Bool { fd >= 0 && DescriptorWait.isReadable(fd) }

    /// Drops the connection; the next read opens a new one (and a failure to connect is
    /// a failure of that read, retried like any other).
    public func recover(after error: CaptureSourceError, offset: Int, stop: StopSignal) throws(CaptureSourceError) {
        close()
        delivered = offset
    }

    public func close() {
        if fd >= 0 { SystemCall.close(fd) }
        fd = -1
    }

    /// Tries each address of `host` in turn; non-blocking connect, then `poll` for
    /// writability within the timeout.
    private func connect(stop: StopSignal) throws(CaptureSourceError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = gai_strerror(status).map { String(cString: $0) } ?? "error \(status)"
            throw .connectFailed(source: record.location, reason: reason)
        }
        defer { freeaddrinfo(list) }
        var lastReason = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let s = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), info.pointee.ai_protocol)
            guard s >= 0 else { lastReason = SystemCall.message(errno); continue }
            if SystemCall.connect(s, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                fd = s
                return
            }
            guard errno == EINPROGRESS else {
                lastReason = SystemCall.message(errno)
                SystemCall.close(s)
                continue
            }
            let start = MonotonicClock.seconds()
            var connected = false
            while true {
                if stop.isRequested { SystemCall.close(s); throw .stopped }
                let left = timeout - (MonotonicClock.seconds() - start)
                if left <= 0 { lastReason = "timed out after \(CaptureSourceError.seconds(timeout))"; break }
                var p = pollfd(fd: s, events: Int16(POLLOUT), revents: 0)
                let n = poll(&p, 1, Int32((min(left, DescriptorWait.slice) * 1000).rounded(.up)))
                if n > 0 {
                    var error: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(s, SOL_SOCKET, SO_ERROR, &error, &length)
                    if error == 0 { connected = true } else { lastReason = SystemCall.message(error) }
                    break
                }
            }
            if connected {
                fd = s
                return
            }
            SystemCall.close(s)
        }
        throw .connectFailed(source: record.location, reason: lastReason)
    }
}
