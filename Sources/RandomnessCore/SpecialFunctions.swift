import CGSL

/// A GSL routine reported a failure (domain error, underflow, no convergence, ...).
public struct NumericsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The function that failed, with its arguments.
    public let function: String
    /// GSL's status code and its text.
    public let status: Int32
    public let reason: String

    public var description: String { "\(function) failed: \(reason) (GSL status \(status))" }
}

/// Special functions and distributions over GSL. GSL's abort-on-error handler is switched
/// off once, on first use; every `_e` status becomes a `NumericsError`.
public enum SpecialFunctions {
    /// Switches GSL's error handler off (idempotent; runs once per process).
    public static let gslReady: Void = { _ = gsl_set_error_handler_off() }()

    @inline(__always)
    static func call(_ name: @autoclosure () -> String, _ body: (UnsafeMutablePointer<gsl_sf_result>) -> Int32) throws(NumericsError) -> Double {
        _ = gslReady
        var result = gsl_sf_result(val: 0, err: 0)
        let status = body(&result)
        // Underflow to zero is a correct answer for a tail probability, not an error.
        if status != Int32(GSL_SUCCESS) && status != Int32(GSL_EUNDRFLW) {
            throw NumericsError(function: name(), status: status, reason: String(cString: gsl_strerror(status)))
        }
        return status == Int32(GSL_EUNDRFLW) ? 0 : result.val
    }

    /// Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a) (Cephes' igamc).
    public static func igamc(_ a: Double, _ x: Double) throws(NumericsError) -> Double {
        try call("igamc(\(a), \(x))") { gsl_sf_gamma_inc_Q_e(a, x, $0) }
    }

    /// Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a) (Cephes' igam).
    public static func igam(_ a: Double, _ x: Double) throws(NumericsError) -> Double {
        try call("igam(\(a), \(x))") { gsl_sf_gamma_inc_P_e(a, x, $0) }
    }

    /// Complementary error function erfc(x) = 1 − erf(x).
    public static func erfc(_ x: Double) throws(NumericsError) -> Double {
        try call("erfc(\(x))") { gsl_sf_erfc_e(x, $0) }
    }

    /// Natural logarithm of |Γ(x)|.
    public static func logGamma(_ x: Double) throws(NumericsError) -> Double {
        try call("logGamma(\(x))") { gsl_sf_lngamma_e(x, $0) }
    }

    /// Standard normal cumulative distribution Φ(x).
    public static func normalCDF(_ x: Double) -> Double {
        _ = gslReady
        return gsl_cdf_ugaussian_P(x)
    }

    /// Chi-square survival function P(X > x) for `degreesOfFreedom` degrees of freedom,
    /// equal to Q(dof/2, x/2).
    public static func chiSquareSurvival(_ x: Double, degreesOfFreedom: Double) throws(NumericsError) -> Double {
        guard degreesOfFreedom > 0 else {
            throw NumericsError(function: "chiSquareSurvival(\(x), \(degreesOfFreedom))", status: Int32(GSL_EDOM), reason: "degrees of freedom must be positive")
        }
        if x <= 0 { return 1 }
        return try igamc(degreesOfFreedom / 2, x / 2)
    }

    /// Poisson upper tail P(N ≥ k) for N ~ Poisson(mean): 1 for k ≤ 0, else the regularized
    /// lower incomplete gamma P(k, mean) (the identity P(N ≥ k) = γ(k, λ)/Γ(k); GSL's
    /// `gsl_cdf_poisson_Q(k − 1, λ)` computes the same), accurate in the far tail. A tail
    /// below the smallest double is 0.
    public static func poissonUpperTail(_ k: Int, mean: Double) throws(NumericsError) -> Double {
        _ = gslReady
        guard mean >= 0, mean.isFinite else {
            throw NumericsError(function: "poissonUpperTail(\(k), \(mean))", status: Int32(GSL_EDOM), reason: "the mean must be finite and not negative")
        }
        if k <= 0 { return 1 }
        if mean == 0 { return 0 }
        return try igam(Double(k), mean)
    }

    /// Binomial cumulative distribution P(X ≤ k) for X ~ Binomial(trials, p) (GSL's
    /// `gsl_cdf_binomial_P`, via the incomplete beta function).
    public static func binomialCDF(_ k: Int, trials: Int, probability p: Double) throws(NumericsError) -> Double {
        try checkBinomial("binomialCDF", k, trials, p)
        if k >= trials { return 1 }
        if k < 0 { return 0 }
        return gsl_cdf_binomial_P(UInt32(k), p, UInt32(trials))
    }

    /// Binomial survival function P(X > k) for X ~ Binomial(trials, p) (`gsl_cdf_binomial_Q`),
    /// accurate in the far upper tail where 1 − binomialCDF would cancel.
    public static func binomialSurvival(_ k: Int, trials: Int, probability p: Double) throws(NumericsError) -> Double {
        try checkBinomial("binomialSurvival", k, trials, p)
        if k >= trials { return 0 }
        if k < 0 { return 1 }
        return gsl_cdf_binomial_Q(UInt32(k), p, UInt32(trials))
    }

    /// The binomial critical value, as spreadsheets' CRITBINOM(trials, p, 1 − α): the smallest
    /// k with P(X ≤ k) ≥ 1 − α, found on the upper tail as the smallest k with P(X > k) ≤ α.
    public static func binomialCriticalValue(trials: Int, probability p: Double, upperTail alpha: Double) throws(NumericsError) -> Int {
        try checkBinomial("binomialCriticalValue", 0, trials, p)
        guard alpha > 0, alpha < 1 else {
            throw NumericsError(function: "binomialCriticalValue(\(trials), \(p), \(alpha))", status: Int32(GSL_EDOM), reason: "the tail probability must lie in (0, 1)")
        }
        // P(X > k) falls as k grows: bisect on [−1, trials], keeping Q(lo) > α ≥ Q(hi).
        var lo = -1, hi = trials
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if try binomialSurvival(mid, trials: trials, probability: p) <= alpha { hi = mid } else { lo = mid }
        }
        return hi
    }

    private static func checkBinomial(_ name: String, _ k: Int, _ trials: Int, _ p: Double) throws(NumericsError) {
        _ = gslReady
        guard trials >= 0, trials <= Int(UInt32.max), p >= 0, p <= 1 else {
            throw NumericsError(function: "\(name)(\(k), \(trials), \(p))", status: Int32(GSL_EDOM), reason: "needs 0 ≤ trials < 2^32 and 0 ≤ p ≤ 1")
        }
    }
}
