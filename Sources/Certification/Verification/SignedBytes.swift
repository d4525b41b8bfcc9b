/// What the key and signature checks read of any signed file (a report, a qualification
/// report): its exact bytes, the signer it names with that signer's key, and the detached
/// signature.
public struct SignedBytes: Sendable {
    public let path: String
    /// Exactly the bytes of the file: the signed message.
    public let bytes: [UInt8]
    public let signer: SignerIdentity?
    /// The key in `signer`, nil when the file names none.
    public let embeddedKey: VerificationKey?
    public let signaturePath: String
    public let signature: [UInt8]

    public init(path: String, bytes: [UInt8], signer: SignerIdentity?, embeddedKey: VerificationKey?,
                signaturePath: String, signature: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.signer = signer
        self.embeddedKey = embeddedKey
        self.signaturePath = signaturePath
        self.signature = signature
    }
}
