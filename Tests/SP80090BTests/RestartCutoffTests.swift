import Foundation
import Testing
import RandomnessCore
@testable import SP80090B

/// The sanity-check cutoff (SP 800-90B §3.1.4.3). ea_restart estimates it by a 5,000,000-round
/// simulation seeded from /dev/urandom, so its X_cutoff varies between runs (572 and 573 for
/// H_I = 1 in Fixtures/sp800-90b-restart/expected.json); the exact method computes the quantile
/// that simulation estimates.
struct RestartCutoffTests {
    /// Every X_cutoff ea_restart printed must be a plausible outcome of its simulation under the
    /// exact distribution: with N = 5e6 rounds the reference takes the sorted entry at index
    /// ⌊(1 − α)N⌋ − 1, so at most N − index − 1 = 26 rounds lie above X_cutoff and at least 27
    /// lie at or above it. Under the exact model those counts are Poisson(N·P(max > m)); each
    /// side must have probability ≥ 1e-6. The exact cutoff may differ from a reference run by
    /// at most one.
    @Test func exactCutoffIsConsistentWithEveryReferenceSimulation() throws {
        let runs = RestartFixtureData.expected.runs.filter { $0.x_cutoff != nil }
        #expect(runs.count >= 20, "expected.json should hold the reference cutoff grid")
        let n = Double(RestartCutoffMethod.referenceSimulationRounds)
        let alpha = RestartSanityCutoff.referenceAlpha
        let index = Int(((1 - alpha) * n).rounded(.down)) - 1
        let allowedAbove = Int(n) - index - 1
        #expect(allowedAbove == 26)
        let lf = try WorstCaseSymbolDistribution.logFactorials(upTo: 1000)
        var agreeing = 0
        for run in runs {
            let reference = try #require(run.x_cutoff)
            let exact = try RestartSanityCutoff.compute(initialEntropy: run.h_i, method: .exact, jobs: 2)
            #expect(abs(exact.cutoff - reference) <= 1, "\(run.name): exact \(exact.cutoff), reference \(reference)")
            if exact.cutoff == reference { agreeing += 1 }
            let worst = WorstCaseSymbolDistribution(initialEntropy: run.h_i)
            let above = 1 - worst.probabilityMaxCountAtMost(reference, draws: 1000, logFactorials: lf)
            let atOrAbove = 1 - worst.probabilityMaxCountAtMost(reference - 1, draws: 1000, logFactorials: lf)
            // P(Poisson(λ) ≤ 26) = Q(27, λ); P(Poisson(λ) ≥ 27) = P(27, λ).
            let lowSide = try SpecialFunctions.igamc(Double(allowedAbove + 1), n * above)
            let highSide = try SpecialFunctions.igam(Double(allowedAbove + 1), n * atOrAbove)
            #expect(lowSide >= 1e-6, "\(run.name): \(n * above) rounds expected above \(reference)")
            #expect(highSide >= 1e-6, "\(run.name): \(n * atOrAbove) rounds expected at or above \(reference)")
        }
        #expect(agreeing * 3 >= runs.count * 2, "the exact cutoff should match most reference runs (\(agreeing)/\(runs.count))")
    }

    /// The exact cutoff's defining property: P(max > cutoff) ≤ α < P(max > cutoff − 1).
    @Test(arguments: [0.1, 0.5, 1, 1.5849625007211563, 2, 3.3, 4, 6, 7.5, 8])
    func exactCutoffBracketsAlpha(initialEntropy h: Double) throws {
        let c = try RestartSanityCutoff.compute(initialEntropy: h, method: .exact, jobs: 2)
        #expect(c.exceedanceAtCutoff <= c.alpha)
        #expect(c.exceedanceBelowCutoff > c.alpha)
        #expect(c.alpha == 1 - exp(log(0.99) / 2000))
        #expect(c.effectiveSymbols == Int((1 / pow(2, -h)).rounded(.up)))
        let single = try RestartSanityCutoff.compute(initialEntropy: h, method: .exact, jobs: 1)
        #expect(single == c)
    }

