/// The RFC 8410 DER forms of Ed25519 keys, as openssl writes and reads them.
///
/// Writing uses the fixed encodings (every Ed25519 key has the same prefix):
/// - private key, PKCS#8 v1 `PrivateKeyInfo`, 48 bytes:
///   `30 2e 02 01 00 30 05 06 03 2b 65 70 04 22 04 20` ‖ 32-byte seed
/// - public key, `SubjectPublicKeyInfo`, 44 bytes:
///   `30 2a 30 05 06 03 2b 65 70 03 21 00` ‖ 32-byte public key
///
/// Reading parses the structure, so it also accepts PKCS#8 v2 (`OneAsymmetricKey` with the
/// public key attached, RFC 5958) and says precisely what is wrong with anything else.
public enum Ed25519KeyEncoding {
    /// id-Ed25519, 1.3.101.112.
    static let oid: [UInt8] = [0x2b, 0x65, 0x70]
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

    /// The seed and, when the file carries it (PKCS#8 v2), the public key.
    public static func parsePrivateKeyDER(_ der: [UInt8], path: String) throws(KeyError) -> (seed: [UInt8], publicKey: [UInt8]?) {
        let structure = "PKCS#8 private key"
        do {
            var outer = DERReader(der[...])
            var info = DERReader(try outer.read(DERReader.sequence, "PrivateKeyInfo SEQUENCE"))
            try outer.expectEnd("the PrivateKeyInfo")
            let version = try info.read(DERReader.integer, "version INTEGER")
            guard version.count == 1, version.first! <= 1 else {
                throw DERError("version is not 0 (v1) or 1 (v2)")
            }
            try checkAlgorithm(&info, path: path)
            var wrapped = DERReader(try info.read(DERReader.octetString, "privateKey OCTET STRING"))
            let seed = try wrapped.read(DERReader.octetString, "CurvePrivateKey OCTET STRING")
            try wrapped.expectEnd("the CurvePrivateKey")
            guard seed.count == 32 else {
                throw KeyError.badKey(path: path, reason: "Ed25519 private key is \(seed.count) bytes, expected 32")
            }
            var publicKey: [UInt8]?
            while let tag = info.nextTag {
                let element = try info.readElement()
                switch tag {
                case 0xa0:
                    continue // [0] attributes: nothing in them matters here
                case 0x81, 0xa1:
                    // [1] publicKey BIT STRING (implicit: 0x81; some writers use constructed 0xa1)
                    var bits = element.contents
                    if tag == 0xa1 {
                        var inner = DERReader(element.contents)
                        bits = try inner.read(DERReader.bitString, "publicKey BIT STRING")
                    }
                    guard bits.first == 0, bits.count == 33 else {
                        throw KeyError.badKey(path: path, reason: "embedded Ed25519 public key is not 32 whole bytes")
                    }
                    publicKey = Array(bits.dropFirst())
                default:
                    throw DERError("unexpected field with tag 0x\(DERReader.hex(tag)) after the private key")
                }
            }
            return (Array(seed), publicKey)
        } catch let error as KeyError {
            throw error
        } catch let error as DERError {
            throw .badDER(path: path, structure: structure, reason: error.reason)
        } catch {
            throw .badDER(path: path, structure: structure, reason: "\(error)")
        }
    }

    /// The 32-byte public key in a SubjectPublicKeyInfo.
    public static func parsePublicKeyDER(_ der: [UInt8], path: String) throws(KeyError) -> [UInt8] {
        let structure = "SubjectPublicKeyInfo"
        do {
            var outer = DERReader(der[...])
            var info = DERReader(try outer.read(DERReader.sequence, "SubjectPublicKeyInfo SEQUENCE"))
            try outer.expectEnd("the SubjectPublicKeyInfo")
            try checkAlgorithm(&info, path: path)
            let bits = try info.read(DERReader.bitString, "subjectPublicKey BIT STRING")
            try info.expectEnd("the public key")
            guard bits.first == 0 else { throw DERError("public key BIT STRING has unused bits") }
            guard bits.count == 33 else {
                throw KeyError.badKey(path: path, reason: "Ed25519 public key is \(bits.count - 1) bytes, expected 32")
            }
            return Array(bits.dropFirst())
        } catch let error as KeyError {
            throw error
        } catch let error as DERError {
            throw .badDER(path: path, structure: structure, reason: error.reason)
        } catch {
            throw .badDER(path: path, structure: structure, reason: "\(error)")
        }
    }

    /// Reads an AlgorithmIdentifier and fails unless it is id-Ed25519 without parameters.
    private static func checkAlgorithm(_ reader: inout DERReader, path: String) throws -> Void {
        var algorithm = DERReader(try reader.read(DERReader.sequence, "AlgorithmIdentifier SEQUENCE"))
        let oid = try algorithm.read(DERReader.objectIdentifier, "algorithm OBJECT IDENTIFIER")
        guard Array(oid) == Self.oid else {
            throw KeyError.notEd25519(path: path, algorithm: algorithmName(oid))
        }
        // RFC 8410 section 3: the parameters MUST be absent.
        try algorithm.expectEnd("the Ed25519 algorithm identifier (parameters must be absent)")
    }

    private static func algorithmName(_ oid: ArraySlice<UInt8>) -> String {
        let dotted = DERReader.dottedOID(oid)
        let names = [
            "1.2.840.113549.1.1.1": "RSA", "1.2.840.10045.2.1": "EC (ECDSA)",
            "1.3.101.110": "X25519", "1.3.101.111": "X448", "1.3.101.113": "Ed448",
            "1.2.840.10040.4.1": "DSA",
        ]
        return names[dotted].map { "\($0) (OID \(dotted))" } ?? "OID \(dotted)"
    }
}
