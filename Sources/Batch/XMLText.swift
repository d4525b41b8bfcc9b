/// Text made safe for XML 1.0 character data and attribute values.
///
/// &, <, >, " and ' become entities; characters XML 1.0 cannot hold at all (C0 controls other
/// than tab, newline and carriage return; U+FFFE, U+FFFF; lone surrogates cannot occur in a
/// Swift String) become "\u{…}" escapes, so an input path with a control character still
/// gives a well-formed file. Tab, newline and carriage return are kept as character references.
public enum XMLText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
