import Foundation
import History
import RandomnessCore
import Testing

/// Each drift rule holds its stated false-alarm rate on good data, shown by simulation: many
/// histories of good nights (seeded), counted against a binomial band; and each fires on the
/// drift it is made for.
@Suite struct DriftRuleFalseAlarmTests {
    /// Binomial(trials, rate): the count must stay below mean + 4σ (one-sided; a rule may be
    /// conservative).
    func expectAtMostRate(_ count: Int, trials: Int, rate: Double, _ what: String) {
        let mean = Double(trials) * rate
        let bound = mean + 4 * (mean * (1 - rate)).squareRoot()
        #expect(Double(count) <= bound, "\(what): \(count) false alarms in \(trials) good histories; at most \(bound) expected at rate \(rate)")
    }

    @Test func biasTrendThresholdHoldsAlphaOnGoodData() {
        // At α = 0.05 the rate is measurable with a few thousand histories; the threshold comes
        // from BiasTrend's own simulation (another seed), so this is an independent check.
        let alpha = 0.05, trials = 4000, nights = 30
        let threshold = BiasTrend.threshold(nights: nights, alpha: alpha)
        var generator = Xoshiro256StarStar(seed: 20261205)
        var alarms = 0
        for _ in 0..<trials {
            let z = (0..<nights).map { _ in SyntheticNights.normal(&generator) }
            if BiasTrend.statistic(z).value > threshold { alarms += 1 }
        }
        expectAtMostRate(alarms, trials: trials, rate: alpha, "bias-trend")
        // And it is not grossly conservative: the simulated quantile is the real one.
        #expect(Double(alarms) >= Double(trials) * alpha - 4 * (Double(trials) * alpha * (1 - alpha)).squareRoot())
    }

    @Test func startStatisticsMatchTheDefinition() {
        var generator = Xoshiro256StarStar(seed: 3)
        let z = (0..<12).map { _ in SyntheticNights.normal(&generator) }
        let fast = BiasTrend.startStatistics(z)
        for s in 1...z.count {
            let weights = (1...z.count).map { n in Double(max(0, n - s + 1)) }
            let direct = zip(weights, z).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(fast[s - 1] - direct) < 1e-12)
        }
    }

    @Test func pooledUniformityHoldsAlphaOnGoodData() {
        // 30 nights × 3 slots × 8 uniform p-values per slot: P(pooled p < a) ≤ a.
        let a = 0.05, trials = 1500
        var generator = Xoshiro256StarStar(seed: 77)
        var alarms = 0
        for _ in 0..<trials {
            let nights = (0..<30).map { SyntheticNights.night(device: "A", index: $0, z: 0, slots: 3, streams: 8, generator: &generator) }
            if let p = PooledUniformity.pValue(histograms: nights.map { $0.tests[0].histograms.slots })?.p, p < a { alarms += 1 }
        }
        expectAtMostRate(alarms, trials: trials, rate: a, "pooled-uniformity")
    }

    @Test func rulesStayQuietOnGoodHistoriesAtTheDefaultAlpha() {
        // 300 good two-device histories of 30 nights at α = 0.001 per rule: the expected
        // number of alarms is below one; a handful would mean the rate is not held.
        let rules = DriftRules()
        var generator = Xoshiro256StarStar(seed: 11)
        var findings = 0
        for _ in 0..<300 {
            let nights = (0..<30).map { index in
                SyntheticNights.night(device: "A", index: index, z: SyntheticNights.normal(&generator),
                                      h: 7.9 + 0.01 * SyntheticNights.normal(&generator), claim: 7.5, generator: &generator)
            }
            findings += rules.check(nights).count
        }
        #expect(findings <= 3, "\(findings) findings on good data")
    }

    @Test func biasTrendFiresOnARisingBiasAndNamesANightAfterItsStart() {
        var generator = Xoshiro256StarStar(seed: 5)
        let nights = (0..<30).map { index in
            let drift = index >= 19 ? 0.45 * Double(index - 18) : 0
            return SyntheticNights.night(device: "B", index: index, z: SyntheticNights.normal(&generator) + drift, generator: &generator)
        }
        let findings = DriftRules().check(nights)
        let bias = findings.first { $0.rule == .biasTrend }
        #expect(bias != nil, "bias-trend did not fire: \(findings)")
        #expect(bias?.device == "B")
        #expect((bias?.night ?? 0) >= 20)
        #expect(bias?.inputPath == "night-\(bias?.night ?? 0).bin")
        // The nights before the drift alone: nothing.
        #expect(DriftRules().check(Array(nights.prefix(19))).isEmpty)
    }

    @Test func pooledUniformityFiresWhenPValuesSkewLowAndNamesTheTest() {
        var generator = Xoshiro256StarStar(seed: 9)
        // From night 20 the p-values are U² (skewed low, still often above α): each night alone
        // passes its proportion check, the pool does not look uniform.
        let nights = (0..<30).map { index in
            SyntheticNights.night(device: "B", index: index, z: 0, slots: 1, streams: 10, generator: &generator,
                                  pValue: { g in index >= 19 ? pow(g.nextUnit(), 2) : g.nextUnit() })
        }
        let finding = DriftRules().check(nights).first { $0.rule == .pooledUniformity }
        #expect(finding?.test == "Frequency")
        #expect((finding?.night ?? 0) >= 20)
    }

    @Test func entropyRulesNameTheNight() {
        var generator = Xoshiro256StarStar(seed: 2)
        let h: [Double] = [7.9, 7.91, 7.89, 7.9, 7.92, 7.9, 7.0, 7.88, 6.0]
        let nights = h.enumerated().map { SyntheticNights.night(device: "C", index: $0.offset, z: 0, h: $0.element, claim: 6.5, generator: &generator) }
        let findings = DriftRules().check(nights)
        let drops = findings.filter { $0.rule == .entropyDrop }.map(\.night)
        #expect(drops == [7, 9])  // 7.0 < 0.9 × 7.9; 6.0 too
        #expect(findings.filter { $0.rule == .entropyBelowClaim }.map(\.night) == [9])
    }
}
