import RandomnessCore

/// The two files of a signing key pair: `NAME.key` (PKCS#8 PEM private key, mode 0600) and
/// `NAME.pub` (SubjectPublicKeyInfo PEM public key, mode 0644), both as openssl reads them.
public struct KeyPairFiles: Equatable, Sendable {
    public let privateKeyPath: String
    public let publicKeyPath: String

    /// The files for base name `name` (`NAME.key`, `NAME.pub`).
    public init(name: String) {
        privateKeyPath = name + ".key"
        publicKeyPath = name + ".pub"
    }

    /// Writes `key` and its public key.
    ///
    /// Without `force`, an existing file at either path is an error and nothing is written.
    /// The private key file is created with mode 0600 in the `open` call (`O_CREAT|O_EXCL`),
    /// never `chmod`ed; with `force` it is written to a fresh 0600 temporary file that is
    /// renamed over the old one, so the old file's permissions never apply to the new key.
    public func write(_ key: SigningKey, force: Bool) throws(FileWriteError) {
        let privateBytes = Array(key.pem.utf8)
        let publicBytes = Array(key.publicKey.pem.utf8)
        if force {
            try SecureFileWriter.replace(privateKeyPath, bytes: privateBytes, mode: 0o600, overwrite: true)
            try SecureFileWriter.replace(publicKeyPath, bytes: publicBytes, mode: 0o644, overwrite: true)
            return
        }
        for path in [privateKeyPath, publicKeyPath] where FileBytes.exists(path) {
            throw .exists(path: path)
        }
        try SecureFileWriter.createNew(privateKeyPath, bytes: privateBytes, mode: 0o600)
        do {
            try SecureFileWriter.createNew(publicKeyPath, bytes: publicBytes, mode: 0o644)
        } catch {
            // Leave no half pair behind.
            SecureFileWriter.remove(privateKeyPath)
            throw error
        }
        SecureFileWriter.syncDirectory(of: privateKeyPath)
    }
}
