import RandomnessCore

/// The conventions of the Cephes routines STS 2.1.2 calls, over GSL.
enum CephesConvention {
    /// Cephes' `igamc(a, x)`: the regularized upper incomplete gamma Q(a, x), defined as 1
    /// when x ≤ 0 or a ≤ 0 (where GSL would report a domain error).
    static func igamc(_ a: Double, _ x: Double) throws(NumericsError) -> Double {
        if x <= 0 || a <= 0 { return 1 }
        return try SpecialFunctions.igamc(a, x)
    }
}