    /// With H_I = 0 every draw is the same symbol: the cutoff is 1000.
    @Test func zeroInitialEntropyAllowsEverything() throws {
        #expect(try RestartSanityCutoff.compute(initialEntropy: 0, method: .exact).cutoff == 1000)
    }

    /// The standard's binomial reading of §3.1.4.3 (α = 0.000005). Expected: the smallest m with
    /// scipy.stats.binom.sf(m, 1000, 2^−H) < 5e-6 (scipy 1.17.1).
    @Test func binomialCutoffMatchesScipy() throws {
        let expected: [(Double, Int)] = [(0.5, 769), (1, 570), (2, 312), (4, 99), (7.5, 19), (8, 15)]
        for (h, m) in expected {
            let c = try RestartSanityCutoff.compute(initialEntropy: h, method: .binomial)
            #expect(c.cutoff == m, "H_I = \(h)")
            #expect(c.alpha == 0.000005)
        }
    }

    /// The reproducible simulation gives the same result for any number of jobs and records
    /// its seed and rounds.
    @Test func simulationIsIdenticalForAnyJobs() throws {
        let method = RestartCutoffMethod.simulation(rounds: 120_000, seed: RestartCutoffMethod.defaultSimulationSeed)
        let one = try RestartSanityCutoff.compute(initialEntropy: 7.5, method: method, jobs: 1)
        let two = try RestartSanityCutoff.compute(initialEntropy: 7.5, method: method, jobs: 2)
        let five = try RestartSanityCutoff.compute(initialEntropy: 7.5, method: method, jobs: 5)
        #expect(one == two)
        #expect(one == five)
        #expect(one.method == method)
        let other = try RestartSanityCutoff.compute(initialEntropy: 7.5, method: .simulation(rounds: 120_000, seed: 1), jobs: 2)
        #expect(other.exceedanceAtCutoff != one.exceedanceAtCutoff || other.exceedanceBelowCutoff != one.exceedanceBelowCutoff)
    }

    /// The simulation and the exact distribution describe the same statistic: at central
    /// points the simulated frequency of {max ≤ m} lies within 5 standard errors of the exact
    /// probability.
    @Test(arguments: [(7.5, 12), (7.5, 14), (1.0, 511), (3.3, 116)])
    func simulationMatchesExactDistribution(initialEntropy h: Double, maxCount m: Int) throws {
        let rounds = 100_000
        let worst = WorstCaseSymbolDistribution(initialEntropy: h)
        let histogram = RestartCutoffSimulation.maxCountHistogram(distribution: worst, rounds: rounds, seed: 42, jobs: 2)
        #expect(histogram.reduce(0, +) == rounds)
        let simulated = Double(histogram[0...m].reduce(0, +)) / Double(rounds)
        let exact = worst.probabilityMaxCountAtMost(m, draws: 1000, logFactorials: try WorstCaseSymbolDistribution.logFactorials(upTo: 1000))
        let se = (exact * (1 - exact) / Double(rounds)).squareRoot()
        #expect(exact > 0.05 && exact < 0.95, "choose a central point: P(max ≤ \(m)) = \(exact)")
        #expect(abs(simulated - exact) <= 5 * se, "H_I = \(h), m = \(m): simulated \(simulated), exact \(exact)")
    }

    /// The generator is xoshiro256**: from the state (1, 2, 3, 4) its first outputs are those of
    /// the authors' reference C code (11520, 0, 1509978240, 1215971899390074240).
    @Test func xoshiroMatchesItsReferenceOutputs() {
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        #expect([g.next(), g.next(), g.next(), g.next()] == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
    }

    @Test func tooFewSimulationRoundsIsATypedError() {
        #expect(throws: RestartTestError.invalidSimulationRounds(1)) {
            try RestartSanityCutoff.compute(initialEntropy: 4, method: .simulation(rounds: 1, seed: 0))
        }
    }
}
