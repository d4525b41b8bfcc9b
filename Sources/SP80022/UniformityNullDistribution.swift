import RandomnessCore
import Synchronization

/// The true null distribution of the uniformity check in the final analysis, for a sample of
/// m p-values.
///
/// **The model.** On good data the m p-values of a slot are i.i.d. uniform on [0, 1] (the
/// discreteness of STS's "%f"/`float` re-read is ignored), so the ten bin counts are
/// C ~ Multinomial(m; 1/10, …, 1/10). Both uniformity statistics depend on C only through
/// S = Σ C_i²:
/// - STS 2.1.2 (E = ⌊m/10⌋, an integer): χ²_STS = Σ(C_i − E)²/E = (S − 2Em + 10E²)/E;
/// - Pearson (`corrected`, E = μ = m/10): X² = Σ(C_i − μ)²/μ = (10S − m²)/m.
/// Since Σ(C_i − μ) = 0, χ²_STS·E = Σ(C_i − μ)² + 10(μ − E)² = μX² + 10(μ − E)²: STS's
/// statistic is Pearson's, rescaled by μ/E ≥ 1 and shifted up by 10(μ − E)²/E. Only for m a
/// multiple of 10 are they equal; for m = 19 (E = 1, μ = 1.9) STS's figure is 1.9X² + 8.1, and
/// its "P < 0.0001" marks a good slot with probability 0.124 instead of 0.0001.
///
/// A slot is marked when igamc(9/2, statistic/2) < 0.0001, i.e. when S ≥ S* (`markThreshold`,
/// found by bisection on the same formula). This type gives
/// - `markProbability` = P(S ≥ S*), the true probability that the check marks a good slot;
/// - `tailProbability(sumOfSquares:)` = P(S ≥ s), the true null tail of an observed statistic
///   (the same ordering as STS's P-value, which falls as S grows, with the right distribution);
/// - `markedWithFirstBin(alpha:failuresFrom:through:)`, the joint probability of a mark and a
///   failure count in a range, for the exact probability that a slot is marked at all.
///
/// **Exact, m ≤ `exactLimit` (500).** Dynamic programming over the ten cells. After j cells
/// the state is (n items used, partial sum s of squares) with its probability; the next cell
/// takes c ~ Binomial(m − n, 1/(10 − j)) (the multinomial, one cell at a time). A state whose s
/// plus the least possible sum of squares of the rest (m − n items over 10 − j cells, as even
/// as possible) reaches `cap` can only end with S ≥ cap: it moves to one absorbing state, so
/// the table stays narrow and each state only visits the c that keep it below the cap (one run
/// of c, the rest absorbed through the binomial sums below and above it). `cap` is the larger
/// of S* + 1 and the S where Pearson's X² = 100 (P(S ≥ cap) is 1e-11 at m = 12, 1e-12 at m = 50,
/// 1e-15 at m = 500), or m² + 1 (nothing absorbed) when that is
/// smaller. Below `cap` every figure is exact to rounding (relative error about 1e-13: binomial
/// weights by their ratio recurrence, sums of positive terms, tails summed from the top); at and
/// beyond `cap` the tail is P(S ≥ cap), an upper bound. The cell holding [0, 0.1) is placed
/// last, so its count is known with S and the mark's joint law with the failures (p < α lies
/// in that bin) is exact. Cost on one core of the 2-core CI machine: 0.01 s for m = 100,
/// 0.05 s for m = 200, 0.35 s for m = 500 (it grows like m^2.5), made once per m and kept for
/// the process (the slots of a test share m).
///
/// **Approximate, m > `exactLimit`.** P(S ≥ s) ≈ Q(9/2, X²/2) with X² = (10(s − 1) − m²)/m,
/// the χ²₉ law of Pearson's statistic on the correctly centred S, with a continuity correction
/// of one (S moves in steps of 2: it has the parity of m). The exact tail is heavier; the
/// approximation understates it, by a relative error that shrinks like 1/m. Measured against
/// the exact DP: at m = 500, −1.5 % at tails near 1e-3, −6 % near 1e-4, −14 % near 1e-5, −24 %
/// near 1e-6, −35 % near 1e-7; at m = 1000, −0.7 %, −3 %, −7 %, −13 %, −20 %
/// (UniformityNullDistributionTests checks the m = 500 figures).
public struct UniformityNullDistribution: Sendable {
    /// Which uniformity statistic the final analysis computes.
    public enum Statistic: Sendable, Hashable {
        /// STS 2.1.2: χ² = Σ(C_i − E)²/E, E = ⌊m/10⌋ (needs m ≥ 10).
        case sts
        /// Pearson's X² = Σ(C_i − m/10)²/(m/10) (`corrected`).
        case pearson
    }

