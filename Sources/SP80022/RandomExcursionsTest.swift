import Foundation
import RandomnessCore

/// SP 800-22 §2.14 Random Excursions test, as STS 2.1.2's `RandomExcursions(n)`.
///
/// Over the J cycles of the ±1 random walk (see `RandomWalkCycles`), ν_k(x) counts the cycles
/// visiting state x exactly k times (k = 5: ≥ 5), for x = −4 ... −1, 1 ... 4;
/// χ²(x) = Σ_k (ν_k(x) − Jπ_k(x))² / (Jπ_k(x)) and p(x) = igamc(5/2, χ²(x)/2), with STS's
/// table of π_k(x).
///
/// Not applicable, as STS 2.1.2 skips: when J < max(0.005·√n, 500) (STS then writes eight
/// 0 placeholders), and when the walk has more than max(1000, n/100) zeros (STS aborts).
public enum RandomExcursionsTest: SP80022Test {
    public static let id = SP80022TestID.randomExcursions
    /// The state labels, in STS's order.
    public static let labels = RandomWalkCycles.excursionStates.map { "x = \($0)" }

    /// STS 2.1.2's π_k(|x|), k = 0 ... 5, for |x| = 1 ... 4.
    static let pi: [[Double]] = [
        [0.0000000000, 0.00000000000, 0.00000000000, 0.00000000000, 0.00000000000, 0.0000000000],
        [0.5000000000, 0.25000000000, 0.12500000000, 0.06250000000, 0.03125000000, 0.0312500000],
        [0.7500000000, 0.06250000000, 0.04687500000, 0.03515625000, 0.02636718750, 0.0791015625],
        [0.8333333333, 0.02777777778, 0.02314814815, 0.01929012346, 0.01607510288, 0.0803755143],
        [0.8750000000, 0.01562500000, 0.01367187500, 0.01196289063, 0.01046752930, 0.0732727051],
    ]

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let n = bits.count
        guard n > 0 else { return .notApplicable(id, reason: "empty sequence") }
        let walk = RandomWalkCycles(bits)
        return try evaluate(walk, n: n, applyCycleLimits: true)
    }

    /// The test on a walk; `applyCycleLimits` false skips STS's applicability rules (for
    /// SP 800-22's 10-bit example).
    static func evaluate(_ walk: RandomWalkCycles, n: Int, applyCycleLimits: Bool) throws -> SP80022TestOutcome {
        let J = walk.cycles
        if applyCycleLimits {
            let maxZeros = max(1000, n / 100)
            if walk.zeros > maxZeros {
                return .notApplicable(id, reason: "the walk returns to zero \(walk.zeros) times, more than max(1000, n/100) = \(maxZeros); STS 2.1.2 aborts the test", statistics: ["zeros": Double(walk.zeros)])
            }
            let constraint = max(0.005 * pow(Double(n), 0.5), 500)
            if Double(J) < constraint {
                return .notApplicable(id, reason: "J = \(J) cycles, fewer than max(0.005·√n, 500) = \(constraint.rounded() == constraint ? String(Int(constraint)) : String(constraint)); insufficient number of cycles", statistics: ["J": Double(J)])
            }
        }
        var pValues: [Double] = []
        var statistics: [String: Double] = ["J": Double(J)]
        for (s, x) in RandomWalkCycles.excursionStates.enumerated() {
            let row = pi[abs(x)]
            var chiSquare = 0.0
            for k in 0..<6 {
                let expected = Double(J) * row[k]
                let diff = Double(walk.perCycle[k * 8 + s]) - expected
                chiSquare += diff * diff / expected
            }
            pValues.append(try CephesConvention.igamc(2.5, chiSquare / 2.0))
            statistics["chi_squared[x = \(x)]"] = chiSquare
        }
        return SP80022TestOutcome(test: id, pValues: pValues, labels: labels, statistics: statistics)
    }
}
