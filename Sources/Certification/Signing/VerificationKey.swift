import Crypto
import Foundation
import RandomnessCore

/// An Ed25519 public key: checks report signatures and names the signer by its fingerprint.
public struct VerificationKey: Equatable, Sendable {
    /// The 32-byte public key (RFC 8032 encoding).
    public let raw: [UInt8]

    public init(raw: [UInt8], path: String = "public key") throws(KeyError) {
        guard raw.count == 32 else {
            throw .badKey(path: path, reason: "Ed25519 public key is \(raw.count) bytes, expected 32")
        }
        if Self.hasSmallOrder(raw) {
            throw .badKey(path: path,
                reason: "Ed25519 public key \(raw.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()) is a small-order point; it verifies forged signatures and is refused")
        }
        do {
            _ = try Curve25519.Signing.PublicKey(rawRepresentation: raw)
        } catch {
            throw .badKey(path: path, reason: "not a valid Ed25519 public key (\(error))")
        }
        self.raw = raw
    }

    /// The y coordinates (little-endian, sign bit clear) of the eight points of small order
    /// (1, 2, 4, 8), including their non-canonical encodings (y ≥ p): 0, 1, the two order-8
    /// values, p − 1, p and p + 1. The same list as libsodium's `ge25519_has_small_order`
    /// (see "Taming the many EdDSAs", Chalkias et al. 2020, table 6). A key among them
    /// (with either sign bit) accepts signatures that no private key made: with the identity
    /// as the key, R = identity and S = 0 is a valid signature of every message.
    static let smallOrderY: [[UInt8]] = {
        func bytes(_ hex: String) -> [UInt8] {
            var out: [UInt8] = []
            var index = hex.startIndex
            while index < hex.endIndex {
                let next = hex.index(index, offsetBy: 2)
                out.append(UInt8(hex[index..<next], radix: 16)!)
                index = next
            }
            return out
        }
        let p = "ed" + String(repeating: "ff", count: 30) + "7f"
        return [
            String(repeating: "00", count: 32),                                         // y = 0 (order 4)
            "01" + String(repeating: "00", count: 31),                                  // y = 1 (identity)
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",     // order 8
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",     // order 8
            "ec" + String(repeating: "ff", count: 30) + "7f",                       // y = p − 1 (order 2)
            p,                                                                      // y = p ≡ 0
            "ee" + String(repeating: "ff", count: 30) + "7f",                       // y = p + 1 ≡ 1
        ].map(bytes)
    }()

    /// Whether the 32-byte encoding is a point of small order (whatever its sign bit).
    static func hasSmallOrder(_ raw: [UInt8]) -> Bool {
        guard raw.count == 32 else { return false }
        var y = raw
        y[31] &= 0x7f
        return smallOrderY.contains(y)
    }

    /// Reads a SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), as written by
    /// `rngcert keygen` or `openssl pkey -pubout`.
    public init(pem: String, path: String) throws(KeyError) {
        let document = try PEMDocument.parse(pem, expected: Ed25519KeyEncoding.publicKeyLabel, path: path)
        try self.init(raw: Ed25519KeyEncoding.parsePublicKeyDER(document.der, path: path), path: path)
    }

    /// Reads a public key file.
    public init(contentsOf path: String) throws(KeyError) {
        try self.init(pem: KeyFileText.read(path), path: path)
    }

    /// SHA-256 of `raw`, lowercase hex; see `KeyFingerprint`.
    public var fingerprint: String { KeyFingerprint.of(rawPublicKey: raw) }

    /// The DER SubjectPublicKeyInfo.
    public var der: [UInt8] { Ed25519KeyEncoding.publicKeyDER(raw: raw) }

    /// The PEM text openssl reads with `openssl pkey -pubin`.
    public var pem: String { PEMDocument(label: Ed25519KeyEncoding.publicKeyLabel, der: der).text }

    /// Whether `signature` (64 bytes) is a valid Ed25519 signature of exactly `message`.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: message)
    }

    public static func == (a: VerificationKey, b: VerificationKey) -> Bool { a.raw == b.raw }
}

/// Reads a key file as text, mapping failures to `KeyError`.
enum KeyFileText {
    static func read(_ path: String) throws(KeyError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            throw .cannotRead(path: path, reason: error.reason)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
