import Foundation

/// Signs reports with an Ed25519 key: the detached signature covers exactly the bytes of
/// `report.json` and is stored raw (64 bytes) in `report.json.sig`, the form
/// `openssl pkeyutl -verify -pubin -inkey NAME.pub -rawin -in report.json -sigfile report.json.sig`
/// checks directly.
public struct ReportSigner: Sendable {
    /// The report's file name inside an output directory.
    public static let reportFileName = "report.json"
    /// The signature's file name: the report's name plus ".sig".
    public static let signatureFileName = "report.json.sig"
    /// Length of a raw Ed25519 signature.
    public static let signatureByteCount = 64

    public let key: SigningKey

    public init(key: SigningKey) { self.key = key }

    /// The raw 64-byte Ed25519 signature of exactly `reportBytes`.
    public func sign(_ reportBytes: [UInt8]) throws(KeyError) -> [UInt8] {
        try key.signature(for: reportBytes)
    }

    /// `report` with `signer` set to this key.
    public func stamped(_ report: Report) -> Report {
        var report = report
        report.signer = SignerIdentity(key: key.publicKey)
        return report
    }

    /// Sets `signer`, encodes the report with `ReportCoding`, signs the bytes and writes
    /// `report.json` and `report.json.sig` into `directory` (created if missing).
    ///
    /// Each file is written to a temporary file in `directory`, flushed, then renamed into
    /// place (report first, then signature), and the directory is flushed. Without
    /// `overwrite`, an existing report or signature is an error and nothing is written.
    @discardableResult
    public func write(_ report: Report, into directory: String, overwrite: Bool) throws -> SignedReport {
        let report = stamped(report)
        let bytes: [UInt8]
        do {
            bytes = try ReportCoding.encode(report)
        } catch {
            throw ReportWriteError.cannotEncode(reason: "\(error)")
        }
        let signature = try sign(bytes)
        let files = SignedReport.Files(directory: directory)
        if !FileBytes.isDirectory(directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw FileWriteError.cannotCreate(path: directory, reason: (error as NSError).localizedDescription)
            }
        }
        if !overwrite {
            for path in [files.report, files.signature] where FileBytes.exists(path) {
                throw FileWriteError.exists(path: path)
            }
        }
        let reportTemporary = try SecureFileWriter.writeTemporary(besides: files.report, bytes: bytes, mode: 0o644)
        let signatureTemporary: String
        do {
            signatureTemporary = try SecureFileWriter.writeTemporary(besides: files.signature, bytes: signature, mode: 0o644)
        } catch {
            SecureFileWriter.remove(reportTemporary)
            throw error
        }
        do {
            try SecureFileWriter.commit(reportTemporary, to: files.report)
        } catch {
            SecureFileWriter.remove(signatureTemporary)
            throw error
        }
        try SecureFileWriter.commit(signatureTemporary, to: files.signature)
        SecureFileWriter.syncDirectory(of: files.report)
        return SignedReport(report: report, bytes: bytes, signature: signature, files: files)
    }
}

/// A report as written and signed.
public struct SignedReport: Sendable {
    /// Where a signed report lives: `DIR/report.json` and `DIR/report.json.sig`.
    public struct Files: Sendable, Equatable {
        public let report: String
        public let signature: String

        public init(directory: String) {
            let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
            report = base + "/" + ReportSigner.reportFileName
            signature = base + "/" + ReportSigner.signatureFileName
        }
    }

    /// The report with `signer` set.
    public let report: Report
    /// Exactly the bytes written to `report.json` (the signed message).
    public let bytes: [UInt8]
    /// The raw 64-byte signature written to `report.json.sig`.
    public let signature: [UInt8]
    public let files: Files
}

/// Why a report could not be written.
public enum ReportWriteError: Error, CustomStringConvertible, Equatable, Sendable {
    case cannotEncode(reason: String)

    public var description: String {
        switch self {
        case let .cannotEncode(reason): return "cannot encode the report as JSON: \(reason)"
        }
    }
}
