import AssessmentEngine
import Certification
import Foundation
import RandomnessCore

/// Checks a qualification evidence folder offline: the report's signer is the trusted key
/// (a public key file or a pinned fingerprint), the detached signature covers exactly
/// `qualification.json`, and every data file and the configuration copy in the folder have
/// the size and SHA-256 the report records. Nothing in the folder is trusted before the
/// signature is.
public struct QualificationVerifier {
    public let trustedKey: ReportVerifier.TrustedKey?
    public let pinnedFingerprint: String?

    public init(trustedKey: ReportVerifier.TrustedKey?, pinnedFingerprint: String?) throws(VerificationError) {
        guard trustedKey != nil || pinnedFingerprint != nil else { throw .noTrustAnchor }
        if let pinnedFingerprint {
            guard let normalized = KeyFingerprint.normalize(pinnedFingerprint) else { throw .invalidFingerprint(pinnedFingerprint) }
            self.pinnedFingerprint = normalized
        } else {
            self.pinnedFingerprint = nil
        }
        self.trustedKey = trustedKey
    }

    /// Verifies the report at `reportPath` (its signature at `signaturePath`, default beside it).
    public func verify(reportPath: String, signaturePath: String? = nil, onCheck: (VerificationCheck) -> Void = { _ in }) throws -> VerificationOutcome {
        let bytes = try FileBytes.read(reportPath, limit: 64 << 20)
        let report = try QualificationReport.decode(bytes, path: reportPath)
        let signature = try FileBytes.read(signaturePath ?? reportPath + ".sig", limit: 1024)
        var checks: [VerificationCheck] = []
        func record(_ c: VerificationCheck) { checks.append(c); onCheck(c) }

        let signed = SignedBytes(path: reportPath, bytes: bytes, signer: report.signer,
                                 embeddedKey: try report.signer?.verificationKey(reportPath: reportPath),
                                 signaturePath: signaturePath ?? reportPath + ".sig", signature: signature)
        let checker = try ReportVerifier(trustedKey: trustedKey, pinnedFingerprint: pinnedFingerprint)
        let key = checker.checkKey(signed)
        record(key.check)
        record(checker.checkSignature(signed, with: key.signatureKey))
        guard !checks.contains(where: { $0.status == .failed }) else { return VerificationOutcome(reportPath: reportPath, checks: checks) }

        let folder = (reportPath as NSString).deletingLastPathComponent
        var files = report.datasets.map { (file: $0.file, size: Optional($0.byteCount), sha256: $0.sha256) }
        files.append((file: "qualification.yaml", size: nil, sha256: report.configurationSHA256))
        for f in files {
            // The names come from the signed report; still, only plain relative paths are read.
            guard !f.file.hasPrefix("/"), !f.file.split(separator: "/").contains("..") else {
                record(VerificationCheck(.data, .failed, "\(f.file): not a path inside the folder"))
                continue
            }
            let path = (folder.isEmpty ? "." : folder) + "/" + f.file
            do {
                let d = try EvidenceDataset.hashing(f.file, in: folder.isEmpty ? "." : folder)
                if d.sha256 == f.sha256 && (f.size == nil || f.size == d.byteCount) {
                    record(VerificationCheck(.data, .passed, "\(path): \(GroupedNumber.text(d.byteCount)) bytes, SHA-256 \(d.sha256)"))
                } else {
                    record(VerificationCheck(.data, .failed, "\(path): SHA-256 \(d.sha256) (\(GroupedNumber.text(d.byteCount)) bytes), the report records \(f.sha256)\(f.size.map { " (\(GroupedNumber.text($0)) bytes)" } ?? "")"))
                }
            } catch {
                record(VerificationCheck(.data, .failed, "\(path): \(error)"))
            }
        }
        return VerificationOutcome(reportPath: reportPath, checks: checks)
    }
}
