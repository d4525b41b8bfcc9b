import Certification
import RandomnessCore

/// Writes a buffer's signed report into its directory: `report.json` (exactly the signed
/// bytes) and `report.json.sig`, each to a temporary file that is flushed and renamed. The
/// HTML page is not written per buffer: the server renders it from the signed bytes on
/// request (`ReportHTML.render(reportBytes:path:)`), which keeps it off the pipeline's path.
enum BufferReportWriter {
    /// The report as signed: its bytes and their SHA-256.
    static func write(_ report: Report, into directory: String, signer: ReportSigner) throws -> (bytes: [UInt8], sha256: String) {
        let stamped = signer.stamped(report)
        let bytes: [UInt8]
        do { bytes = try ReportCoding.encode(stamped) } catch { throw ReportWriteError.cannotEncode(reason: "\(error)") }
        let signature = try signer.sign(bytes)
        let files = ReportFiles(directory: directory)
        let reportTemporary = try SecureFileWriter.writeTemporary(besides: files.report, bytes: bytes, mode: 0o644)
        let signatureTemporary: String
        do {
            signatureTemporary = try SecureFileWriter.writeTemporary(besides: files.signature, bytes: signature, mode: 0o644)
        } catch {
            SecureFileWriter.remove(reportTemporary)
            throw error
        }
        try SecureFileWriter.commit(reportTemporary, to: files.report)
        try SecureFileWriter.commit(signatureTemporary, to: files.signature)
        return (bytes, Hex.sha256(bytes))
    }
}
