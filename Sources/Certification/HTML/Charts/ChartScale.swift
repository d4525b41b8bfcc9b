import Foundation

/// A linear map from a data interval to a pixel interval (which may run backwards, as a y
/// axis does), and "nice" tick values for its axis.
struct ChartScale {
    let domain: ClosedRange<Double>
    /// Pixel positions of the domain's lower and upper bounds.
    let from: Double
    let to: Double

    init(domain: ClosedRange<Double>, from: Double, to: Double) {
        self.domain = domain
        self.from = from
        self.to = to
    }

    /// The pixel position of `value` (values outside the domain map outside the range).
    func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0 else { return from }
        return from + (value - domain.lowerBound) / span * (to - from)
    }

    /// About `count` round tick values (1, 2 or 5 × 10ⁿ apart) inside the domain.
    func ticks(_ count: Int = 5) -> [Double] {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0, count > 0 else { return [domain.lowerBound] }
        let step = Self.niceStep(span / Double(count))
        let first = (domain.lowerBound / step).rounded(.up)
        var out: [Double] = []
        var k = 0.0
        while (first + k) * step <= domain.upperBound + step * 1e-9 {
            let value = (first + k) * step
            out.append(abs(value) < step * 1e-9 ? 0 : value)
            k += 1
        }
        return out
    }

    /// The tick spacing used by `ticks(count)`, for choosing label decimals.
    func tickStep(_ count: Int = 5) -> Double {
        let span = domain.upperBound - domain.lowerBound
        return span > 0 && count > 0 ? Self.niceStep(span / Double(count)) : 1
    }

    /// The smallest of 1, 2, 5 × 10ⁿ that is at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, floor(log10(raw)))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= raw * (1 - 1e-12) {
            return factor * magnitude
        }
        return 10 * magnitude
    }

    /// Decimals needed to print ticks `step` apart.
    static func decimals(forStep step: Double) -> Int {
        step >= 1 ? 0 : min(6, Int(ceil(-log10(step) - 1e-9)))
    }

    /// A tick label for an axis whose ticks are `step` apart ("4,096", "0.25").
    static func label(_ value: Double, step: Double) -> String {
        let digits = decimals(forStep: step)
        if digits == 0 && abs(value) < 1e15 { return DisplayFormat.grouped(Int(value.rounded())) }
        return DisplayFormat.fixed(value, digits)
    }
}
