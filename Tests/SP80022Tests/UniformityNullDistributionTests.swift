import Foundation
import Testing
@testable import RandomnessCore
@testable import SP80022

/// The true null distribution of the uniformity check (`UniformityNullDistribution`).
///
/// Reference values, two independent exact computations that agree to every printed digit
/// (Python 3.11 with scipy 1.17.1; STS's mark rule `scipy.special.gammaincc(4.5, χ²/2) < 1e-4`,
/// χ² = Σ(C − ⌊m/10⌋)²/⌊m/10⌋):
/// - m ≤ 29: enumeration of C ~ Multinomial(m, 10 × 1/10) over the partitions of m into at most
///   ten parts, each weighted by its orderings and multinomial coefficient, in
///   `fractions.Fraction`;
/// - all m: exact integer counting, N_j(n, s) = Σ_c binom(n, c)·N_{j−1}(n − c, s − c²) ways to
///   put n labelled p-values into j bins with Σ c² = s, the [0, 0.1) bin added last, P = N/10^m.
/// The flag probability adds STS's proportion bounds at α = 0.01 (passes outside
/// ⌊(0.99 ∓ 3√(0.0099/m))·m⌋) with F | C₁ = c ~ Binomial(c, 0.1). The script:
/// Fixtures/sp800-22/uniformity-null-reference/reference.py.
@Suite struct UniformityNullDistributionTests {
    struct Reference: Sendable, CustomStringConvertible {
        let m: Int
        let markThreshold: Int
        let markProbability: Double
        let flagProbability: Double
        let tails: [(s: Int, p: Double)]
        var description: String { "m = \(m)" }
    }

    static let references = [
        Reference(m: 10, markThreshold: 44, markProbability: 0.00020008, flagProbability: 0.00031351045168,
                  tails: [(20, 0.43286392), (60, 3.736e-06)]),
        Reference(m: 19, markThreshold: 63, markProbability: 0.12408222116406, flagProbability: 0.124703287442417,
                  tails: [(37, 1), (75, 0.0176121442223517), (101, 0.000259776370844992)]),
        Reference(m: 25, markThreshold: 129, markProbability: 0.00227832567270523, flagProbability: 0.00421335908475737,
                  tails: [(90, 0.266197758707931), (150, 0.000151657550288145)]),
        Reference(m: 100, markThreshold: 1338, markProbability: 0.000135163566371805, flagProbability: 0.00356595068913921,
                  tails: [(1217, 0.00987219193020691), (1347, 9.43112274442938e-05), (1477, 9.67770970737302e-07),
                          (1545, 9.70009240990304e-08)]),
        Reference(m: 29, markThreshold: 145, markProbability: 0.0140643680121633, flagProbability: 0.0169714075043879,
                  tails: [(120, 0.186491000043382), (200, 2.96968739677534e-05)]),
    ]

    @Test(arguments: references)
    func exactAgainstEnumeration(reference r: Reference) throws {
        let model = try UniformityNullDistribution.forSample(r.m, statistic: .sts)
        #expect(model.isExact && model.markThreshold == r.markThreshold)
        #expect(abs(model.markProbability - r.markProbability) <= 1e-12 * r.markProbability)
        for (s, p) in r.tails {
            let mine = try model.tailProbability(sumOfSquares: s)
            #expect(abs(mine - p) <= 1e-12 * p, "P(S ≥ \(s)) = \(mine), expected \(p)")
        }
        // A slot of m p-values: its flag probability is the exact one.
        let pValues = (0..<r.m).map { (Double($0) + 0.5) / Double(r.m) }
        let slot = try SP80022FinalAnalysis.analyzeSlot(.frequency, slot: 0, label: "", pValues: pValues)
        // (GSL's binomial tails for the proportion part: 1e-10 relative.)
        #expect(abs(slot.flagProbability - r.flagProbability) <= 1e-10 * r.flagProbability,
                "flag probability \(slot.flagProbability), expected \(r.flagProbability)")
    }

    /// The distribution sums to one and its tails fall; all m p-values in one bin (S = m²) has
    /// probability 10^(1 − m), exact while nothing is absorbed (m ≤ 11), and P(S ≥ cap), an
    /// upper bound above it, beyond.
    @Test func totalMassAndMonotoneTails() throws {
        for m in [10, 11, 12, 55, 99, 150] {
            let model = try UniformityNullDistribution.forSample(m, statistic: .sts)
            #expect(abs(model.tails[0] - 1) < 1e-12, "m = \(m): total \(model.tails[0])")
            #expect(zip(model.tails, model.tails.dropFirst()).allSatisfy { $0 >= $1 }, "m = \(m)")
            let allInOne = try model.tailProbability(sumOfSquares: m * m)
            let exact = 10 * pow(0.1, Double(m))
            if m <= 11 {
                #expect(abs(allInOne - exact) <= 1e-12 * exact, "m = \(m): \(allInOne)")
            } else {
                #expect(allInOne >= exact * (1 - 1e-12) && allInOne < 1e-10, "m = \(m): \(allInOne)")
            }
        }
    }

    /// For m a multiple of 10 STS's statistic is Pearson's, so both models agree.
    @Test func stsEqualsPearsonForMultiplesOfTen() throws {
        for m in [10, 60, 120] {
            let sts = try UniformityNullDistribution.forSample(m, statistic: .sts)
            let pearson = try UniformityNullDistribution.forSample(m, statistic: .pearson)
            #expect(sts.markThreshold == pearson.markThreshold && sts.markProbability == pearson.markProbability)
        }
    }

    /// The χ² approximation used above `exactLimit`, against the exact DP at m = 500: it
    /// understates the tails by the relative errors the type's documentation states.
    @Test func approximationAccuracyAtTheCutOver() throws {
        let m = UniformityNullDistribution.exactLimit
        let exact = try UniformityNullDistribution.forSample(m, statistic: .sts)
        let approximate = try UniformityNullDistribution(m: m, statistic: .sts, forceApproximation: true)
        #expect(exact.isExact && !approximate.isExact && approximate.markThreshold == exact.markThreshold)
        // (target tail, documented relative error, tolerance)
        for (target, documented) in [(1e-3, -0.015), (1e-4, -0.06), (1e-5, -0.14), (1e-6, -0.24), (1e-7, -0.35)] {
            let s = (exact.base..<(exact.base + exact.tails.count)).first { exact.tails[$0 - exact.base] < target }!
            let error = try approximate.tailProbability(sumOfSquares: s) / exact.tailProbability(sumOfSquares: s) - 1
            #expect(abs(error - documented) < 0.01, "near \(target): relative error \(error)")
        }
    }
}
