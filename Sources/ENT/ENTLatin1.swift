/// The ISO 8859-1 (Latin-1) character classes `ent` uses (its iso8859.c tables): case
/// folding for `-f` and which byte values the `-c` table shows as a character.
public enum ENTLatin1 {
    /// `ent -f`: upper-case Latin-1 letters A–Z, À–Ö and Ø–Þ become their lower-case
    /// forms (value + 0x20); every other byte, ß and ÿ included, is unchanged.
    public static let foldTable: [UInt8] = (0...255).map { value in
        let v = UInt8(value)
        let isUpper = (0x41...0x5A).contains(v) || (0xC0...0xDE).contains(v) && v != 0xD7
        return isUpper ? v + 0x20 : v
    }

    /// Whether the `-c` table prints `value` itself in its Char column: printable and not
    /// a space, i.e. 0x21–0x7E and 0xA1–0xFF (raw Latin-1 bytes); others print a blank.
    public static func isShownInCountTable(_ value: UInt8) -> Bool {
        (0x21...0x7E).contains(value) || value >= 0xA1
    }
}
