import Certification
import Foundation
import RandomnessCore

/// The signed qualification report (`qualification.json`, schema in
/// Schemas/qualification-report.schema.json): the configuration, every data file with its
/// SHA-256, each step's figures and decision, the reference tools' command lines, the
/// verdict, and the signer. Encoded deterministically (sorted keys, two-space indentation, a
/// trailing newline) so the signature covers exactly what any JSON reader sees.
public struct QualificationReport: Codable, Sendable, Equatable {
    public static let kindName = "rngcert-qualification-report"
    public static let currentSchemaVersion = 1
    public static let fileName = "qualification.json"
    public static let signatureFileName = "qualification.json.sig"
    public static let htmlFileName = "qualification.html"

    public var kind: String
    public var schemaVersion: Int
    public var tool: ToolIdentity
    /// The arguments after the program name, verbatim.
    public var arguments: [String]
    public var host: String
    /// RFC 3339 UTC.
    public var startedAt: String
    public var finishedAt: String
    /// The configuration file as given and the SHA-256 of its bytes (a copy is in the folder).
    public var configurationFile: String
    public var configurationSHA256: String
    public var configuration: QualificationConfig
    /// Every data file of the evidence folder, paths relative to it.
    public var datasets: [EvidenceDataset]
    public var assessment: QualificationAssessment.Result
    /// The NIST reference programs' command lines that reproduce each figure, run from the
    /// evidence folder.
    public var referenceCommands: [ReferenceCommand]
    public var verdict: Verdict
    public var signer: SignerIdentity?

    public init(tool: ToolIdentity, arguments: [String], host: String, startedAt: String, finishedAt: String,
                configurationFile: String, configurationSHA256: String, configuration: QualificationConfig,
                datasets: [EvidenceDataset], assessment: QualificationAssessment.Result, referenceCommands: [ReferenceCommand]) {
        kind = Self.kindName
        schemaVersion = Self.currentSchemaVersion
        self.tool = tool
        self.arguments = arguments
        self.host = host
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.configurationFile = configurationFile
        self.configurationSHA256 = configurationSHA256
        self.configuration = configuration
        self.datasets = datasets
        self.assessment = assessment
        self.referenceCommands = referenceCommands
        verdict = assessment.verdict
    }

    public func encoded() throws -> [UInt8] {
        try ReportCoding.canonical(self)
    }

    /// Decodes a report that must be exactly in the form `encoded` writes (see
    /// `ReportCoding.decodeCanonical` for why), of this kind and schema version.
    public static func decode(_ bytes: [UInt8], path: String) throws(ReportError) -> QualificationReport {
        struct Header: Decodable { let kind: String?; let schemaVersion: Int? }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(bytes)) } catch {
            throw .malformed(path: path, reason: "not a JSON object (\(error))")
        }
        guard header.kind == kindName else { throw .malformed(path: path, reason: "not a qualification report (kind \(header.kind ?? "missing"))") }
        guard header.schemaVersion == currentSchemaVersion else {
            throw .unknownSchemaVersion(path: path, version: header.schemaVersion ?? -1)
        }
        let report: QualificationReport
        do { report = try JSONDecoder().decode(QualificationReport.self, from: Data(bytes)) } catch {
            throw .malformed(path: path, reason: "\(error)")
        }
        guard let again = try? report.encoded(), again == bytes else {
            throw .malformed(path: path, reason: "not in canonical form (sorted keys, two-space indentation, one trailing newline): was it edited?")
        }
        return report
    }

    /// Whether `bytes` look like a qualification report (its kind), for `verify`.
    public static func isQualificationReport(_ bytes: [UInt8]) -> Bool {
        struct Header: Decodable { let kind: String? }
        return (try? JSONDecoder().decode(Header.self, from: Data(bytes)).kind) == kindName
    }
}
