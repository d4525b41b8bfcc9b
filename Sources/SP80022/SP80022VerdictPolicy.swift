import RandomnessCore

/// The figures behind the SP 800-22 suite verdict.
public struct SP80022VerdictBasis: Codable, Sendable, Equatable {
    /// Slots with at least one p-value (K).
    public var slotCount: Int
    /// Slots STS would mark (F).
    public var flaggedSlots: Int
    /// Flagged slots a good generator gets on average, Σ of the slots' true flag probabilities.
    public var expectedFlaggedSlots: Double
    /// P(at least F flags) for a good generator, binomial with K trials and mean
    /// `expectedFlaggedSlots`; 1 when nothing is flagged.
    public var flaggedSlotsTailProbability: Double
    /// Slots whose evidence survives the Bonferroni correction (decisive failures).
    public var decisiveSlots: Int
    /// Per-slot threshold after the correction, α/K (uniformity: 0.0001/K).
    public var bonferroniAlpha: Double
    /// Human-readable reasons for the verdict.
    public var reasons: [String]
}

/// How the battery's many p-values become one verdict without failing good generators.
///
/// STS marks a slot (one p-value position of one test — 188 of them at default parameters)
/// when, with one stream, its p-value is below α = 0.01, or, with several streams, its pass
/// proportion leaves the acceptance interval or its uniformity P-value is below 0.0001. Read
/// slot by slot, a good generator gets marks often: with one stream 1 − 0.99^188 ≈ 85 % of
/// runs have one; and STS's uniformity P-value, with its integer expected count ⌊m/10⌋, marks
/// far more than 0.0001 of good slots when m is not a multiple of 10 (12 % at m = 19). So
/// marks are judged by their true probabilities on good data
/// (`SP80022FinalAnalysis`, `UniformityNullDistribution`), never by STS's nominal ones. With K
/// slots that ran:
/// - a marked slot is **suspect** (the slot; its test shows it);
/// - it is a **failure** (decisive) when its evidence survives a Bonferroni correction over
///   the K slots: one stream, p < α/K; several streams, P(passes ≤ observed) < α/K under
///   Binomial(m, 1 − α), or the uniformity statistic's true null tail probability
///   (`uniformityNullProbability`) < 0.0001/K;
/// - the suite **fails** when any slot fails, or when the number of marked slots F is
///   itself improbable for a good generator: P(Binomial(K, q̄) ≥ F) < 0.001, with q̄ the mean
///   of the slots' true mark probabilities (0.001 rather than α because slots of one test are
///   correlated, which widens the spread of F);
/// - the suite is **suspect** when nothing fails but the number of marks is more than chance
///   usually gives, P(Binomial(K, q̄) ≥ F) < 0.01 (`suspectCountThreshold`): a good generator
///   is suspect in at most about 1 % of runs, for any input size;
/// - it **passes** otherwise — with no mark, or with as many marks as chance explains (the
///   reason names them) — and is not applicable when no slot has a p-value.
///
/// **False-fail rate.** On good data (independent uniform p-values) the decisive rule fails a
/// run with probability at most K·(α/K + 0.0001/K) = α + 0.0001 (each tail probability is
/// valid: P(tail < t) ≤ t), and the count rule with probability at most 0.001 (the number of
/// marks is a sum of independent Bernoulli(q_i), whose upper tail the Binomial(K, q̄) tail
/// bounds, Hoeffding 1956; the q_i are exact or slightly over-stated). So the suite fails a
/// good generator with probability at most `falseFailRate` = α + 0.0001 + 0.001 = 0.0111 for
/// every stream count m and slot count K; VerdictFalseFailRateTests measures it.
public enum SP80022VerdictPolicy {
    /// Threshold on the tail probability of the number of marked slots.
    public static let flaggedCountThreshold = 0.001
    /// Below this tail probability of the number of marked slots (and above
    /// `flaggedCountThreshold`) the suite is suspect.
    public static let suspectCountThreshold = 0.01

    /// The bound on the suite's false-fail rate on good data for significance level `alpha`:
    /// α (decisive p-values and proportions) + 0.0001 (decisive uniformity) + 0.001 (count).
    public static func falseFailRate(alpha: Double = SP80022.alpha) -> Double {
        alpha + SP80022FinalAnalysis.uniformityThreshold + flaggedCountThreshold
    }

