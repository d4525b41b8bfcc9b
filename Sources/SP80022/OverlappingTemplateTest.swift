import Foundation
import RandomnessCore

/// SP 800-22 §2.8 Overlapping Template Matching test, as STS 2.1.2's
/// `OverlappingTemplateMatchings(m, n)`: the template is m ones.
///
/// N = ⌊n/M⌋ blocks of M = 1032 bits; in each, count the (overlapping) positions 0 ... M−m
/// where m ones start, and tally the blocks with 0, 1, 2, 3, 4 and ≥ 5 matches (K = 5).
/// χ² = Σ_i (ν_i − Nπ_i)² / (Nπ_i), p = igamc(K/2, χ²/2).
///
/// The class probabilities π: STS 2.1.2 computes them with SP 800-22's compound-Poisson
/// approximation (λ = (M−m+1)/2^m, η = λ/2, π_0 = e^−η,
/// π_u = e^−η 2^−u Σ_{l=1..u} C(u−1, l−1) η^l / l!, π_5 = 1 − Σ π_u); its source also holds
/// the exact values for m = 9 (Hamano & Kaneko) but overwrites them. That is the default here.
/// With `parameters.corrected` the exact probabilities for the given m are used instead
/// (`exactClassProbabilities`); see docs/sp800-22-deviations.md.
public enum OverlappingTemplateTest: SP80022Test {
    public static let id = SP80022TestID.overlappingTemplate
    /// STS's block length M.
    public static let blockLength = 1032
    /// STS's K: the classes are 0 ... K−1 matches and ≥ K.
    public static let degreesOfFreedom = 5
    /// Supported template lengths m.
    public static let templateLengths = 1...64

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let m = parameters.overlappingTemplateLength
        try SP80022Error.checkRange(m, templateLengths, name: "overlappingTemplateLength")
        let M = blockLength, K = degreesOfFreedom
        let n = bits.count
        let N = n / M
        guard N > 0 else {
            return .notApplicable(id, reason: "n = \(n) is shorter than one block of M = \(M) bits")
        }

        let matches = runStarts(bits, length: m)
        var nu = [Int](repeating: 0, count: K + 1)
        for i in 0..<N {
            let count = matches.popcount(in: i * M ..< i * M + M - m + 1)
            nu[min(count, K)] += 1
        }

        let lambda = Double(M - m + 1) / pow(2.0, Double(m))
        let eta = lambda / 2.0
        let pi = parameters.corrected
            ? exactClassProbabilities(templateLength: m, blockLength: M, classes: K + 1)
            : try stsClassProbabilities(eta: eta, classes: K + 1)

        var chiSquare = 0.0
        for i in 0...K {
            let expected = Double(N) * pi[i]
            let diff = Double(nu[i]) - expected
            chiSquare += diff * diff / expected
        }
        let p = try CephesConvention.igamc(Double(K) / 2.0, chiSquare / 2.0)

        var statistics: [String: Double] = [
            "m": Double(m), "M": Double(M), "N": Double(N), "lambda": lambda, "eta": eta, "chi_squared": chiSquare,
        ]
        for i in 0...K {
            statistics["nu_\(i)"] = Double(nu[i])
            statistics["pi_\(i)"] = pi[i]
        }
        return SP80022TestOutcome(test: id, pValues: [p], statistics: statistics)
    }

    /// Bit p is set where bits p ..< p+m are all ones (inside the sequence).
    static func runStarts(_ bits: BitSequence, length m: Int) -> BitSequence {
        let words = bits.words
        var out = [UInt64](repeating: 0, count: words.count)
        for w in 0..<words.count {
            let hi = words[w]
            let lo = w + 1 < words.count ? words[w + 1] : 0
            var all = hi
            var t = 1
            while t < m && all != 0 {
                all &= hi &<< UInt64(t) | lo &>> UInt64(64 - t)
                t += 1
            }
            out[w] = all
        }
        return BitSequence(words: out, count: bits.count)
    }

    /// STS 2.1.2's π_0 ... π_{K−1} from `Pr(u, η)` and π_K = 1 − Σ.
    static func stsClassProbabilities(eta: Double, classes: Int) throws -> [Double] {
        var pi = [Double](repeating: 0, count: classes)
        var sum = 0.0
        for u in 0..<(classes - 1) {
            pi[u] = try stsPr(u, eta: eta)
            sum += pi[u]
        }
        pi[classes - 1] = 1 - sum
        return pi
    }

    /// STS 2.1.2's `Pr(u, eta)`, term for term.
    static func stsPr(_ u: Int, eta: Double) throws -> Double {
        if u == 0 { return exp(-eta) }
        let lgU = try SpecialFunctions.logGamma(Double(u))
        var sum = 0.0
        for l in 1...u {
            let exponent = -eta - Double(u) * log(2.0) + Double(l) * log(eta)
                - (try SpecialFunctions.logGamma(Double(l + 1))) + lgU
                - (try SpecialFunctions.logGamma(Double(l))) - (try SpecialFunctions.logGamma(Double(u - l + 1)))
            sum += exp(exponent)
        }
        return sum
    }

    /// The exact probabilities that a uniformly random M-bit block holds 0, 1, ...,
    /// classes−2 and ≥ classes−1 overlapping occurrences of m ones, by a forward recursion
    /// over (trailing run of ones capped at m−1, occurrences capped at classes−1). For m = 9,
    /// M = 1032 these are Hamano & Kaneko's 0.364091, 0.185659, 0.139381, 0.100571,
    /// 0.070432, 0.139865.
    public static func exactClassProbabilities(templateLength m: Int, blockLength M: Int, classes: Int) -> [Double] {
        precondition(m >= 1 && M >= 0 && classes >= 1)
        let top = classes - 1
        // state index: run * classes + occurrences
        var current = [Double](repeating: 0, count: m * classes)
        var next = current
        current[0] = 1
        for _ in 0..<M {
            for i in next.indices { next[i] = 0 }
            for run in 0..<m {
                for c in 0...top {
                    let p = current[run * classes + c]
                    if p == 0 { continue }
                    let half = p * 0.5
                    next[c] += half  // a zero resets the run
                    if run + 1 >= m {
                        next[(m - 1) * classes + min(c + 1, top)] += half
                    } else {
                        next[(run + 1) * classes + c] += half
                    }
                }
            }
            swap(&current, &next)
        }
        var out = [Double](repeating: 0, count: classes)
        for run in 0..<m { for c in 0...top { out[c] += current[run * classes + c] } }
        return out
    }
}
