/// Why a key file could not be read or used; every case names the file.
public enum KeyError: Error, CustomStringConvertible, Equatable, Sendable {
    case cannotRead(path: String, reason: String)
    /// The file has no PEM block with the expected label.
    case notPEM(path: String, expected: String, reason: String)
    /// A PEM block of another kind (an RSA key, an encrypted key, a public key where a
    /// private one is needed, ...).
    case wrongPEMLabel(path: String, expected: String, found: String, hint: String)
    case badBase64(path: String, label: String)
    /// The DER inside the PEM block is not the RFC 8410 structure.
    case badDER(path: String, structure: String, reason: String)
    /// A well-formed key for another algorithm.
    case notEd25519(path: String, algorithm: String)
    /// The key bytes themselves are unusable (wrong length, a public key that does not
    /// belong to the private key, ...).
    case badKey(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            return "\(path): cannot read key: \(reason)"
        case let .notPEM(path, expected, reason):
            return "\(path): not a PEM key file (expected '-----BEGIN \(expected)-----'): \(reason)"
        case let .wrongPEMLabel(path, expected, found, hint):
            return "\(path): found '-----BEGIN \(found)-----' where '-----BEGIN \(expected)-----' was expected\(hint.isEmpty ? "" : "; \(hint)")"
        case let .badBase64(path, label):
            return "\(path): the \(label) PEM block is not valid base64"
        case let .badDER(path, structure, reason):
            return "\(path): malformed \(structure): \(reason)"
        case let .notEd25519(path, algorithm):
            return "\(path): key algorithm is \(algorithm), not Ed25519 (OID 1.3.101.112)"
        case let .badKey(path, reason):
            return "\(path): \(reason)"
        }
    }
}
