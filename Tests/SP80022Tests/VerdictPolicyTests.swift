import Testing
@testable import RandomnessCore
@testable import SP80022

/// The suite verdict from marked slots (`SP80022VerdictPolicy`). Expected tail probabilities
/// are binomial sums checked with scipy 1.17.1 (`scipy.stats.binom.sf(F - 1, K, q)`).
@Suite struct VerdictPolicyTests {
    /// One stream, `pValues` as one test's slots.
    func analysis(_ pValues: [Double]) throws -> [SP80022TestAnalysis] {
        let outcome = SP80022TestOutcome(test: .nonOverlappingTemplate, pValues: pValues,
                                         labels: pValues.indices.map { "t\($0)" })
        return [try SP80022FinalAnalysis.analyze(.nonOverlappingTemplate, outcomes: [outcome])]
    }

    @Test func noMarkedSlotPasses() throws {
        var a = try analysis(Array(repeating: 0.5, count: 188))
        let (verdict, basis) = try SP80022VerdictPolicy.apply(to: &a)
        #expect(verdict == .pass && basis.flaggedSlots == 0 && basis.slotCount == 188)
        #expect(abs(basis.expectedFlaggedSlots - 1.88) < 1e-12)
    }

    /// Two of 188 p-values below 0.01 (but above 0.01/188) is what chance gives…
    /// …so the marked slots are suspect, but the suite passes: as many marks as chance explains.
    @Test func fewMarksPass() throws {
        var a = try analysis([0.004, 0.008] + Array(repeating: 0.5, count: 186))
        let (verdict, basis) = try SP80022VerdictPolicy.apply(to: &a)
        #expect(verdict == .pass)
        #expect(basis.reasons.first?.contains("as many as chance explains") == true)
        #expect(basis.flaggedSlots == 2 && basis.decisiveSlots == 0)
        // P(Binomial(188, 0.01) ≥ 2) = 0.561809… (scipy)
        #expect(abs(basis.flaggedSlotsTailProbability - 0.5618092) < 1e-6)
        #expect(a[0].slots[0].verdict == .suspect && a[0].verdict == .suspect)
    }

    /// One p-value below 0.01/188 survives the Bonferroni correction: fail.
    @Test func decisiveSlotFails() throws {
        var a = try analysis([0.00001] + Array(repeating: 0.5, count: 187))
        let (verdict, basis) = try SP80022VerdictPolicy.apply(to: &a)
        #expect(verdict == .fail && basis.decisiveSlots == 1)
        #expect(a[0].slots[0].verdict == .fail && a[0].verdict == .fail)
        #expect(abs(basis.bonferroniAlpha - 0.01 / 188) < 1e-15)
    }

    /// Eight marks among 188 where 1.88 are expected: improbable (P = 3.064e-3 for ≥ 7,
    /// 6.790e-4 for ≥ 8, scipy), so the count alone fails the suite.
    @Test func manyMarksFail() throws {
        var a = try analysis(Array(repeating: 0.005, count: 8) + Array(repeating: 0.5, count: 180))
        let (verdict, basis) = try SP80022VerdictPolicy.apply(to: &a)
        #expect(verdict == .fail && basis.decisiveSlots == 0 && basis.flaggedSlots == 8)
        #expect(abs(basis.flaggedSlotsTailProbability - 6.79011767e-4) < 1e-9)
        var seven = try analysis(Array(repeating: 0.005, count: 7) + Array(repeating: 0.5, count: 181))
        #expect(try SP80022VerdictPolicy.apply(to: &seven).0 == .suspect)
    }

    /// With many streams the mark probability comes from STS's pass-count bounds and the true
    /// probability of a uniformity mark: for m = 100, passes outside 96…101 under
    /// Binomial(100, 0.99) has probability 0.0034323… (scipy: binom.cdf(95, 100, 0.99)); with
    /// a uniformity mark inside the bounds, 0.00356595068913921 (exact integer counting, see
    /// UniformityNullDistributionTests), where STS's nominal 0.0001 would give 0.0035323.
    @Test func manyStreamsMarkProbability() throws {
        let slot = try SP80022FinalAnalysis.analyzeSlot(.frequency, slot: 0, label: "",
                                                        pValues: (0..<100).map { (Double($0) + 0.5) / 100 })
        #expect(abs(slot.flagProbability - 0.00356595068913921) < 1e-12)
    }

    /// A slot decided by its uniformity names STS's P-value and the true null probability that
    /// decided: 19 streams all in [0.5, 0.6) (S = 361, past the DP's cap, so the figure is
    /// P(S ≥ cap), an upper bound), one slot, threshold 0.0001/1.
    @Test func uniformityReasonNamesTheDecidingFigure() throws {
        let outcomes = (0..<19).map { _ in SP80022TestOutcome(test: .frequency, pValues: [0.55]) }
        var a = [try SP80022FinalAnalysis.analyze(.frequency, outcomes: outcomes)]
        let slot = a[0].slots[0]
        #expect(slot.uniformityFailed && !slot.proportionFailed)
        #expect(slot.uniformityNullProbability.map { $0 < 1e-6 } ?? false, "\(String(describing: slot.uniformityNullProbability))")
        let (verdict, basis) = try SP80022VerdictPolicy.apply(to: &a)
        #expect(verdict == .fail && basis.decisiveSlots == 1)
        let reason = basis.reasons.first ?? ""
        #expect(reason.hasPrefix("Frequency: uniformity P = ") && reason.contains("(true null probability ")
                && reason.hasSuffix("below 1.0e-4"), "\(reason)")
    }

    /// A slot decided by its proportion names the pass count and its binomial tail:
    /// P(Binomial(100, 0.99) ≤ 92) = 8.22e-6 (scipy 1.17.1: binom.cdf(92, 100, 0.99)), below 0.01/1.
    @Test func proportionReasonNamesTheDecidingFigure() throws {
        let pValues = Array(repeating: 0.005, count: 8) + (0..<92).map { (Double($0) + 1) / 93 }
        let outcomes = pValues.map { SP80022TestOutcome(test: .frequency, pValues: [$0]) }
        var a = [try SP80022FinalAnalysis.analyze(.frequency, outcomes: outcomes)]
        let (verdict, basis) = try SP80022VerdictPolicy.apply(to: &a)
        #expect(verdict == .fail && !a[0].slots[0].uniformityFailed)
        #expect(basis.reasons == ["Frequency: 92 of 100 passes, P(≤ 92) = 8.22e-6 below 0.01"], "\(basis.reasons)")
    }
}
