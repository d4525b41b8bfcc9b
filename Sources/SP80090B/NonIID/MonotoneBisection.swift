import Foundation

/// The bisection the reference uses to invert a monotone expectation (compression estimate
/// step 7, the predictors' P_local): find p in [lower, upper] with f(p) = target for a
/// non-increasing f, stopping when f(p) equals the target to within a relative DBL_EPSILON
/// (or 4 ulps), or when the bracket stops shrinking. Every guard of the reference is kept, each
/// returning the value the caller chose for that failure.
enum MonotoneBisection {
    /// The reference's ITERMAX: enough halvings to exhaust the exponent range of a double.
    static let iterationLimit = 1076

    /// Solves f(p) = target on [lower, upper]; `onInvariantFailure` is returned when the bracket
    /// leaves the domain or no longer holds the target (the reference: `ldomain` for the
    /// compression estimate, `hdomain` for P_local).
    static func solve(target: Double, lower: Double, upper: Double, onInvariantFailure: Double, _ f: (Double) -> Double) -> Double {
        var lbound = lower, hbound = upper
        var lvalue = Double.infinity, hvalue = -Double.infinity
        var p = (lbound + hbound) / 2.0
        var value = f(p)
        for _ in 0..<iterationLimit {
            if nearlyEqual(value, target) { break }
            if target < value {
                lbound = p
                lvalue = value
            } else {
                hbound = p
                hvalue = value
            }
            if lbound >= hbound {
                p = min(max(lbound, hbound), upper)
                break
            }
            if !(inClosedInterval(lbound, lower, upper) && inClosedInterval(hbound, lower, upper)) {
                p = onInvariantFailure
                break
            }
            if !inClosedInterval(target, lvalue, hvalue) {
                p = onInvariantFailure
                break
            }
            let lastP = p
            p = (lbound + hbound) / 2.0
            if !inOpenInterval(p, lbound, hbound) {
                p = hbound
                break
            }
            if lastP == p {
                p = hbound
                break
            }
            value = f(p)
            if !inClosedInterval(value, lvalue, hvalue) {
                p = hbound
                break
            }
        }
        return p
    }

    /// x strictly between a and b (in either order).
    static func inOpenInterval(_ x: Double, _ a: Double, _ b: Double) -> Bool {
        a > b ? (x > b && x < a) : (x > a && x < b)
    }

    /// x in [a, b] (in either order).
    static func inClosedInterval(_ x: Double, _ a: Double, _ b: Double) -> Bool {
        a > b ? (x >= b && x <= a) : (x >= a && x <= b)
    }

    /// The reference's `relEpsilonEqual(A, B, DBL_MIN, DBL_EPSILON, 4)`: relative closeness
    /// within DBL_EPSILON, absolute closeness within DBL_MIN where a relative test is
    /// meaningless, else at most 4 ulps apart.
    static func nearlyEqual(_ x: Double, _ y: Double) -> Bool {
        if x.isNaN || y.isNaN { return false }
        if x == y { return true }
        if x.isInfinite || y.isInfinite { return false }
        var a = x, b = y
        if abs(a) > abs(b) { swap(&a, &b) }
        let absA = abs(a), absB = abs(b)
        let diff = abs(b - a)
        let minNormal = Double.leastNormalMagnitude
        if absA < minNormal || diff < minNormal || diff.isInfinite || absB * Double.ulpOfOne < minNormal {
            return diff <= minNormal
        }
        if diff <= absB * Double.ulpOfOne { return true }
        if a.sign != b.sign { return false }
        return absB.bitPattern - absA.bitPattern <= 4
    }
}