    /// Sets every slot's and test's verdict in `analysis` and returns the suite verdict with its basis.
    public static func apply(to analysis: inout [SP80022TestAnalysis], alpha: Double = SP80022.alpha) throws(NumericsError) -> (Verdict, SP80022VerdictBasis) {
        let slots = analysis.flatMap(\.slots).filter { $0.sampleSize > 0 }
        let k = slots.count
        guard k > 0 else {
            return (.notApplicable, SP80022VerdictBasis(slotCount: 0, flaggedSlots: 0, expectedFlaggedSlots: 0,
                                                        flaggedSlotsTailProbability: 1, decisiveSlots: 0,
                                                        bonferroniAlpha: alpha, reasons: ["no test could run on this input"]))
        }
        let threshold = alpha / Double(k)
        let uniformityThreshold = SP80022FinalAnalysis.uniformityThreshold / Double(k)
        var reasons: [String] = []
        var decisive = 0
        for t in analysis.indices {
            for s in analysis[t].slots.indices where analysis[t].slots[s].flagged {
                let slot = analysis[t].slots[s]
                var figures: [String] = []
                if let evidence = slot.evidence, evidence < threshold {
                    figures.append(slot.sampleSize == 1
                        ? "p = \(format(evidence)) below \(format(threshold))"
                        : "\(slot.passCount) of \(slot.sampleSize) passes, P(≤ \(slot.passCount)) = \(format(evidence)) below \(format(threshold))")
                }
                if let null = slot.uniformityNullProbability, null < uniformityThreshold {
                    figures.append("uniformity P = \(format(slot.uniformityPValue ?? 0)) (true null probability \(format(null))) below \(format(uniformityThreshold))")
                }
                if !figures.isEmpty {
                    analysis[t].slots[s].verdict = .fail
                    decisive += 1
                    let name = slot.label.isEmpty ? analysis[t].test.rawValue : "\(analysis[t].test.rawValue) \(slot.label)"
                    reasons.append("\(name): \(figures.joined(separator: "; "))")
                }
            }
            analysis[t].verdict = Verdict.suite(analysis[t].slots.map(\.verdict))
        }
        let flagged = slots.filter(\.flagged).count
        let expected = slots.reduce(0) { $0 + $1.flagProbability }
        let tail = flagged == 0 ? 1 : try SpecialFunctions.binomialSurvival(flagged - 1, trials: k, probability: min(1, expected / Double(k)))
        let verdict: Verdict
        if decisive > 0 {
            verdict = .fail
        } else if tail < flaggedCountThreshold {
            verdict = .fail
            reasons.append("\(flagged) of \(k) slots marked where \(format(expected)) are expected: P(≥ \(flagged)) = \(format(tail)) below \(format(flaggedCountThreshold))")
        } else if tail < suspectCountThreshold {
            verdict = .suspect
            reasons.append("\(flagged) of \(k) slots marked where \(format(expected)) are expected: P(≥ \(flagged)) = \(format(tail)) below \(format(suspectCountThreshold)), more than chance usually gives; none decisive")
        } else if flagged > 0 {
            verdict = .pass
            reasons.append("\(flagged) of \(k) slots marked, as many as chance explains (\(format(expected)) expected, P(≥ \(flagged)) = \(format(tail))); none decisive")
        } else {
            verdict = .pass
        }
        let basis = SP80022VerdictBasis(slotCount: k, flaggedSlots: flagged, expectedFlaggedSlots: expected,
                                        flaggedSlotsTailProbability: tail, decisiveSlots: decisive,
                                        bonferroniAlpha: threshold, reasons: reasons)
        return (verdict, basis)
    }

    static func format(_ x: Double) -> String {
        if x == 0 { return "0" }
        if abs(x) >= 0.001 { return String(Double(Int((x * 1e6).rounded())) / 1e6) }
        var exponent = 0
        var mantissa = x
        while abs(mantissa) < 1 { mantissa *= 10; exponent -= 1 }
        return "\(Double(Int((mantissa * 100).rounded())) / 100)e\(exponent)"
    }
}
