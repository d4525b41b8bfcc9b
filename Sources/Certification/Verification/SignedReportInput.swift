import RandomnessCore

/// A report and its detached signature, read and checked for form (not yet for trust): the
/// JSON decodes with a known schema version, the signature is 64 bytes, and an embedded
/// signer key, if any, is a valid Ed25519 key.
public struct SignedReportInput: Sendable {
    public let reportPath: String
    /// Exactly the bytes of the report file: the signed message.
    public let bytes: [UInt8]
    public let report: Report
    public let signaturePath: String
    public let signature: [UInt8]
    /// The key in `report.signer`, nil for an unsigned report.
    public let embeddedKey: VerificationKey?

    /// Checks the form of a report and signature held in memory. Throws `ReportError`,
    /// `VerificationError.signatureLength` or `KeyError` (all "malformed input").
    public init(reportBytes: [UInt8], reportPath: String, signature: [UInt8], signaturePath: String) throws {
        report = try ReportCoding.decodeCanonical(reportBytes, path: reportPath)
        guard signature.count == ReportSigner.signatureByteCount else {
            throw VerificationError.signatureLength(path: signaturePath, byteCount: signature.count)
        }
        embeddedKey = try report.signer?.verificationKey(reportPath: reportPath)
        self.reportPath = reportPath
        self.bytes = reportBytes
        self.signaturePath = signaturePath
        self.signature = signature
    }

    /// Reads the report and its signature (default: the report's path plus ".sig").
    public static func load(reportPath: String, signaturePath: String? = nil) throws -> SignedReportInput {
        let bytes = try FileBytes.read(reportPath)
        let besideReport = signaturePath == nil
        let signaturePath = signaturePath ?? reportPath + ".sig"
        let signature: [UInt8]
        do {
            signature = try FileBytes.read(signaturePath, limit: 1 << 20)
        } catch {
            let hint = besideReport ? " (the signature is looked for beside the report; give --signature FILE if it is elsewhere)" : ""
            throw FileBytes.ReadError(path: error.path, reason: error.reason + hint)
        }
        return try SignedReportInput(reportBytes: bytes, reportPath: reportPath, signature: signature, signaturePath: signaturePath)
    }
}

extension SignedReportInput {
    /// What the key and signature checks read.
    public var signed: SignedBytes {
        SignedBytes(path: reportPath, bytes: bytes, signer: report.signer, embeddedKey: embeddedKey,
                    signaturePath: signaturePath, signature: signature)
    }
}
