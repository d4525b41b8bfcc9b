/// The dates `--since` accepts: a UTC date YYYY-MM-DD, or a time YYYY-MM-DDTHH:MM[:SS]Z.
/// Reports' times are RFC 3339 UTC, so comparing these as text compares them as times.
public enum HistoryDate {
    public static func isValid(_ text: String) -> Bool {
        let digits = Array(text.utf8)
        func digit(_ i: Int) -> Bool { i < digits.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digits[i]) }
        func char(_ i: Int, _ c: Character) -> Bool { i < digits.count && digits[i] == c.asciiValue! }
        guard digits.count >= 10, (0..<4).allSatisfy(digit), char(4, "-"), digit(5), digit(6), char(7, "-"), digit(8), digit(9) else { return false }
        let month = Int(text.dropFirst(5).prefix(2))!, day = Int(text.dropFirst(8).prefix(2))!
        guard (1...12).contains(month), (1...31).contains(day) else { return false }
        if digits.count == 10 { return true }
        guard char(10, "T"), digit(11), digit(12), char(13, ":"), digit(14), digit(15) else { return false }
        if digits.count == 17 { return char(16, "Z") }
        return digits.count == 20 && char(16, ":") && digit(17) && digit(18) && char(19, "Z")
    }
}
