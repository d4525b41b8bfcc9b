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

    /// Sets `signer`, signs and writes `report.json` and `report.json.sig` into `directory`
    /// (see `ReportOutput.write`).
    @discardableResult
    public func write(_ report: Report, into directory: String, overwrite: Bool) throws -> SignedReport {
        let written = try ReportOutput.write(report, into: directory, signer: self, overwrite: overwrite)
        return SignedReport(report: written.report, bytes: written.bytes, signature: written.signature ?? [], files: .init(directory: directory))
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
