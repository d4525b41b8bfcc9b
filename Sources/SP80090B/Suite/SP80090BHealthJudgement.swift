import Foundation
import RandomnessCore

/// Health-test alarms judged against chance (SP 800-90B §4.4), the same rule for the claimed
/// and the assessed basis.
///
/// Each test's cutoff is chosen so that a source with at least the min-entropy H the cutoffs
/// were derived from raises a false alarm with probability at most α per opportunity: the
/// Repetition Count Test has one opportunity per sample tested, the Adaptive Proportion Test
/// one per window of W samples completed. Over n samples and w windows, false alarms are rare
/// events that are close to independent, so their count N is (at most) Poisson with mean
///
///     λ = α·(n + w).
///
/// A alarms are judged by how unlikely at least A of them are by chance:
///
///     P(N ≥ A) = γ(A, λ) / Γ(A)   (1 for A = 0; GSL's regularized lower incomplete gamma)
///
/// - **fail** when P(N ≥ A) < 10⁻⁶,
/// - **suspect** when P(N ≥ A) < 10⁻³,
/// - **pass** otherwise.
///
/// Why not "any alarm": α is a rate, not a bound on the count. At α = 2^−20 a capture of
/// 64 Mi samples expects about 64 false alarms from a perfectly good source, so one alarm says
/// nothing; a stuck or broken source raises one every C samples — thousands to millions —
/// whose chance probability underflows to 0. With the claimed H the question is whether the
/// alarms fit a source that meets the claim; with the assessed H (a conservative, lower value)
/// the cutoffs are higher still, so λ overstates the false alarms expected and the judgement
/// errs towards pass only by that margin.
///
/// The counts may come from any scan (`HealthTestScan`), including one over more samples than
/// the estimators assessed: λ scales with the opportunities actually tested.
public struct SP80090BHealthJudgement: Codable, Sendable, Equatable {
    /// P(N ≥ A) below this fails.
    public static let failBelow = 1e-6
    /// P(N ≥ A) below this (and not below `failBelow`) is suspect.
    public static let suspectBelow = 1e-3

    /// A: alarms of both tests.
    public var alarms: Int
    /// n + w: samples tested by the RCT plus windows completed by the APT.
    public var opportunities: Int
    /// α: each test's false-positive probability per opportunity.
    public var falsePositiveProbability: Double
    /// λ = α·(n + w): false alarms expected by chance (at most) over the scan.
    public var expectedFalseAlarms: Double
    /// P(N ≥ A) for N ~ Poisson(λ): the chance of at least this many false alarms.
    public var chanceProbability: Double
    /// pass, suspect or fail by the thresholds above.
    public var verdict: Verdict

    /// Judges `repetitionCountAlarms` + `adaptiveProportionAlarms` alarms over `samplesTested`
    /// RCT opportunities and `windowsTested` APT opportunities at α.
    public init(repetitionCountAlarms: Int, adaptiveProportionAlarms: Int, samplesTested: Int, windowsTested: Int,
                falsePositiveProbability alpha: Double) throws(NumericsError) {
        alarms = repetitionCountAlarms + adaptiveProportionAlarms
        opportunities = samplesTested + windowsTested
        falsePositiveProbability = alpha
        expectedFalseAlarms = alpha * Double(opportunities)
        chanceProbability = try SpecialFunctions.poissonUpperTail(alarms, mean: expectedFalseAlarms)
        verdict = Self.verdict(chanceProbability: chanceProbability)
    }

    /// Judges the alarms of `scan` at the α its cutoffs were derived for.
    public init(scan: HealthTestScan) throws(NumericsError) {
        try self.init(repetitionCountAlarms: scan.repetitionCountAlarms, adaptiveProportionAlarms: scan.adaptiveProportionAlarms,
                      samplesTested: scan.samplesTested, windowsTested: scan.adaptiveProportionWindows,
                      falsePositiveProbability: scan.parameters.falsePositiveProbability)
    }

    /// fail below 10⁻⁶, suspect below 10⁻³, else pass.
    public static func verdict(chanceProbability p: Double) -> Verdict {
        p < failBelow ? .fail : p < suspectBelow ? .suspect : .pass
    }

    /// "3 alarms in 67,108,864 samples where 64.0 are expected by chance (P = 1.00): pass".
    public func summary(samplesTested: Int) -> String {
        "\(Self.grouped(alarms)) alarm\(alarms == 1 ? "" : "s") in \(Self.grouped(samplesTested)) samples where "
            + "\(Self.expectedText(expectedFalseAlarms)) \(expectedFalseAlarms == 1 ? "is" : "are") expected by chance "
            + "(P = \(Self.probabilityText(chanceProbability))): \(verdict.rawValue)"
    }

    /// λ in one decimal from 10 on ("64.1"), else in two significant figures ("0.019", "1.5").
    public static func expectedText(_ lambda: Double) -> String {
        lambda >= 10 ? String(format: "%.1f", lambda) : String(format: "%.2g", lambda)
    }

    /// A probability in two significant figures: "1.00", "0.038", "2.5e-09", "< 1e-300".
    public static func probabilityText(_ p: Double) -> String {
        if p == 0 { return "< 1e-300" }
        if p >= 0.01 { return String(format: "%.2f", p) }
        if p >= 0.001 { return String(format: "%.3f", p) }
        return String(format: "%.2g", p)
    }

    static func grouped(_ n: Int) -> String { GroupedNumber.text(n) }
}
