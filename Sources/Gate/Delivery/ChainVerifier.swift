import Certification

/// Checks that buffer reports form a chain: in the order given, each report's
/// `gate.previousReportSHA256` is the SHA-256 of the one before, and buffer ids increase.
/// A missing report (a gap the next one's link does not bridge), a reordered or substituted
/// one breaks a link. Signatures are checked per report by `ReportVerifier`.
public enum ChainVerifier {
    public static func check(_ reports: [SignedReportInput]) -> VerificationCheck {
        guard reports.count >= 2 else {
            return VerificationCheck(.chain, .failed, "a chain needs at least two reports")
        }
        for report in reports where report.report.gate == nil {
            return VerificationCheck(.chain, .failed, "\(report.reportPath) has no gate record")
        }
        for (earlier, later) in zip(reports, reports.dropFirst()) {
            let expected = Hex.sha256(earlier.bytes)
            let link = later.report.gate!.previousReportSHA256
            guard link == expected else {
                return VerificationCheck(.chain, .failed,
                    "\(later.reportPath) (buffer \(later.report.gate!.bufferID)) names previous report \(link ?? "none"); "
                    + "\(earlier.reportPath) (buffer \(earlier.report.gate!.bufferID)) has sha256 \(expected)")
            }
            guard later.report.gate!.bufferID > earlier.report.gate!.bufferID else {
                return VerificationCheck(.chain, .failed, "buffer ids do not increase at \(later.reportPath)")
            }
        }
        let ids = reports.map { $0.report.gate!.bufferID }
        return VerificationCheck(.chain, .passed, "\(reports.count) reports linked, buffers \(ids.first!)…\(ids.last!)")
    }
}