    /// Largest m for which the distribution is computed exactly.
    public static let exactLimit = 500
    /// STS's uniformity threshold on igamc(9/2, statistic/2).
    public static let threshold = 0.0001
    /// The cap's distance above the least S, in units of Pearson's X².
    static let capInPearsonUnits = 100.0

    /// The sample size m.
    public let sampleSize: Int
    public let statistic: Statistic
    /// The figures are exact (m ≤ `exactLimit`) rather than the χ² approximation.
    public let isExact: Bool
    /// S*: the least S = Σ C_i² the check marks (of m's parity, as every S is).
    public let markThreshold: Int
    /// P(S ≥ S*) for good data.
    public let markProbability: Double

    /// Least possible S (the most even histogram).
    let base: Int
    /// Exact only: tails[s − base] = P(S ≥ s) for s in base...cap; tails[cap − base] = P(S ≥ cap).
    let tails: [Double]
    /// Exact only: firstBin[c] = P(C₁ = c and S* ≤ S < cap), C₁ the count in [0, 0.1).
    let firstBin: [Double]

    /// The statistic as the final analysis computes it from S (not rounded like its sum of terms).
    public static func statistic(_ statistic: Statistic, sumOfSquares s: Int, sampleSize m: Int) -> Double {
        switch statistic {
        case .sts:
            let e = m / 10
            return Double(s - 2 * e * m + 10 * e * e) / Double(e)
        case .pearson:
            return Double(10 * s - m * m) / Double(m)
        }
    }

    /// The distribution for `m` p-values, computed once per (m, statistic) and kept.
    /// Requires m ≥ 10 for `.sts` (STS computes no uniformity below) and m ≥ 1 for `.pearson`.
    public static func forSample(_ m: Int, statistic: Statistic) throws(NumericsError) -> UniformityNullDistribution {
        precondition(m >= (statistic == .sts ? 10 : 1), "uniformity needs m ≥ 10 (STS) or m ≥ 1")
        let key = Key(m: m, statistic: statistic)
        if let known = cache.withLock({ $0[key] }) { return known }
        // Made outside the lock (deterministic, so a race only repeats work).
        let made = try UniformityNullDistribution(m: m, statistic: statistic)
        cache.withLock { $0[key] = made }
        return made
    }

    struct Key: Hashable { let m: Int; let statistic: Statistic }
    private static let cache = Mutex<[Key: UniformityNullDistribution]>([:])

    /// P(S ≥ s) for good data. Exact below `cap` for m ≤ `exactLimit`, an upper bound at and
    /// beyond it; the χ² approximation above `exactLimit`.
    public func tailProbability(sumOfSquares s: Int) throws(NumericsError) -> Double {
        if s <= base { return 1 }
        if isExact { return tails[min(s, base + tails.count - 1) - base] }
        let x = Double(10 * (s - 1) - sampleSize * sampleSize) / Double(sampleSize)
        return x <= 0 ? 1 : try SpecialFunctions.igamc(4.5, x / 2)
    }

    /// P(S ≥ s) for the histogram's S = Σ C_i².
    public func tailProbability(histogram: [Int]) throws(NumericsError) -> Double {
        try tailProbability(sumOfSquares: histogram.reduce(0) { $0 + $1 * $1 })
    }

    /// P(marked and `failuresFrom` ≤ F ≤ `failuresThrough`) for good data, F the number of
    /// p-values below `alpha` (≤ 0.1, so inside the first bin: given C₁ = c, F ~ Binomial(c,
    /// 10α)). Exact for m ≤ `exactLimit` except that S ≥ cap (probability below about 1e-11)
    /// counts whatever F, so the figure is an upper bound by at most that; nil above
    /// `exactLimit` or for α > 0.1.
    public func markedWithFailures(alpha: Double, from low: Int, through high: Int) -> Double? {
        guard isExact, alpha > 0, alpha <= 0.1 else { return nil }
        let p = alpha * 10
        var total = tails[tails.count - 1]
        for c in firstBin.indices where firstBin[c] > 0 {
            let weights = Self.binomialWeights(trials: c, probability: p)
            var inside = 0.0
            if low <= c && high >= 0 {
                for f in max(low, 0)...min(high, c) { inside += weights[f] }
            }
            total += firstBin[c] * min(1, inside)
        }
        return min(1, total)
    }

