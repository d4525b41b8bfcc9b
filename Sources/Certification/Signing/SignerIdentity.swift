import Foundation

/// Who signed a report: the Ed25519 public key itself and its fingerprint, recorded inside
/// the signed JSON so the signature binds them.
///
/// Embedding the key lets `verify --fingerprint HEX` check a report with nothing but a
/// fingerprint obtained out of band (the embedded key is used only if its fingerprint is the
/// pinned one); `verify --key NAME.pub` checks that the given key is the embedded one.
public struct SignerIdentity: Codable, Sendable, Equatable {
    /// Always "Ed25519".
    public var algorithm: String
    /// Base64 of the DER SubjectPublicKeyInfo (44 bytes), i.e. the body of the `NAME.pub`
    /// PEM file on one line.
    public var publicKey: String
    /// SHA-256 of the raw 32-byte public key (the last 32 bytes of the DER), lowercase hex.
    public var fingerprint: String

    public static let ed25519 = "Ed25519"

    public init(key: VerificationKey) {
        algorithm = Self.ed25519
        publicKey = Data(key.der).base64EncodedString()
        fingerprint = key.fingerprint
    }

    /// The embedded key, checked: the algorithm must be Ed25519 and `publicKey` a valid
    /// SubjectPublicKeyInfo. (Whether `fingerprint` matches it is a verification check.)
    public func verificationKey(reportPath: String) throws(KeyError) -> VerificationKey {
        let place = "\(reportPath): signer.publicKey"
        guard algorithm == Self.ed25519 else {
            throw .notEd25519(path: "\(reportPath): signer.algorithm", algorithm: "'\(algorithm)'")
        }
        guard let der = Data(base64Encoded: publicKey) else {
            throw .badKey(path: place, reason: "not valid base64")
        }
        return try VerificationKey(raw: Ed25519KeyEncoding.parsePublicKeyDER(Array(der), path: place), path: place)
    }
}
