/// Text from outside the program (a report's fields, a file name) made safe to print on a
/// terminal.
///
/// A crafted string can carry escape sequences that set the window title, clear the screen,
/// move the cursor or reverse the text direction, or a newline followed by a forged
/// `verified: …` line. `escaped` replaces every such character with a visible escape, so
/// what is printed is one line that shows exactly what the string holds.
public enum TerminalText {
    /// `text` with control and layout characters written as `\u{1B}`-style escapes: C0
    /// controls (newline and tab included), DEL, C1 controls, the line and paragraph
    /// separators, and the bidirectional formatting characters. Everything else is kept.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true             // C0, DEL, C1
        case 0x2028, 0x2029: return true                       // line and paragraph separators
        case 0x200E, 0x200F, 0x061C: return true               // direction marks
        case 0x202A...0x202E, 0x2066...0x2069: return true     // bidi embeddings, overrides, isolates
        default: return false
        }
    }
}

extension TerminalText {
    /// An error whose message is another error's, escaped: what a command throws when the
    /// message may quote a report's fields or a file name. The exit code is that of any
    /// error (2, unreadable or malformed input).
    public struct EscapedError: Error, CustomStringConvertible, Sendable {
        public let description: String
        public init(_ error: any Error) { description = TerminalText.escaped("\(error)") }
    }
}
