import Foundation
import RandomnessCore
import Synchronization

/// The second-level analysis of STS 2.1.2's finalAnalysisReport.txt (assess.c,
/// `computeMetrics`), for one test across streams, slot by slot.
///
/// By default every STS detail is kept:
/// - p-values enter as STS re-reads them from results.txt: printed with "%f" (6 decimals)
///   and parsed into a C `float`; the histogram bin is ⌊10p⌋ (10 → 9) and a pass is p ≥ α,
///   both on that float;
/// - the sample is the streams where the test ran; for Random Excursions (Variant) only
///   p-values above 0.000000 count (STS's rule for streams with too few cycles, which also
///   drops a real p-value that prints as 0.000000);
/// - uniformity: with E = ⌊m/10⌋ (integer), χ² = Σ(C_i − E)²/E and P = igamc(9/2, χ²/2),
///   computed when E ≥ 1; it fails below 0.0001;
/// - proportion: p̂ = 1 − α, bounds ⌊(p̂ ± 3√(p̂α/m))·m⌋ truncated to int, a slot fails when
///   passCount is below the lower or above the upper bound.
///
/// Beside STS's figures, each slot carries the true null probability of its uniformity
/// statistic and the true probability that a good slot is marked (`UniformityNullDistribution`):
/// STS's integer E makes its uniformity P-value wrong for m not a multiple of 10 (at m = 19 it
/// marks 12 % of good slots), so the verdict is judged on these, never on STS's figure.
///
/// With `corrected`: p-values at full precision, zero p-values of the excursion tests kept,
/// E = m/10 as a real number and uniformity only from m ≥ 55 (SP 800-22 §4.2.2).
public enum SP80022FinalAnalysis {
    /// STS's uniformity threshold.
    public static let uniformityThreshold = 0.0001

    /// Analyses `outcomes`, one per stream in stream order, all of test `test`.
    public static func analyze(_ test: SP80022TestID, outcomes: [SP80022TestOutcome], corrected: Bool = false,
                               alpha: Double = SP80022.alpha) throws(NumericsError) -> SP80022TestAnalysis {
        var tally = SP80022TestTally(test: test, corrected: corrected, alpha: alpha)
        for outcome in outcomes { tally.add(outcome) }
        return try analyze(tally)
    }

    /// Analyses a test from its tally over the streams (what a streamed run keeps).
    public static func analyze(_ tally: SP80022TestTally) throws(NumericsError) -> SP80022TestAnalysis {
        let test = tally.test
        let fixedLabels = fixedSlotLabels(test)
        let slotCount = tally.applicableStreams > 0 ? tally.slots.count : fixedLabels.count
        var slots: [SP80022SlotAnalysis] = []
        for slot in 0..<slotCount {
            let label = (slot < tally.labels.count ? tally.labels[slot] : nil)
                ?? (slot < fixedLabels.count ? fixedLabels[slot] : "")
            let slotTally = slot < tally.slots.count ? tally.slots[slot]
                : SP80022SlotTally(test: test, corrected: tally.corrected, alpha: tally.alpha)
            slots.append(try analyzeSlot(test, slot: slot, label: label, tally: slotTally))
        }
        let verdict = Verdict.suite(slots.map(\.verdict))
        return SP80022TestAnalysis(test: test, notApplicableStreams: tally.streams - tally.applicableStreams,
                                   notApplicableReasons: tally.reasons, slots: slots, verdict: verdict)
    }

    /// The slots of a test whose report rows STS prints even when no stream could run it (the
    /// excursion tests write placeholder p-values, so STS shows their rows with an empty sample).
    static func fixedSlotLabels(_ test: SP80022TestID) -> [String] {
        switch test {
        case .randomExcursions: RandomExcursionsTest.labels
        case .randomExcursionsVariant: RandomExcursionsVariantTest.labels
        default: []
        }
    }

    /// One slot: `pValues` are the slot's p-values from the streams where the test ran.
    public static func analyzeSlot(_ test: SP80022TestID, slot: Int, label: String, pValues: [Double],
                                   corrected: Bool = false, alpha: Double = SP80022.alpha) throws(NumericsError) -> SP80022SlotAnalysis {
        var tally = SP80022SlotTally(test: test, corrected: corrected, alpha: alpha)
        for p in pValues { tally.add(p) }
        return try analyzeSlot(test, slot: slot, label: label, tally: tally)
    }

