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
        do {
            _ = try Curve25519.Signing.PublicKey(rawRepresentation: raw)
        } catch {
            throw .badKey(path: path, reason: "not a valid Ed25519 public key (\(error))")
        }
        self.raw = raw
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
