import Foundation

/// What `rngcert history --json` prints: the nights selected (in time order) and, with
/// --check, the drift findings and the rules' settings.
public struct HistoryListing: Codable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var database: String
    public var device: String?
    public var since: String?
    public var nights: [HistoryNight]
    public var rules: DriftRuleSettings?
    public var findings: [DriftFinding]?

    public init(database: String, device: String?, since: String?, nights: [HistoryNight], rules: DriftRules?, findings: [DriftFinding]?) {
        schemaVersion = Self.currentSchemaVersion
        self.database = database
        self.device = device
        self.since = since
        self.nights = nights
        self.rules = rules.map(DriftRuleSettings.init)
        self.findings = findings
    }

    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }
}

/// The drift rules' settings as recorded in the JSON listing.
public struct DriftRuleSettings: Codable, Sendable {
    public var alpha: Double
    public var entropyDropFraction: Double
    public var trailingNights: Int
    public var minimumTrailing: Int
    public var biasTrendReplicates: Int
    public var biasTrendSeed: UInt64

    init(_ rules: DriftRules) {
        alpha = rules.alpha
        entropyDropFraction = rules.entropyDropFraction
        trailingNights = rules.trailingNights
        minimumTrailing = rules.minimumTrailing
        biasTrendReplicates = BiasTrend.replicates
        biasTrendSeed = BiasTrend.seed
    }
}
