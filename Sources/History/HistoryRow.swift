import GRDB

/// One report in the history: a row of table `report` (schema: `HistoryMigrations`).
///
/// `time` is the report's `startedAt` (RFC 3339 UTC, so text order is time order). The
/// ENT bit balance `bitOnes`/`bitCount` gives the night's bias score z = (2·ones − n)/√n,
/// N(0, 1) on good data (`biasScore`), which the bias-trend rule pools over nights.
public struct HistoryRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "report"

    public var id: Int64?
    public var device: String
    public var time: String
    public var inputPath: String
    public var inputSHA256: String
    public var inputBytes: Int
    public var toolVersion: String
    /// The report's verdict and each suite's (nil where the suite did not run).
    public var verdict: String
    public var entVerdict: String?
    public var sp80022Verdict: String?
    public var sp80090bVerdict: String?
    /// ENT: byte entropy (bits per byte), byte chi-square p, bit chi-square p and bit counts.
    public var entEntropy: Double?
    public var entChiSquareP: Double?
    public var entBitChiSquareP: Double?
    public var bitOnes: Int?
    public var bitCount: Int?
    /// SP 800-90B: assessed min-entropy and the claim (bits per sample), sample width.
    public var assessedH: Double?
    public var claimedH: Double?
    public var bitsPerSymbol: Int?
    /// Health-test alarms: SP 800-90B's scan plus the capture manifest's, when present.
    public var healthAlarms: Int?
    /// Where the report was written (its report.json), and the signer's key fingerprint.
    public var reportPath: String
    public var signerFingerprint: String?

    public init(id: Int64? = nil, device: String, time: String, inputPath: String, inputSHA256: String, inputBytes: Int,
                toolVersion: String, verdict: String, entVerdict: String? = nil, sp80022Verdict: String? = nil,
                sp80090bVerdict: String? = nil, entEntropy: Double? = nil, entChiSquareP: Double? = nil,
                entBitChiSquareP: Double? = nil, bitOnes: Int? = nil, bitCount: Int? = nil, assessedH: Double? = nil,
                claimedH: Double? = nil, bitsPerSymbol: Int? = nil, healthAlarms: Int? = nil, reportPath: String,
                signerFingerprint: String? = nil) {
        self.id = id
        self.device = device
        self.time = time
        self.inputPath = inputPath
        self.inputSHA256 = inputSHA256
        self.inputBytes = inputBytes
        self.toolVersion = toolVersion
        self.verdict = verdict
        self.entVerdict = entVerdict
        self.sp80022Verdict = sp80022Verdict
        self.sp80090bVerdict = sp80090bVerdict
        self.entEntropy = entEntropy
        self.entChiSquareP = entChiSquareP
        self.entBitChiSquareP = entBitChiSquareP
        self.bitOnes = bitOnes
        self.bitCount = bitCount
        self.assessedH = assessedH
        self.claimedH = claimedH
        self.bitsPerSymbol = bitsPerSymbol
        self.healthAlarms = healthAlarms
        self.reportPath = reportPath
        self.signerFingerprint = signerFingerprint
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// z = (ones − zeros)/√n for the night's bits; nil without ENT's bit counts.
    public var biasScore: Double? {
        guard let bitOnes, let bitCount, bitCount > 0 else { return nil }
        return Double(2 * bitOnes - bitCount) / Double(bitCount).squareRoot()
    }
}

/// One SP 800-22 test of one report: a row of table `sp80022Test`.
///
/// `histograms` holds each p-value slot's ten-bin histogram (C1…C10 of the final analysis)
/// so that nights can be pooled; `passCount`/`sampleSize` sum over the slots.
public struct SP80022TestRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "sp80022Test"

    public var id: Int64?
    public var reportId: Int64
    public var test: String
    public var verdict: String
    public var passCount: Int
    public var sampleSize: Int
    /// passCount / sampleSize; nil for an empty sample.
    public var proportion: Double?
    /// The smallest uniformity probability over the slots (nil when none was computed).
    public var uniformityP: Double?
    /// Empty when read without them (`HistoryStore.nights(…, histograms: false)`).
    public var histograms: SlotHistograms

    public init(id: Int64? = nil, reportId: Int64, test: String, verdict: String, passCount: Int, sampleSize: Int,
                proportion: Double?, uniformityP: Double?, histograms: [[Int]]) {
        self.id = id
        self.reportId = reportId
        self.test = test
        self.verdict = verdict
        self.passCount = passCount
        self.sampleSize = sampleSize
        self.proportion = proportion
        self.uniformityP = uniformityP
        self.histograms = SlotHistograms(histograms)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
