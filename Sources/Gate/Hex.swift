import AssessmentEngine
import RandomnessCore

/// Lowercase hexadecimal, as reports and proofs write hashes.
public enum Hex {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        SHA256Digest.hexString(bytes)
    }

    /// The bytes of `text` (either case, even length), or nil.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let high = HexDigit.value(utf8[i]), let low = HexDigit.value(utf8[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

    /// SHA-256 of `bytes`, lowercase hex.
    public static func sha256(_ bytes: [UInt8]) -> String { SHA256Digest.hex(of: bytes) }
}