    /// Binomial(trials, p) probabilities 0…trials by the ratio recurrence from (1 − p)^trials
    /// (p < 1; no underflow for trials ≤ `exactLimit` and p ≤ 1/2 or p = 10α ≤ 1 with its
    /// terms summed, a term that underflows being below 1e-300).
    static func binomialWeights(trials r: Int, probability p: Double) -> [Double] {
        var w = [Double](repeating: 0, count: r + 1)
        if p >= 1 { w[r] = 1; return w }
        if p <= 0 { w[0] = 1; return w }
        let q = 1 - p
        let ratio = p / q
        var x = 1.0
        for _ in 0..<r { x *= q }
        if x > 0 {
            w[0] = x
            for c in 0..<r { w[c + 1] = w[c] * Double(r - c) / Double(c + 1) * ratio }
        } else {
            // (1 − p)^r underflowed (p close to 1): run the recurrence down from p^r.
            var y = 1.0
            for _ in 0..<r { y *= p }
            w[r] = y
            for c in stride(from: r, to: 0, by: -1) { w[c - 1] = w[c] * Double(c) / Double(r - c + 1) / ratio }
        }
        return w
    }

    /// The least Σ c_i² over `cells` cells holding `items` items (as even as possible).
    static func leastSumOfSquares(_ items: Int, cells: Int) -> Int {
        if cells == 0 { return items == 0 ? 0 : Int.max / 4 }
        let q = items / cells, t = items % cells
        return (cells - t) * q * q + t * (q + 1) * (q + 1)
    }

