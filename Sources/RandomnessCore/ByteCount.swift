/// A byte count as `head -c` and `dd` read it: a decimal number with an optional suffix
/// K, M or G meaning 2^10, 2^20, 2^30 (KiB, MiB, GiB are accepted too).
public enum ByteCount {
    /// The largest count accepted: 2^50 bytes (1 PiB, written 1048576G). Larger values are
    /// typing mistakes, and products past it would come near Int's overflow.
    public static let maximum = 1 << 50

    /// Parses `text`, throwing `InputError.invalidParameter` naming `parameter` on failure.
    public static func parse(_ text: String, parameter: String = "--bytes") throws(InputError) -> Int {
        let trimmed = text.trimmingSpaces
        var digits = Substring(trimmed)
        var multiplier = 1
        let suffixes: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30),
                                         ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30),
                                         ("k", 1 << 10), ("m", 1 << 20), ("g", 1 << 30)]
        for (suffix, value) in suffixes where digits.hasSuffix(suffix) {
            digits = digits.dropLast(suffix.count)
            multiplier = value
            break
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidParameter(name: parameter, value: text, reason: "expected a byte count such as 4096, 64K, 16M or 1G")
        }
        let range = "must be between 1 and \(maximum) bytes (1048576G)"
        guard let n = Int(digits) else { throw .invalidParameter(name: parameter, value: text, reason: range) }
        let (product, overflow) = n.multipliedReportingOverflow(by: multiplier)
        guard !overflow, product > 0, product <= maximum else {
            throw .invalidParameter(name: parameter, value: text, reason: range)
        }
        return product
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
