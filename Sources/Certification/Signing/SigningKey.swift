import Crypto

/// An Ed25519 private key: signs reports. Its PEM is PKCS#8 (`-----BEGIN PRIVATE KEY-----`),
/// the form `openssl genpkey -algorithm ed25519` writes.
///
/// The key never appears in descriptions or messages.
public struct SigningKey: Sendable, CustomStringConvertible {
    /// The 32-byte RFC 8032 private key (seed). Kept as bytes so the type is `Sendable`.
    private let seed: [UInt8]
    private let publicRaw: [UInt8]

    /// A fresh key from the system's secure random source.
    public static func generate() -> SigningKey {
        let key = Curve25519.Signing.PrivateKey()
        return SigningKey(seed: Array(key.rawRepresentation), publicRaw: Array(key.publicKey.rawRepresentation))
    }

    private init(seed: [UInt8], publicRaw: [UInt8]) {
        self.seed = seed
        self.publicRaw = publicRaw
    }

    /// A key from its 32-byte seed (RFC 8032 private key).
    public init(seed: [UInt8], path: String = "private key") throws(KeyError) {
        guard seed.count == 32 else {
            throw .badKey(path: path, reason: "Ed25519 private key is \(seed.count) bytes, expected 32")
        }
        do {
            let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
            self.seed = seed
            publicRaw = Array(key.publicKey.rawRepresentation)
        } catch {
            throw .badKey(path: path, reason: "not a valid Ed25519 private key")
        }
    }

    /// Reads a PKCS#8 PEM private key. A public key embedded in the file (PKCS#8 v2) must be
    /// the one that belongs to the private key.
    public init(pem: String, path: String) throws(KeyError) {
        let document = try PEMDocument.parse(pem, expected: Ed25519KeyEncoding.privateKeyLabel, path: path)
        let parts = try Ed25519KeyEncoding.parsePrivateKeyDER(document.der, path: path)
        try self.init(seed: parts.seed, path: path)
        if let embedded = parts.publicKey, embedded != publicKey.raw {
            throw .badKey(path: path, reason: "the public key stored in the file does not belong to its private key")
        }
    }

    /// Reads a private key file.
    public init(contentsOf path: String) throws(KeyError) {
        try self.init(pem: KeyFileText.read(path), path: path)
    }

    /// The matching public key.
    public var publicKey: VerificationKey {
        // A public key derived by swift-crypto is always 32 valid bytes.
        try! VerificationKey(raw: publicRaw)
    }

    /// The PKCS#8 PEM text (the secret: write it only to a file created with mode 0600).
    public var pem: String {
        PEMDocument(label: Ed25519KeyEncoding.privateKeyLabel,
                    der: Ed25519KeyEncoding.privateKeyDER(seed: seed)).text
    }

    /// The raw 64-byte Ed25519 signature (R ‖ S, RFC 8032) of exactly `message`.
    public func signature(for message: [UInt8]) throws(KeyError) -> [UInt8] {
        do {
            let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
            return Array(try key.signature(for: message))
        } catch {
            throw .badKey(path: "private key", reason: "Ed25519 signing failed: \(error)")
        }
    }

    public var description: String { "Ed25519 private key (public key fingerprint \(publicKey.fingerprint))" }
}
