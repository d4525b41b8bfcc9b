#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Capture
import RandomnessCore

/// Shows `assess` progress on standard error when it is a terminal: one line redrawn in place
/// at most ten times a second (bytes read, of how many, rate, SP 800-22 streams done, the
/// SP 800-90B phase), erased at the end. Nothing when standard error is not a terminal or
/// when quiet.
public final class AssessmentProgressDisplay: @unchecked Sendable {
    public let enabled: Bool
    private let fd: Int32
    private let started: Double
    private var last = -Double.infinity
    private var shown = false

    public init(quiet: Bool, fd: Int32 = STDERR_FILENO) {
        self.fd = fd
        enabled = !quiet && isatty(fd) == 1
        started = Self.now()
    }

    /// Redraws the line (if due).
    public func show(_ p: AssessmentProgress) {
        guard enabled else { return }
        let t = Self.now()
        guard t - last >= 0.1 else { return }
        last = t
        emit("\r\u{1B}[2K" + Self.line(p, elapsed: t - started))
        shown = true
    }

    /// Erases the line.
    public func finish() {
        guard enabled, shown else { return }
        emit("\r\u{1B}[2K")
        shown = false
    }

    /// The progress line: "assess: 512.0 MiB of 1.0 GiB (50%), 1.1 GB/s, 4,096 streams, SP 800-90B: health tests".
    public static func line(_ p: AssessmentProgress, elapsed: Double) -> String {
        var text = "assess: " + ByteFormat.size(p.bytesRead)
        if let total = p.totalBytes, total > 0 {
            text += " of \(ByteFormat.size(total)) (\(Int(Double(p.bytesRead) / Double(total) * 100))%)"
        }
        if elapsed > 0 { text += ", " + ByteFormat.rate(Double(p.bytesRead) / elapsed) }
        if p.streamsDone > 0 { text += ", \(p.streamsDone) SP 800-22 stream\(p.streamsDone == 1 ? "" : "s")" }
        if let phase = p.sp80090bPhase { text += ", SP 800-90B: \(phase)" }
        return text
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private func emit(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { SystemCall.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
            offset += n
        }
    }
}
