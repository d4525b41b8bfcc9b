import Foundation
import RandomnessCore

/// The largest acceptable X_max of the restart sanity check (SP 800-90B §3.1.4.3) for an
/// initial entropy estimate H_I: X_max ≤ cutoff passes, X_max > cutoff fails.
public struct RestartSanityCutoff: Codable, Sendable, Equatable {
    /// How the cutoff was obtained (with the seed and rounds of a simulation).
    public var method: RestartCutoffMethod
    /// H_I.
    public var initialEntropy: Double
    /// p = 2^−H_I.
    public var symbolProbability: Double
    /// ⌈1/p⌉: the symbols of the worst-case distribution (ea_restart's k_effective).
    public var effectiveSymbols: Int
    /// The type I error used: 1 − 0.99^(1/2000) for the exact and simulated cutoffs (as
    /// ea_restart), 0.000005 for the binomial one (as §3.1.4.3 states it).
    public var alpha: Double
    /// The cutoff.
    public var cutoff: Int
    /// P(statistic > cutoff): ≤ α. Exact and binomial methods; for the simulation, the
    /// fraction of rounds above the cutoff.
    public var exceedanceAtCutoff: Double
    /// P(statistic > cutoff − 1): > α (same sources as `exceedanceAtCutoff`).
    public var exceedanceBelowCutoff: Double

    /// ea_restart's per-experiment α for r + c = 2000 binomial experiments at 0.01 overall.
    public static let referenceAlpha = 1.0 - exp(log(0.99) / Double(RestartMatrix.restarts + RestartMatrix.samplesPerRestart))
    /// The α written in §3.1.4.3 step 1.
    public static let standardAlpha = 0.000005

    /// The cutoff for H_I by `method`; `jobs` only parallelises the work.
    public static func compute(initialEntropy hI: Double, method: RestartCutoffMethod, jobs: Int = Parallel.defaultJobs) throws -> RestartSanityCutoff {
        let n = RestartMatrix.samplesPerRestart
        let worst = WorstCaseSymbolDistribution(initialEntropy: hI)
        let p = worst.p
        switch method {
        case .binomial:
            let alpha = standardAlpha
            // Pass iff P(X ≥ X_max) = P(X > X_max − 1) ≥ α: the cutoff is the smallest m with P(X > m) < α.
            var m = 0
            while m < n, try SpecialFunctions.binomialSurvival(m, trials: n, probability: p) >= alpha { m += 1 }
            let at = try SpecialFunctions.binomialSurvival(m, trials: n, probability: p)
            let below = try SpecialFunctions.binomialSurvival(m - 1, trials: n, probability: p)
            return RestartSanityCutoff(method: method, initialEntropy: hI, symbolProbability: p, effectiveSymbols: worst.effectiveSymbols,
                                       alpha: alpha, cutoff: m, exceedanceAtCutoff: at, exceedanceBelowCutoff: below)
        case .exact:
            let alpha = referenceAlpha
            let (cutoff, at, below) = try exactCutoff(worst, draws: n, alpha: alpha, jobs: jobs)
            return RestartSanityCutoff(method: method, initialEntropy: hI, symbolProbability: p, effectiveSymbols: worst.effectiveSymbols,
                                       alpha: alpha, cutoff: cutoff, exceedanceAtCutoff: at, exceedanceBelowCutoff: below)
        case let .simulation(rounds, seed):
            try method.validate()
            let alpha = referenceAlpha
            let histogram = RestartCutoffSimulation.maxCountHistogram(distribution: worst, rounds: rounds, seed: seed, jobs: jobs)
            let cutoff = RestartCutoffSimulation.quantile(histogram: histogram, rounds: rounds, alpha: alpha)
            let above = histogram[(cutoff + 1)...].reduce(0, +)
            let aboveBelow = above + histogram[cutoff]
            return RestartSanityCutoff(method: method, initialEntropy: hI, symbolProbability: p, effectiveSymbols: worst.effectiveSymbols,
                                       alpha: alpha, cutoff: cutoff, exceedanceAtCutoff: Double(above) / Double(rounds),
                                       exceedanceBelowCutoff: Double(aboveBelow) / Double(rounds))
        }
    }

    /// The smallest m with P(max count ≤ m) ≥ 1 − α, with the exceedances at m and m − 1.
    ///
    /// The search is bracketed by binomial bounds. One symbol's count is Binomial(n, p), so
    /// P(max > m) ≥ P(Bin > m): the cutoff is at least the smallest m with P(Bin > m) ≤ α. By the
    /// union bound over the ⌈1/p⌉ symbols (the residual one is no likelier than p),
    /// P(max > m) ≤ ⌈1/p⌉·P(Bin > m): it is at most the smallest m where that is ≤ α. The few
    /// candidates in between are evaluated exactly, in parallel.
    static func exactCutoff(_ worst: WorstCaseSymbolDistribution, draws n: Int, alpha: Double, jobs: Int) throws -> (Int, Double, Double) {
        if worst.p >= 1 { return (n, 0, 1) }
        let k = Double(worst.effectiveSymbols)
        var low = 0
        while low < n, try SpecialFunctions.binomialSurvival(low, trials: n, probability: worst.p) > alpha { low += 1 }
        var high = low
        while high < n, try k * SpecialFunctions.binomialSurvival(high, trials: n, probability: worst.p) > alpha { high += 1 }
        let candidates = Array(max(0, low - 1)...high)
        let lf = try WorstCaseSymbolDistribution.logFactorials(upTo: n)
        let atMost = Parallel.map(count: candidates.count, jobs: jobs) { i in
            worst.probabilityMaxCountAtMost(candidates[i], draws: n, logFactorials: lf)
        }
        let exceedance = { (i: Int) in i < 0 ? 1.0 : max(0, 1 - atMost[i]) }
        for (i, m) in candidates.enumerated() where m >= low && atMost[i] >= 1 - alpha {
            return (m, exceedance(i), exceedance(i - 1))
        }
        // The union bound puts the cutoff at `high` at the latest; only rounding in the last
        // ulps of P(max ≤ high) can bring us here.
        let last = candidates.count - 1
        return (high, exceedance(last), exceedance(last - 1))
    }
}
