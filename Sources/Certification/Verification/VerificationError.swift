/// Why a verification could not be carried out (unreadable or malformed input; exit code 2),
/// as opposed to a check that ran and failed.
public enum VerificationError: Error, CustomStringConvertible, Equatable, Sendable {
    case signatureLength(path: String, byteCount: Int)
    case noTrustAnchor
    case invalidFingerprint(String)
    case rerunNeedsData
    case rerunFailed(reason: String)
    case rerunUnreadable(reason: String)

    public var description: String {
        switch self {
        case let .signatureLength(path, count):
            return "\(path): expected a raw \(ReportSigner.signatureByteCount)-byte Ed25519 signature, found \(count) bytes"
                + (count == 0 ? " (empty file)" : count < ReportSigner.signatureByteCount ? " (truncated?)" : "")
        case .noTrustAnchor:
            return "give --key NAME.pub or --fingerprint HEX: a signature checked only against the key inside the report proves nothing"
        case let .invalidFingerprint(text):
            return "--fingerprint '\(text)' is not 64 hex digits (SHA-256 of the raw public key)"
        case .rerunNeedsData:
            return "--rerun needs the data file: give --data FILE"
        case let .rerunFailed(reason):
            return "re-run failed: \(reason)"
        case let .rerunUnreadable(reason):
            return "re-run produced a report that cannot be compared: \(reason)"
        }
    }
}
