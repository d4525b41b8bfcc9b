import Foundation
import RandomnessCore

/// The "inverted near-uniform" distribution ea_restart assumes for H_I (Hagerty–Draper):
/// ⌊1/p⌋ symbols of probability p = 2^−H_I and, when 1/p is not an integer, one residual
/// symbol with the remaining probability 1 − ⌊1/p⌋·p. It maximises the largest symbol count
/// among distributions whose most likely symbol has probability p.
struct WorstCaseSymbolDistribution: Sendable {
    /// p = 2^−H_I, computed as ea_restart does (`pow(2.0, -H_I)`).
    let p: Double
    /// ⌊1/p⌋, the number of symbols of probability p.
    let fullSymbols: Int
    /// ⌈1/p⌉, ea_restart's k_effective: the symbols whose counts enter the maximum.
    let effectiveSymbols: Int
    /// The residual symbol's probability (0 when 1/p is an integer).
    let residual: Double

    init(initialEntropy: Double) {
        p = pow(2.0, -initialEntropy)
        fullSymbols = Int((1.0 / p).rounded(.down))
        effectiveSymbols = Int((1.0 / p).rounded(.up))
        residual = effectiveSymbols > fullSymbols ? max(0, 1.0 - Double(fullSymbols) * p) : 0
    }

    /// P(the largest of the symbol counts of `draws` independent draws is at most `m`).
    ///
    /// Draws are assigned symbol by symbol: symbol j receives c ~ Binomial(remaining draws,
    /// p_j / (mass of symbols j, j+1, …)), conditioned on c ≤ m; `mass[t]` is the probability
    /// that t draws remain. The residual symbol takes what is left, which must be ≤ m.
    /// All terms are non-negative, so the sum is accurate to a few ulps of 1.
    func probabilityMaxCountAtMost(_ m: Int, draws n: Int, logFactorials lf: [Double]) -> Double {
        if m >= n { return 1 }
        var mass = [Double](repeating: 0, count: n + 1)
        mass[n] = 1
        var next = [Double](repeating: 0, count: n + 1)
        var termA = [Double](repeating: 0, count: m + 1)
        var termB = [Double](repeating: 0, count: n + 1)
        for j in 0..<fullSymbols {
            let remainingMass = 1.0 - Double(j) * p
            let lastWithoutResidual = (j == fullSymbols - 1) && residual == 0
            let q = lastWithoutResidual ? 1.0 : min(1.0, p / remainingMass)
            for t in 0...n { next[t] = 0 }
            if q >= 1 {
                // Every remaining draw goes to this symbol.
                var s = 0.0
                for t in 0...min(m, n) { s += mass[t] }
                next[0] = s
            } else {
                // pmf(c; t + c, q) = exp(lf[t + c] + (−lf[c] + c·ln q) + (−lf[t] + t·ln(1 − q)))
                let lq = log(q), l1q = log1p(-q)
                for c in 0...m { termA[c] = -lf[c] + Double(c) * lq }
                for t in 0...n { termB[t] = -lf[t] + Double(t) * l1q }
                for t in 0...n {
                    var s = 0.0
                    let cMax = min(m, n - t)
                    for c in 0...cMax {
                        let w = mass[t + c]
                        if w == 0 { continue }
                        s += w * exp(lf[t + c] + termA[c] + termB[t])
                    }
                    next[t] = s
                }
            }
            swap(&mass, &next)
        }
        if residual > 0 {
            var s = 0.0
            for t in 0...min(m, n) { s += mass[t] }
            return s
        }
        return mass[0]
    }

    /// ln k! = ln Γ(k + 1) for k = 0…n.
    static func logFactorials(upTo n: Int) throws(NumericsError) -> [Double] {
        var lf = [Double](repeating: 0, count: n + 1)
        for k in stride(from: 2, through: n, by: 1) { lf[k] = try SpecialFunctions.logGamma(Double(k + 1)) }
        return lf
    }
}
