#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RandomnessCore

/// Waiting for a descriptor to become readable, in slices so that a stop request is
/// noticed within `slice` seconds, for at most `timeout` seconds.
enum DescriptorWait {
    enum Outcome { case ready, timedOut, stopped }

    static let slice = 0.1

    static func readable(_ fd: Int32, timeout: Double, stop: StopSignal) -> Outcome {
        let start = MonotonicClock.seconds()
        while true {
            if stop.isRequested { return .stopped }
            let left = timeout - (MonotonicClock.seconds() - start)
            if left <= 0 { return .timedOut }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let n = poll(&entry, 1, Int32((min(left, slice) * 1000).rounded(.up)))
            if n > 0 { return .ready }  // data, end of stream (POLLHUP) or an error the read will report
            if n < 0 && errno != EINTR { return .ready }  // let the read report the error
        }
    }

    /// Reads from `fd` into `buffer`: the bytes it has (0 at its end), after waiting for
    /// them through `readable` unless `waits` is false (a regular file, always ready; a stop
    /// request is still honoured). EINTR and EAGAIN are retried; other errors name `source`
    /// and the byte `offset` reached.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, waits: Bool, timeout: Double, stop: StopSignal,
                     source: String, offset: Int) throws(CaptureSourceError) -> Int {
        while true {
            if waits {
                switch readable(fd, timeout: timeout, stop: stop) {
                case .ready: break
                case .timedOut: throw .timedOut(source: source, seconds: timeout)
                case .stopped: throw .stopped
                }
            } else if stop.isRequested {
                throw .stopped
            }
            let n = SystemCall.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            let code = errno
            if code == EINTR || code == EAGAIN || code == EWOULDBLOCK { continue }
            throw .readFailed(source: source, offset: offset, reason: SystemCall.message(code))
        }
    }

    /// Whether `fd` is readable right now.
    static func isReadable(_ fd: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }
}
