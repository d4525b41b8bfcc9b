/// Sizes, rates and durations for people: binary units with one decimal.
public enum ByteFormat {
    /// `512 B`, `1.5 KiB`, `420.0 MiB`, `1.0 GiB`.
    public static func size(_ bytes: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = bytes
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(Int(value)) B" : "\(oneDecimal(value)) \(units[unit])"
    }

    public static func size(_ bytes: Int) -> String { size(Double(bytes)) }

    /// `812.3 MiB/s`.
    public static func rate(_ bytesPerSecond: Double) -> String { size(bytesPerSecond) + "/s" }

    /// `0:07`, `12:34`, `1:02:03`.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let h = total / 3600, m = total / 60 % 60, s = total % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }

    static func oneDecimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
