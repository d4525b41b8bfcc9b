import Foundation

/// `text` as one shell word: unchanged when it is made of safe characters, else in single
/// quotes (with `'` written as `'\''`).
func quoted(_ text: String) -> String {
    let safe = text.unicodeScalars.allSatisfy { s in
        (s.value < 128 && (CharacterSetASCII.alnum(s) || "-_./=:,+@%".unicodeScalars.contains(s)))
    }
    if safe && !text.isEmpty { return text }
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

private enum CharacterSetASCII {
    static func alnum(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9")
    }
}