    /// `forceApproximation` (tests) uses the χ² approximation whatever m.
    init(m: Int, statistic: Statistic, forceApproximation: Bool = false) throws(NumericsError) {
        sampleSize = m
        self.statistic = statistic
        base = Self.leastSumOfSquares(m, cells: 10)
        // S* by bisection: igamc(9/2, statistic(S)/2) falls as S grows.
        var lo = base - 1, hi = m * m + 1   // marked(hi) by convention, marked(lo) false
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            let value = Self.statistic(statistic, sumOfSquares: mid, sampleSize: m)
            if value > 0, try SpecialFunctions.igamc(4.5, value / 2) < Self.threshold { hi = mid } else { lo = mid }
        }
        // S has the parity of m (c² ≡ c mod 2): the least reachable marked S.
        markThreshold = (hi - m) % 2 == 0 ? hi : hi + 1
        isExact = m <= Self.exactLimit && !forceApproximation
        if !isExact {
            tails = []
            firstBin = []
            let x = Double(10 * (markThreshold - 1) - m * m) / Double(m)
            markProbability = x <= 0 ? 1 : try SpecialFunctions.igamc(4.5, x / 2)
            return
        }
        var cap = max(base + Int((Self.capInPearsonUnits * Double(m) / 10).rounded(.up)), markThreshold + 1)
        if cap > m * m { cap = m * m + 1 }
        let (pmf, absorbed, marked) = Self.dynamicProgram(m: m, cap: cap, base: base, markThreshold: markThreshold)
        var tails = [Double](repeating: 0, count: cap - base + 1)
        tails[cap - base] = absorbed
        for i in stride(from: cap - base - 1, through: 0, by: -1) { tails[i] = tails[i + 1] + pmf[i] }
        self.tails = tails
        firstBin = marked
        markProbability = markThreshold >= cap ? absorbed : tails[markThreshold - base]
    }

    /// The table after `j` cells: for each n, the s range that is not yet absorbed.
    struct Layout {
        var low: [Int], width: [Int], offset: [Int], size: Int
        init(m: Int, j: Int, cap: Int) {
            low = [Int](repeating: 0, count: m + 1)
            width = low
            offset = low
            size = 0
            for n in 0...m {
                let lo = UniformityNullDistribution.leastSumOfSquares(n, cells: j)
                let rest = UniformityNullDistribution.leastSumOfSquares(m - n, cells: 10 - j)
                let hi = lo >= Int.max / 4 || rest >= Int.max / 4 ? lo - 1 : cap - 1 - rest
                low[n] = lo
                width[n] = max(0, hi - lo + 1)
                offset[n] = size
                size += width[n]
            }
        }
    }

    /// The DP described on the type: returns P(S = s) for s in base..<cap (index s − base),
    /// P(S ≥ cap), and P(C₁ = c, markThreshold ≤ S < cap) for c = 0…m.
    static func dynamicProgram(m: Int, cap: Int, base: Int, markThreshold: Int) -> ([Double], Double, [Double]) {
        var layout = Layout(m: m, j: 0, cap: cap)
        var table = [Double](repeating: 0, count: max(layout.size, 1))
        var absorbed = 0.0
        if layout.width[0] > 0 { table[layout.offset[0]] = 1 } else { absorbed = 1 }
        for j in 0..<9 {
            // The next cell's count c ~ Binomial(r, 1/k) with k cells left, r items left; with
            // the sums below and above each c, for the mass that goes to the absorbing state.
            let k = 10 - j
            var weights: [[Double]] = [], below: [[Double]] = [], above: [[Double]] = []
            for r in 0...m {
                let w = binomialWeights(trials: r, probability: 1 / Double(k))
                var b = [Double](repeating: 0, count: r + 1), a = b
                for c in 0..<r { b[c + 1] = b[c] + w[c] }
                for c in stride(from: r, to: 0, by: -1) { a[c - 1] = a[c] + w[c] }
                weights.append(w); below.append(b); above.append(a)
            }
            let next = Layout(m: m, j: j + 1, cap: cap)
            var nextTable = [Double](repeating: 0, count: max(next.size, 1))
            nextTable.withUnsafeMutableBufferPointer { out in
                next.low.withUnsafeBufferPointer { nextLow in
                next.width.withUnsafeBufferPointer { nextWidth in
                next.offset.withUnsafeBufferPointer { nextOffset in
                table.withUnsafeBufferPointer { current in
                    for n in 0...m where layout.width[n] > 0 {
                        let r = m - n
                        let w = weights[r], b = below[r], a = above[r]
                        let start = layout.offset[n], first = layout.low[n]
                        for i in 0..<layout.width[n] {
                            let v = current[start + i]
                            if v == 0 { continue }
                            let s = first + i
                            // The c that keep the state below the cap form one run (s + c² plus
                            // the least sum of squares of the rest is convex in c) around its
                            // minimum at ⌊r/k⌋ or ⌈r/k⌉; the rest is absorbed.
                            var low = r / k
                            if s + low * low - nextLow[n + low] >= nextWidth[n + low] {
                                low += 1
                                guard low <= r && s + low * low - nextLow[n + low] < nextWidth[n + low] else {
                                    absorbed += v
                                    continue
                                }
                            }
                            var high = low
                            while low > 0 && s + (low - 1) * (low - 1) - nextLow[n + low - 1] < nextWidth[n + low - 1] { low -= 1 }
                            while high < r && s + (high + 1) * (high + 1) - nextLow[n + high + 1] < nextWidth[n + high + 1] { high += 1 }
                            absorbed += v * (b[low] + a[high])
                            for c in low...high {
                                out[nextOffset[n + c] + s + c * c - nextLow[n + c]] += v * w[c]
                            }
                        }
                    }
                }
                }
                }
                }
            }
            layout = next
            table = nextTable
        }
        // The last cell, [0, 0.1), takes the remaining r items.
        var pmf = [Double](repeating: 0, count: cap - base)
        var marked = [Double](repeating: 0, count: m + 1)
        for n in 0...m where layout.width[n] > 0 {
            let r = m - n
            for i in 0..<layout.width[n] {
                let v = table[layout.offset[n] + i]
                if v == 0 { continue }
                let total = layout.low[n] + i + r * r
                if total >= cap { absorbed += v; continue }
                pmf[total - base] += v
                if total >= markThreshold { marked[r] += v }
            }
        }
        return (pmf, absorbed, marked)
    }
}
