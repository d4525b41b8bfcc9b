import SwiftASN1

/// The RFC 8410 DER forms of Ed25519 keys, as openssl writes and reads them.
///
/// Writing uses the fixed encodings (every Ed25519 key has the same prefix):
/// - private key, PKCS#8 v1 `PrivateKeyInfo`, 48 bytes:
///   `30 2e 02 01 00 30 05 06 03 2b 65 70 04 22 04 20` ‖ 32-byte seed
/// - public key, `SubjectPublicKeyInfo`, 44 bytes:
///   `30 2a 30 05 06 03 2b 65 70 03 21 00` ‖ 32-byte public key
///
/// Reading parses the structure (DER through swift-asn1), so it also accepts PKCS#8 v2 (`OneAsymmetricKey` with the
/// public key attached, RFC 5958) and says precisely what is wrong with anything else.
public enum Ed25519KeyEncoding {
    /// id-Ed25519, 1.3.101.112.
    static let oid: ASN1ObjectIdentifier = [1, 3, 101, 112]
    static let privateKeyPrefix: [UInt8] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
    static let publicKeyPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]

    public static let privateKeyLabel = "PRIVATE KEY"
    public static let publicKeyLabel = "PUBLIC KEY"

    /// PKCS#8 DER of a 32-byte private key seed.
    public static func privateKeyDER(seed: [UInt8]) -> [UInt8] {
        precondition(seed.count == 32, "an Ed25519 private key is 32 bytes")
        return privateKeyPrefix + seed
    }

    /// SubjectPublicKeyInfo DER of a 32-byte public key.
    public static func publicKeyDER(raw: [UInt8]) -> [UInt8] {
        precondition(raw.count == 32, "an Ed25519 public key is 32 bytes")
        return publicKeyPrefix + raw
    }

    /// The seed and, when the file carries it (PKCS#8 v2), the public key. The DER is read
    /// by swift-asn1; the structure is checked here, field by field.
    public static func parsePrivateKeyDER(_ der: [UInt8], path: String) throws(KeyError) -> (seed: [UInt8], publicKey: [UInt8]?) {
        try reading(der, structure: "PKCS#8 private key", path: path) { root in
            try DER.sequence(root, identifier: .sequence) { fields in
                let version = try Int(derEncoded: &fields)
                guard version == 0 || version == 1 else { throw KeyStructureError("version is not 0 (v1) or 1 (v2)") }
                try checkAlgorithm(&fields, path: path)
                let wrapped = try ASN1OctetString(derEncoded: &fields)
                let seed = try ASN1OctetString(derEncoded: try DER.parse(wrapped.bytes)).bytes
                guard seed.count == 32 else {
                    throw KeyError.badKey(path: path, reason: "Ed25519 private key is \(seed.count) bytes, expected 32")
                }
                var publicKey: [UInt8]?
                while let field = fields.next() {
                    switch field.identifier {
                    case ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific):
                        continue  // [0] attributes: nothing in them matters here
                    case ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific):
                        // [1] publicKey BIT STRING (implicit; some writers wrap it, constructed)
                        let bits: ASN1BitString
                        if case let .constructed(inner) = field.content {
                            var nodes = inner.makeIterator()
                            bits = try ASN1BitString(derEncoded: &nodes)
                        } else {
                            bits = try ASN1BitString(derEncoded: field, withIdentifier: field.identifier)
                        }
                        guard bits.paddingBits == 0, bits.bytes.count == 32 else {
                            throw KeyError.badKey(path: path, reason: "embedded Ed25519 public key is not 32 whole bytes")
                        }
                        publicKey = Array(bits.bytes)
                    default:
                        throw KeyStructureError("unexpected field \(field.identifier) after the private key")
                    }
                }
                return (Array(seed), publicKey)
            }
        }
    }

    /// The 32-byte public key in a SubjectPublicKeyInfo.
    public static func parsePublicKeyDER(_ der: [UInt8], path: String) throws(KeyError) -> [UInt8] {
        try reading(der, structure: "SubjectPublicKeyInfo", path: path) { root in
            try DER.sequence(root, identifier: .sequence) { fields in
                try checkAlgorithm(&fields, path: path)
                let bits = try ASN1BitString(derEncoded: &fields)
                guard bits.paddingBits == 0 else { throw KeyStructureError("public key BIT STRING has unused bits") }
                guard bits.bytes.count == 32 else {
                    throw KeyError.badKey(path: path, reason: "Ed25519 public key is \(bits.bytes.count) bytes, expected 32")
                }
                if fields.next() != nil { throw KeyStructureError("unexpected field after the public key") }
                return Array(bits.bytes)
            }
        }
    }

    /// Parses `der` (one DER element, nothing after it) and reads it with `body`; a DER or
    /// structure error becomes `KeyError.badDER` naming `structure`.
    private static func reading<T>(_ der: [UInt8], structure: String, path: String,
                                   _ body: (ASN1Node) throws -> T) throws(KeyError) -> T {
        do {
            return try body(try DER.parse(der))
        } catch let error as KeyError {
            throw error
        } catch let error as KeyStructureError {
            throw .badDER(path: path, structure: structure, reason: error.reason)
        } catch let error as ASN1Error {
            throw .badDER(path: path, structure: structure, reason: describe(error))
        } catch {
            throw .badDER(path: path, structure: structure, reason: "\(error)")
        }
    }

    /// Reads an AlgorithmIdentifier and fails unless it is id-Ed25519 without parameters.
    private static func checkAlgorithm(_ fields: inout ASN1NodeCollection.Iterator, path: String) throws {
        guard let node = fields.next() else { throw KeyStructureError("no AlgorithmIdentifier") }
        try DER.sequence(node, identifier: .sequence) { parts in
            let oid = try ASN1ObjectIdentifier(derEncoded: &parts)
            guard oid == Self.oid else { throw KeyError.notEd25519(path: path, algorithm: algorithmName(oid.description)) }
            // RFC 8410 section 3: the parameters MUST be absent.
            if parts.next() != nil { throw KeyStructureError("the Ed25519 algorithm identifier has parameters (RFC 8410: parameters must be absent)") }
        }
    }

    /// swift-asn1's error in words, without its source location.
    private static func describe(_ error: ASN1Error) -> String {
        var detail = String(describing: error)
        if let space = detail.lastIndex(of: " "), detail[space...].contains(".swift:") { detail = String(detail[..<space]) }
        if let colon = detail.range(of: ": ") { detail = String(detail[colon.upperBound...]) } else { detail = "" }
        switch error.code {
        case .truncatedASN1Field: return "truncated: a length field claims more bytes than remain"
        case .unsupportedFieldLength: return "a length field is not in DER form"
        case .invalidASN1IntegerEncoding: return "an INTEGER is not in DER form"
        case .unexpectedFieldType: return "unexpected field type \(detail)"
        default: return detail.isEmpty ? "not valid DER" : "not valid DER: \(detail)"
        }
    }

    private static func algorithmName(_ dotted: String) -> String {
        let names = [
            "1.2.840.113549.1.1.1": "RSA", "1.2.840.10045.2.1": "EC (ECDSA)",
            "1.3.101.110": "X25519", "1.3.101.111": "X448", "1.3.101.113": "Ed448",
            "1.2.840.10040.4.1": "DSA",
        ]
        return names[dotted].map { "\($0) (OID \(dotted))" } ?? "OID \(dotted)"
    }
}

/// A well-formed DER element that is not the key structure expected.
struct KeyStructureError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
