import Foundation
import Testing
import RandomnessCore

/// Binomial CDF, survival and critical value over GSL. Expected values: scipy.stats.binom
/// 1.17.1 (`binom.cdf`, `binom.sf`, printed with repr) and SP 800-90B Table 2.
struct BinomialDistributionTests {
    @Test func cdfAndSurvivalMatchScipy() throws {
        // binom.cdf(3, 10, 0.3), binom.sf(3, 10, 0.3)
        #expect(abs(try SpecialFunctions.binomialCDF(3, trials: 10, probability: 0.3) - 0.6496107184000002) < 1e-14)
        #expect(abs(try SpecialFunctions.binomialSurvival(3, trials: 10, probability: 0.3) - 0.3503892815999998) < 1e-14)
        // Far upper tail: binom.sf(600, 1024, 0.5)
        let tail = try SpecialFunctions.binomialSurvival(600, trials: 1024, probability: 0.5)
        #expect(abs(tail / 1.4721455182339723e-08 - 1) < 1e-9)
        // Edges: k ≥ n and k < 0.
        #expect(try SpecialFunctions.binomialCDF(10, trials: 10, probability: 0.3) == 1)
        #expect(try SpecialFunctions.binomialSurvival(-1, trials: 10, probability: 0.3) == 1)
    }

    /// SP 800-90B §4.4.2 footnote 10: C = 1 + CRITBINOM(W, 2^−H, 1 − α); Table 2 (α = 2^−20).
    @Test func criticalValuesReproduceSP80090BTable2() throws {
        let alpha = 0x1p-20
        let binary: [(Double, Int)] = [(0.2, 941), (0.4, 840), (0.6, 748), (0.8, 664), (1, 589)]
        let nonBinary: [(Double, Int)] = [(0.5, 410), (1, 311), (2, 177), (4, 62), (8, 13)]
        for (h, c) in binary {
            #expect(try 1 + SpecialFunctions.binomialCriticalValue(trials: 1024, probability: pow2(-h), upperTail: alpha) == c)
        }
        for (h, c) in nonBinary {
            #expect(try 1 + SpecialFunctions.binomialCriticalValue(trials: 512, probability: pow2(-h), upperTail: alpha) == c)
        }
    }

    @Test func badParametersAreTypedErrors() {
        #expect(throws: NumericsError.self) { try SpecialFunctions.binomialCDF(1, trials: 10, probability: 1.5) }
        #expect(throws: NumericsError.self) { try SpecialFunctions.binomialCriticalValue(trials: 10, probability: 0.5, upperTail: 0) }
    }
}

private func pow2(_ x: Double) -> Double { Foundation.pow(2.0, x) }
