import Foundation
import RandomnessCore

/// How numbers appear in the HTML report. Every figure goes through here so that the same
/// kind of number always looks the same (and the page is the same for the same report).
///
/// All formats use "." as the decimal separator and "," between thousands, whatever the locale.
public enum DisplayFormat {
    /// `value` with exactly `digits` decimals ("%.*f"); "−0" is shown as "0".
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        let text = String(format: "%.\(digits)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
        return text
    }

    /// A p-value as STS prints it (6 decimals); a positive value that would print as 0.000000
    /// is shown in scientific notation instead ("3.2e-09"), so a tiny p is never mistaken for
    /// an exact zero.
    public static func pValue(_ p: Double) -> String {
        let text = fixed(p, 6)
        if p > 0 && text == "0.000000" { return String(format: "%.1e", p) }
        return text
    }

    /// An integer with "," between groups of three digits: 1,048,576.
    public static func grouped(_ value: Int) -> String { GroupedNumber.text(value) }

    /// An unsigned integer with groups: 18,446,744,073,709,551,615.
    public static func grouped(_ value: UInt64) -> String {
        value <= UInt64(Int.max) ? grouped(Int(value)) : groupedDigits(String(value))
    }

    private static func groupedDigits(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// A byte count with its binary-prefixed size: "1,048,576 bytes (1.00 MiB)".
    public static func bytes(_ count: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var size = Double(count)
        var unit = -1
        while size >= 1024 && unit < units.count - 1 {
            size /= 1024
            unit += 1
        }
        let plural = count == 1 ? "byte" : "bytes"
        return unit < 0 ? "\(grouped(count)) \(plural)" : "\(grouped(count)) \(plural) (\(fixed(size, 2)) \(units[unit]))"
    }

    /// A percentage with `digits` decimals: "96.50 %".
    public static func percent(_ value: Double, _ digits: Int = 2) -> String { fixed(value, digits) + " %" }

    /// The time between two RFC 3339 instants ("0.094 s", "2 min 03.5 s"), or nil when either
    /// does not parse.
    public static func duration(from start: String, to end: String) -> String? {
        guard let a = seconds(rfc3339: start), let b = seconds(rfc3339: end), b >= a else { return nil }
        let d = b - a
        if d < 60 { return fixed(d, 3) + " s" }
        if d < 3600 {
            let minutes = Int(d / 60)
            let rest = d - Double(minutes) * 60
            return "\(minutes) min \(rest < 10 ? "0" : "")\(fixed(rest, 1)) s"
        }
        let hours = Int(d / 3600)
        let minutes = Int((d - Double(hours) * 3600) / 60)
        return "\(hours) h \(minutes < 10 ? "0" : "")\(minutes) min"
    }

    /// Seconds since the epoch of an RFC 3339 UTC instant "YYYY-MM-DDTHH:MM:SS[.fff]Z".
    static func seconds(rfc3339 text: String) -> Double? {
        let scalars = Array(text.utf8)
        guard scalars.count >= 20, scalars.last == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= scalars.count else { return nil }
            var v = 0
            for b in scalars[range] {
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month) else { return nil }
        var fraction = 0.0
        if scalars[19] == UInt8(ascii: ".") {
            var scale = 0.1
            for b in scalars[20..<(scalars.count - 1)] {
                guard b >= 48 && b <= 57 else { return nil }
                fraction += Double(b - 48) * scale
                scale /= 10
            }
        }
        // Days from the civil date (proleptic Gregorian), Howard Hinnant's algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction
    }
}
