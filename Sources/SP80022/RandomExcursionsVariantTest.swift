import Foundation
import RandomnessCore

/// SP 800-22 §2.15 Random Excursions Variant test, as STS 2.1.2's `RandomExcursionsVariant(n)`.
///
/// ξ(x) is the total number of k with S_k = x over the ±1 random walk, for x = −9 ... −1,
/// 1 ... 9, and J its number of cycles (see `RandomWalkCycles`);
/// p(x) = erfc(|ξ(x) − J| / √(2J(4|x| − 2))).
///
/// Not applicable, as STS 2.1.2 skips, when J < ⌊max(0.005·√n, 500)⌋ (STS then writes 18
/// 0 placeholders). Unlike Random Excursions, STS sets no upper limit on the cycles here.
public enum RandomExcursionsVariantTest: SP80022Test {
    public static let id = SP80022TestID.randomExcursionsVariant
    /// The state labels, in STS's order.
    public static let labels = RandomWalkCycles.variantStates.map { "x = \($0)" }

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let n = bits.count
        guard n > 0 else { return .notApplicable(id, reason: "empty sequence") }
        let walk = RandomWalkCycles(bits)
        return try evaluate(walk, n: n, applyCycleLimit: true)
    }

    /// The test on a walk; `applyCycleLimit` false skips STS's applicability rule (for
    /// SP 800-22's 10-bit example).
    static func evaluate(_ walk: RandomWalkCycles, n: Int, applyCycleLimit: Bool) throws -> SP80022TestOutcome {
        let J = walk.cycles
        // STS 2.1.2 truncates the constraint to an int here (not in Random Excursions).
        let constraint = Int(max(0.005 * pow(Double(n), 0.5), 500))
        if applyCycleLimit && J < constraint {
            return .notApplicable(id, reason: "J = \(J) cycles, fewer than max(0.005·√n, 500) = \(constraint); insufficient number of cycles", statistics: ["J": Double(J)])
        }
        var pValues: [Double] = []
        var statistics: [String: Double] = ["J": Double(J)]
        for x in RandomWalkCycles.variantStates {
            let count = walk.totalVisits[x + 9]
            let z = abs(Double(count - J)) / (2.0 * Double(J) * (4.0 * Double(abs(x)) - 2)).squareRoot()
            pValues.append(try SpecialFunctions.erfc(z))
            statistics["visits[x = \(x)]"] = Double(count)
        }
        return SP80022TestOutcome(test: id, pValues: pValues, labels: labels, statistics: statistics)
    }
}