    /// One slot from its tally (the p-values already counted into bins, passes and sample size).
    public static func analyzeSlot(_ test: SP80022TestID, slot: Int, label: String,
                                   tally: SP80022SlotTally) throws(NumericsError) -> SP80022SlotAnalysis {
        let corrected = tally.corrected
        let alpha = tally.alpha
        let m = tally.count
        let histogram = tally.histogram
        let passCount = m - tally.failures

        var uniformity: Double? = nil
        if corrected {
            if m >= 55 {
                let expected = Double(m) / 10
                let chiSquared = histogram.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
                uniformity = try SpecialFunctions.igamc(9.0 / 2.0, chiSquared / 2.0)
            }
        } else {
            let expected = m / 10
            if expected > 0 {
                let e = Double(expected)
                let chiSquared = histogram.reduce(0.0) { $0 + pow(Double($1) - e, 2) / e }
                uniformity = try SpecialFunctions.igamc(9.0 / 2.0, chiSquared / 2.0)
            }
        }
        let uniformityFailed = uniformity.map { $0 < uniformityThreshold } ?? false
        // The same check judged with its true null distribution (STS's figures stay as printed).
        let nullModel = uniformity == nil ? nil : try UniformityNullDistribution.forSample(m, statistic: corrected ? .pearson : .sts)
        let uniformityNull = try nullModel?.tailProbability(histogram: histogram)

        let pHat = 1 - alpha
        var lower: Double? = nil, upper: Double? = nil
        var minimumPass = 0, maximumPass = 0
        var proportionFailed = false
        if m > 0 {
            let halfWidth = 3.0 * (pHat * alpha / Double(m)).squareRoot()
            lower = pHat - halfWidth
            upper = pHat + halfWidth
            // C's double → int conversion truncates toward zero.
            minimumPass = Int((pHat - halfWidth) * Double(m))
            maximumPass = Int((pHat + halfWidth) * Double(m))
            proportionFailed = passCount < minimumPass || passCount > maximumPass
        }

        var flagged = false
        var flagProbability = 0.0
        var evidence: Double? = nil
        switch m {
        case 0:
            break
        case 1:
            // One p-value: STS's bounds (0…1) accept anything, so decide on the p-value itself.
            let p = tally.firstValue ?? 0
            flagged = p < alpha
            flagProbability = alpha
            evidence = p
        default:
            flagged = proportionFailed || uniformityFailed
            let belowBounds = minimumPass > 0 ? try SpecialFunctions.binomialCDF(minimumPass - 1, trials: m, probability: pHat) : 0
            let aboveBounds = maximumPass < m ? try SpecialFunctions.binomialSurvival(maximumPass, trials: m, probability: pHat) : 0
            flagProbability = belowBounds + aboveBounds
            if let nullModel {
                flagProbability += markedInsideBounds(nullModel, corrected: corrected, alpha: alpha,
                                                          failuresFrom: m - maximumPass, through: m - minimumPass)
            }
            flagProbability = min(1, flagProbability)
            evidence = try SpecialFunctions.binomialCDF(passCount, trials: m, probability: pHat)
        }
        let verdict: Verdict = m == 0 ? .notApplicable : flagged ? .suspect : .pass
        return SP80022SlotAnalysis(slot: slot, label: label, histogram: histogram, uniformityPValue: uniformity,
                                   uniformityFailed: uniformityFailed, sampleSize: m, passCount: passCount,
                                   proportion: m > 0 ? Double(passCount) / Double(m) : nil,
                                   proportionLowerBound: lower, proportionUpperBound: upper,
                                   minimumPassCount: minimumPass, maximumPassCount: maximumPass,
                                   proportionFailed: proportionFailed, flagged: flagged,
                                   flagProbability: flagProbability, evidence: evidence, verdict: verdict,
                                   uniformityNullProbability: uniformityNull)
    }

    /// P(the uniformity check marks a good slot while its failure count F lies in `low`…`high`,
    /// the proportion's acceptance range), so that with the proportion's tails it gives the
    /// exact probability of a mark: exact for m ≤ `UniformityNullDistribution.exactLimit`;
    /// above, or for α > 0.1, the whole mark probability (a union bound). Kept per (m, α).
    static func markedInsideBounds(_ model: UniformityNullDistribution, corrected: Bool, alpha: Double,
                                   failuresFrom low: Int, through high: Int) -> Double {
        let key = MarkKey(m: model.sampleSize, corrected: corrected, alpha: alpha.bitPattern, low: low, high: high)
        if let known = markedInsideBoundsCache.withLock({ $0[key] }) { return known }
        let value = model.markedWithFailures(alpha: alpha, from: low, through: high) ?? model.markProbability
        markedInsideBoundsCache.withLock { $0[key] = value }
        return value
    }

    struct MarkKey: Hashable { let m: Int; let corrected: Bool; let alpha: UInt64; let low: Int; let high: Int }
    private static let markedInsideBoundsCache = Mutex<[MarkKey: Double]>([:])

    /// A p-value as STS's final analysis sees it: printed with "%f" into results.txt and
    /// read back with fscanf("%f") into a float.
    public static func stsReread(_ p: Double) -> Double {
        var buffer = [CChar](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBufferPointer { b in
            withVaList([p]) { vsnprintf(b.baseAddress, 64, "%f", $0) }
        }
        guard length > 0 && length < 64 else { return p }
        return buffer.withUnsafeBufferPointer { Double(strtof($0.baseAddress!, nil)) }
    }
}
