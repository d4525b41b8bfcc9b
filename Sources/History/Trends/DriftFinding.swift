/// A drift rule that fired: which device, which rule and test, which night, and why.
public struct DriftFinding: Codable, Sendable, Equatable {
    public var device: String
    public var rule: DriftRule
    /// The test or quantity the rule looked at ("frequency", "ENT bit balance", "min-entropy").
    public var test: String
    /// The night named: where the evidence first crossed the rule's threshold.
    public var night: Int
    public var time: String
    public var inputPath: String
    /// The statistic and its threshold, in words.
    public var detail: String

    public init(device: String, rule: DriftRule, test: String, night: Int, time: String, inputPath: String, detail: String) {
        self.device = device
        self.rule = rule
        self.test = test
        self.night = night
        self.time = time
        self.inputPath = inputPath
        self.detail = detail
    }
}

/// The documented drift rules (`DriftRules`).
public enum DriftRule: String, Codable, Sendable, CaseIterable {
    /// The p-values of all nights, pooled per SP 800-22 test and slot, fail uniformity.
    case pooledUniformity = "pooled-uniformity"
    /// The ENT bit balance shows a sustained or rising bias over nights.
    case biasTrend = "bias-trend"
    /// The assessed min-entropy fell below the claimed H.
    case entropyBelowClaim = "entropy-below-claim"
    /// The assessed min-entropy dropped by more than a set fraction against its trailing median.
    case entropyDrop = "entropy-drop"
}
