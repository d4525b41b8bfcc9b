#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RandomnessCore

/// Instants in UTC, written as RFC 3339 (`2026-11-21T20:58:03.125Z`) by
/// `RandomnessCore.UTCTimestamp`, and the host name, for reports.
public enum Timestamp {
    /// The current time as RFC 3339 UTC with milliseconds.
    public static func now() -> String { UTCTimestamp.now() }

    /// Formats seconds since the Unix epoch (UTC) as RFC 3339.
    public static func rfc3339(seconds: Int, milliseconds: Int) -> String {
        UTCTimestamp.rfc3339(seconds: seconds, milliseconds: milliseconds)
    }

    /// The machine's host name.
    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
