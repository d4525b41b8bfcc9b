import RandomnessCore

/// Every p-value of a run, summarised as the streams complete: how many, how many below α,
/// and the lowest with where it came from. It covers all streams, also those not kept inline.
public struct SP80022PValueSummary: Codable, Sendable, Equatable {
    /// Where the lowest p-value came from.
    public struct Place: Codable, Sendable, Equatable {
        public var pValue: Double
        public var test: SP80022TestID
        /// The slot's label ("" for single-p-value tests).
        public var label: String
        /// 0-based stream number.
        public var stream: Int
    }

    /// p-values produced (streams × slots that ran).
    public var count = 0
    /// p-values below α = 0.01.
    public var belowAlpha = 0
    /// The lowest p-value (the first one on a tie); nil when no test ran.
    public var lowest: Place?

    public init() {}

    /// Counts one stream's p-values.
    public mutating func add(_ stream: SP80022StreamResult, alpha: Double = SP80022.alpha) {
        for outcome in stream.outcomes {
            for (i, p) in outcome.pValues.enumerated() {
                count += 1
                if p < alpha { belowAlpha += 1 }
                if lowest == nil || p < lowest!.pValue {
                    lowest = Place(pValue: p, test: outcome.test, label: i < outcome.labels.count ? outcome.labels[i] : "",
                                   stream: stream.index)
                }
            }
        }
    }
}

/// The full per-stream table of a run, written beside the report (every p-value of every
/// stream), identified in the report by its SHA-256 so that the signature covers it.
public struct SP80022StreamTableReference: Codable, Sendable, Equatable {
    /// The file's name, in the report's directory.
    public var file: String
    /// Data rows (one per stream and test).
    public var rows: Int
    public var byteCount: Int
    /// SHA-256 of the file, lowercase hex.
    public var sha256: String

    public init(file: String, rows: Int, byteCount: Int, sha256: String) {
        self.file = file
        self.rows = rows
        self.byteCount = byteCount
        self.sha256 = sha256
    }
}
