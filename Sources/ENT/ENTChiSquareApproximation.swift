#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `ent`'s own chi-square tail probability (Gary Perlman's `pochisq`, after Hill & Pike,
/// CACM Algorithm 299, with the normal tail of Ibbetson, CACM Algorithm 209).
///
/// It is an approximation (about six digits; the normal tail is exactly 0 beyond
/// |z| = 6) kept only so the "would exceed this value N percent of the times" line
/// matches `ent` to the last printed digit. Exact p-values come from
/// `SpecialFunctions.chiSquareSurvival` (GSL); verdicts use those.
public enum ENTChiSquareApproximation {
    /// log(√π) and 1/√π as `ent` spells them.
    static let logSqrtPi = 0.5723649429247000870717135
    static let inverseSqrtPi = 0.5641895835477562869480795
    /// exp(x) is taken as 0 below −bigX.
    static let bigX = 20.0
    /// |z| beyond which the normal approximation is saturated.
    static let zMax = 6.0

    /// Horner coefficients of Ibbetson's polynomial for |z|/2 < 1 (in w = (|z|/2)²) …
    static let smallArgument: [Double] = [
        0.000124818987, -0.001075204047, 0.005198775019, -0.019198292004, 0.059054035642,
        -0.151968751364, 0.319152932694, -0.531923007300, 0.797884560593,
    ]
    /// … and for 1 ≤ |z|/2 < 3 (in |z|/2 − 2).
    static let largeArgument: [Double] = [
        -0.000045255659, 0.000152529290, -0.000019538132, -0.000676904986, 0.001390604284,
        -0.000794620820, -0.002034254874, 0.006549791214, -0.010557625006, 0.011630447319,
        -0.009279453341, 0.005353579108, -0.002141268741, 0.000535310849, 0.999936657524,
    ]

    @inline(__always)
    static func horner(_ coefficients: [Double], _ t: Double) -> Double {
        var x = coefficients[0]
        for c in coefficients.dropFirst() { x = x * t + c }
        return x
    }

    /// Φ(z), the standard normal cumulative probability, to about six digits (`poz`).
    public static func normalCumulative(_ z: Double) -> Double {
        var x = 0.0
        if z != 0 {
            var y = 0.5 * abs(z)
            if y >= zMax * 0.5 {
                x = 1.0
            } else if y < 1.0 {
                let w = y * y
                x = horner(smallArgument, w) * y * 2.0
            } else {
                y -= 2.0
                x = horner(largeArgument, y)
            }
        }
        return z > 0 ? (x + 1.0) * 0.5 : (1.0 - x) * 0.5
    }

    @inline(__always)
    static func ex(_ x: Double) -> Double { x < -bigX ? 0.0 : exp(x) }

    /// P(χ² > `chiSquare`) for `degreesOfFreedom` degrees of freedom, computed exactly as
    /// `ent`'s `pochisq` computes it (1 for χ² ≤ 0 or fewer than one degree of freedom).
    public static func exceedanceProbability(_ chiSquare: Double, degreesOfFreedom df: Int) -> Double {
        if chiSquare <= 0.0 || df < 1 { return 1.0 }
        let a = 0.5 * chiSquare
        let even = 2 * (df / 2) == df
        var y = 0.0
        if df > 1 { y = ex(-a) }
        var s = even ? y : 2.0 * normalCumulative(-chiSquare.squareRoot())
        guard df > 2 else { return s }
        let x = 0.5 * (Double(df) - 1.0)
        var z = even ? 1.0 : 0.5
        if a > bigX {
            var e = even ? 0.0 : logSqrtPi
            let c = log(a)
            while z <= x {
                e = log(z) + e
                s += ex(c * z - a - e)
                z += 1.0
            }
            return s
        } else {
            var e = even ? 1.0 : inverseSqrtPi / a.squareRoot()
            var c = 0.0
            while z <= x {
                e = e * (a / z)
                c = c + e
                z += 1.0
            }
            return c * y + s
        }
    }
}
