import Foundation

/// What `rngcert history --json` prints: the nights selected (in time order), each with its
/// SP 800-22 tests' pass counts and uniformity (the per-slot histograms stay in the
/// database), and, with --check, the drift findings and the rules' settings.
public struct HistoryListing: Codable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var database: String
    public var device: String?
    public var since: String?
    public var nights: [Night]
    public var rules: DriftRuleSettings?
    public var findings: [DriftFinding]?

    public init(database: String, device: String?, since: String?, nights: [HistoryNight], rules: DriftRules?, findings: [DriftFinding]?) {
        schemaVersion = Self.currentSchemaVersion
        self.database = database
        self.device = device
        self.since = since
        self.nights = nights.map { Night(row: $0.row, tests: $0.tests.map(Test.init)) }
        self.rules = rules.map(DriftRuleSettings.init)
        self.findings = findings
    }

    /// A night as listed.
    public struct Night: Codable, Sendable {
        public var row: HistoryRow
        public var tests: [Test]
    }

    /// An SP 800-22 test as listed: everything but the histograms.
    public struct Test: Codable, Sendable {
        public var test: String
        public var verdict: String
        public var passCount: Int
        public var sampleSize: Int
        public var proportion: Double?
        public var uniformityP: Double?

        init(_ row: SP80022TestRow) {
            test = row.test
            verdict = row.verdict
            passCount = row.passCount
            sampleSize = row.sampleSize
            proportion = row.proportion
            uniformityP = row.uniformityP
        }
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
