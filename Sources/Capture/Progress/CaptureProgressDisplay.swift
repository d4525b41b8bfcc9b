#if canImport(Glibc)
import RandomnessCore
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows capture progress on standard error: a bar redrawn in place on a terminal
/// (bytes, rate, ETA, health alarms), plain lines every `interval` seconds otherwise, or
/// nothing. Retry notes always get a line of their own.
///
/// `show` is called from one serial queue at a time (a capture's progress queue), which is
/// what makes the unsynchronized state safe.
public final class CaptureProgressDisplay: @unchecked Sendable {
    public enum Style: Sendable, Equatable {
        case bar
        case lines
        case none
    }

    public let style: Style
    public let interval: Double
    private let fd: Int32
    private var lastLine = -Double.infinity
    private var barShown = false
    /// Set when a write failed (a closed pipe, a terminal gone): progress is not shown again.
    private var broken = false

    /// `.bar` when `fd` is a terminal, else `.lines`; `.none` when quiet.
    public init(quiet: Bool, interval: Double, fd: Int32 = STDERR_FILENO) {
        self.fd = fd
        self.interval = interval
        style = quiet ? .none : (isatty(fd) == 1 ? .bar : .lines)
    }

    /// How often the session should report: often enough for a smooth bar.
    public var reportInterval: Double { style == .bar ? 0.1 : min(interval, 1) }

    public func show(_ progress: CaptureProgress) {
        switch style {
        case .none:
            return
        case .bar:
            var text = "\r\u{1B}[2K"
            if let note = progress.note { text += "capture: \(note)\n" }
            text += Self.bar(progress)
            if progress.finished { text += "\n" }
            emit(text)
            barShown = !progress.finished
        case .lines:
            if let note = progress.note { emit("capture: \(note)\n") }
            if progress.finished || progress.elapsed - lastLine >= interval {
                lastLine = progress.elapsed
                emit("capture: " + Self.line(progress) + "\n")
            }
        }
    }

    /// `[#######.............]  35%  350.0 MiB / 1.0 GiB  812.3 MiB/s  ETA 0:01  alarms 0`
    public static func bar(_ p: CaptureProgress, width: Int = 24) -> String {
        var parts: [String] = []
        if let target = p.target, target > 0 {
            let fraction = min(1, Double(p.bytes) / Double(target))
            let filled = Int(fraction * Double(width))
            parts.append("[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]")
            parts.append(String(Int(fraction * 100)).leftPadded(3) + "%")
            parts.append("\(ByteFormat.size(p.bytes)) / \(ByteFormat.size(target))")
        } else {
            parts.append(ByteFormat.size(p.bytes))
        }
        parts.append(ByteFormat.rate(p.rate))
        if !p.finished, let left = p.secondsLeft { parts.append("ETA \(ByteFormat.duration(left))") }
        parts.append("alarms \(p.alarms)")
        if p.retries > 0 { parts.append("retries \(p.retries)") }
        return parts.joined(separator: "  ")
    }

    /// `350.0 MiB of 1.0 GiB (35%), 812.3 MiB/s, ETA 0:01, 0 health alarms`
    public static func line(_ p: CaptureProgress) -> String {
        var text = ByteFormat.size(p.bytes)
        if let target = p.target, target > 0 {
            text += " of \(ByteFormat.size(target)) (\(Int(min(1, Double(p.bytes) / Double(target)) * 100))%)"
        }
        text += ", \(ByteFormat.rate(p.rate))"
        if !p.finished, let left = p.secondsLeft { text += ", ETA \(ByteFormat.duration(left))" }
        text += ", \(p.alarms) health alarm\(p.alarms == 1 ? "" : "s")"
        if p.retries > 0 { text += ", \(p.retries) retr\(p.retries == 1 ? "y" : "ies")" }
        return text + (p.finished ? " (done)" : "")
    }

    /// Writes `text`; a failed write (EPIPE from a closed pipe, EIO from a terminal that
    /// hung up) ends the display for good, never the capture.
    private func emit(_ text: String) {
        if broken { return }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { SystemCall.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                broken = true
                return
            }
            offset += n
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
