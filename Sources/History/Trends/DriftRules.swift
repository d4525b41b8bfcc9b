import Foundation

/// The drift rules `rngcert history --check` applies to each device's nights, in time order.
/// Each states its false-alarm rate on good data (`alpha` is per device, per rule, per check):
///
/// 1. **pooled-uniformity** (per SP 800-22 test): `PooledUniformity` over all nights gives
///    p_t (Bonferroni over the test's slots); the rule fires when p_t < α / T, T the number
///    of tests with enough pooled p-values: P(false alarm) ≤ α (Bonferroni over tests).
///    Assumes the p-values are continuous; strongly discrete ones (a test on very short
///    streams) can exceed α.
/// 2. **bias-trend** (ENT bit balance): `BiasTrend`'s M over the last `biasWindow` (60)
///    nights exceeds its simulated (1 − α) quantile: P(false alarm) = α.
/// 3. **entropy-below-claim**: a night's assessed H is below the claimed H. That night's
///    own SP 800-90B verdict already failed; its false-alarm rate is the suite's.
/// 4. **entropy-drop**: a night's H is below (1 − `entropyDropFraction`) × the median H of
///    the previous `trailingNights` nights (at least `minimumTrailing` of them). Its rate
///    depends on the spread of the SP 800-90B estimators at the window used: with 8-bit
///    samples and a window of 10^6 samples their run-to-run spread is far below 10 %.
///
/// A pooled rule names the first night at which the evidence of the nights up to it crossed
/// the (whole-history) threshold; the decision itself is made on all nights.
public struct DriftRules: Sendable, Equatable {
    public var alpha: Double
    public var entropyDropFraction: Double
    public var trailingNights: Int
    public var minimumTrailing: Int

    public static let alphaRange = 1e-9...0.5
    /// The bias-trend rule looks at the last this many nights of a device (two months of
    /// nightly runs), which also bounds the cost of its simulated threshold.
    public static let biasWindow = 60
    public static let dropRange = 0.0...1.0

    public init(alpha: Double = 0.001, entropyDropFraction: Double = 0.1, trailingNights: Int = 7, minimumTrailing: Int = 3) {
        self.alpha = alpha
        self.entropyDropFraction = entropyDropFraction
        self.trailingNights = trailingNights
        self.minimumTrailing = minimumTrailing
    }

    /// Every finding over `nights` (any devices), device by device in name order.
    public func check(_ nights: [HistoryNight]) -> [DriftFinding] {
        let devices = Dictionary(grouping: nights, by: \.row.device)
        return devices.keys.sorted().flatMap { check(device: $0, nights: devices[$0]!) }
    }

    /// The findings for one device's nights, in time order.
    public func check(device: String, nights: [HistoryNight]) -> [DriftFinding] {
        func finding(_ rule: DriftRule, _ test: String, _ index: Int, _ detail: String) -> DriftFinding {
            DriftFinding(device: device, rule: rule, test: test, night: index + 1, time: nights[index].row.time,
                         inputPath: nights[index].row.inputPath, detail: detail)
        }
        var findings: [DriftFinding] = []
        findings += pooledUniformity(nights).map { finding(.pooledUniformity, $0.test, $0.night, $0.detail) }
        if let bias = biasTrend(nights) { findings.append(finding(.biasTrend, "ENT bit balance", bias.night, bias.detail)) }
        findings += entropy(nights).map { finding($0.rule, "min-entropy", $0.night, $0.detail) }
        return findings
    }

    /// Rule 1, per test in the order first seen.
    func pooledUniformity(_ nights: [HistoryNight]) -> [(test: String, night: Int, detail: String)] {
        var order: [String] = []
        var perTest: [String: [(night: Int, histograms: [[Int]])]] = [:]
        for (index, night) in nights.enumerated() {
            for test in night.tests {
                if perTest[test.test] == nil { order.append(test.test) }
                perTest[test.test, default: []].append((index, test.histograms.slots))
            }
        }
        let pooled = order.compactMap { test in PooledUniformity.pValue(histograms: perTest[test]!.map(\.histograms)).map { (test, $0) } }
        guard !pooled.isEmpty else { return [] }
        let level = alpha / Double(pooled.count)
        return pooled.filter { $0.1.p < level }.map { test, result in
            let series = perTest[test]!
            let first = PooledUniformity.firstCrossing(histograms: series.map(\.histograms), level: level).map { series[$0].night }
                ?? series.last!.night
            return (test, first, "pooled p-values of \(series.count) nights fail uniformity (slot \(result.slot + 1)): "
                + "p = \(Self.format(result.p)) < α/T = \(Self.format(level)) (α = \(Self.format(alpha)), T = \(pooled.count) tests)")
        }
    }

    /// Rule 2 over the last `biasWindow` nights with ENT bit counts.
    func biasTrend(_ nights: [HistoryNight]) -> (night: Int, detail: String)? {
        let scored = Array(nights.enumerated().compactMap { index, night in night.row.biasScore.map { (index, $0) } }.suffix(Self.biasWindow))
        guard scored.count >= 2 else { return nil }
        let z = scored.map(\.1)
        let threshold = BiasTrend.threshold(nights: z.count, alpha: alpha)
        let whole = BiasTrend.statistic(z)
        guard whole.value > threshold else { return nil }
        let crossing = (1...z.count).first { BiasTrend.statistic(Array(z[..<$0])).value > threshold } ?? z.count
        let start = scored[whole.start - 1].0 + 1
        return (scored[crossing - 1].0, "bias rising from night \(start): M = \(Self.format(whole.value)) > "
            + "\(Self.format(threshold)) (the simulated 1 − α quantile for \(z.count) nights, α = \(Self.format(alpha))); "
            + "bias score of the night z = \(Self.format(z[crossing - 1]))")
    }

    /// Rules 3 and 4.
    func entropy(_ nights: [HistoryNight]) -> [(rule: DriftRule, night: Int, detail: String)] {
        var out: [(DriftRule, Int, String)] = []
        var previous: [Double] = []
        for (index, night) in nights.enumerated() {
            guard let h = night.row.assessedH else { continue }
            if let claim = night.row.claimedH, h < claim {
                out.append((.entropyBelowClaim, index, "H = \(Self.format(h)) below the claimed \(Self.format(claim))"))
            }
            let trailing = previous.suffix(trailingNights)
            if trailing.count >= minimumTrailing {
                let median = Self.median(Array(trailing))
                if h < (1 - entropyDropFraction) * median {
                    out.append((.entropyDrop, index, "H = \(Self.format(h)) is more than \(Self.format(entropyDropFraction * 100)) % "
                        + "below the median \(Self.format(median)) of the previous \(trailing.count) nights"))
                }
            }
            previous.append(h)
        }
        return out
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Four significant digits, or an exponent for small values.
    static func format(_ value: Double) -> String {
        if value != 0 && abs(value) < 0.001 { return String(format: "%.3e", value) }
        return String(format: "%.4g", value)
    }
}
