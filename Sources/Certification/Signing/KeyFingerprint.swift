import AssessmentEngine
import Crypto

/// The fingerprint that names a signing key: SHA-256 of the raw 32-byte Ed25519 public key
/// (not of its PEM or DER form), as 64 lowercase hex digits.
///
/// openssl reproduces it from a public key file (the DER SubjectPublicKeyInfo is 44 bytes,
/// its last 32 are the raw key):
/// `openssl pkey -pubin -in NAME.pub -outform DER | tail -c 32 | sha256sum`
public enum KeyFingerprint {
    /// The fingerprint of a raw public key.
    public static func of(rawPublicKey: [UInt8]) -> String {
        SHA256Digest.hex(of: rawPublicKey)
    }

    /// Normalises a fingerprint typed by a person: case is ignored, and so are ':' and
    /// whitespace between digits. Returns nil unless exactly 64 hex digits remain.
    public static func normalize(_ text: String) -> String? {
        let digits = text.lowercased().filter { $0 != ":" && !$0.isWhitespace }
        guard digits.count == 64, digits.allSatisfy(\.isHexDigit) else { return nil }
        return digits
    }
}
