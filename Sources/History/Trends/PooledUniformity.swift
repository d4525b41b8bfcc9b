import RandomnessCore

/// The second-level uniformity test no single night can make: one SP 800-22 test's p-values
/// of all nights, pooled.
///
/// Each night records, per p-value slot, the ten-bin histogram C1…C10 of its streams'
/// p-values. On good data those p-values are i.i.d. uniform, so the sum of the nights'
/// histograms of a slot is Multinomial(m; 1/10 each) with m the pooled count, and Pearson's
/// X² = Σ(C_i − m/10)²/(m/10) follows χ²₉ (for m ≥ `minimumPooled`, expected counts ≥ 10).
/// A test with k slots gets p = min(1, k · min over slots of P(χ²₉ ≥ X²)) (Bonferroni over
/// its slots), so P(p < a) ≤ a on good data for any a.
public enum PooledUniformity {
    /// The fewest pooled p-values per slot for which the χ²₉ law is used (10 per bin).
    public static let minimumPooled = 100

    /// The pooled p-value of one test over `nights` (each night: its slots' histograms);
    /// nil when no slot has `minimumPooled` p-values. Slots are matched by position; nights
    /// with another slot count than the last night's (other parameters) are left out.
    public static func pValue(histograms nights: [[[Int]]]) -> (p: Double, slot: Int)? {
        guard let slotCount = nights.last?.count, slotCount > 0 else { return nil }
        var pooled = Array(repeating: Array(repeating: 0, count: 10), count: slotCount)
        for night in nights { add(night, to: &pooled) }
        return pValue(pooled: pooled)
    }

    /// The first night (index) at which the pool of the nights up to it has p < `level`,
    /// pooling with the last night's slot count; one pass, adding night by night.
    public static func firstCrossing(histograms nights: [[[Int]]], level: Double) -> Int? {
        guard let slotCount = nights.last?.count, slotCount > 0 else { return nil }
        var pooled = Array(repeating: Array(repeating: 0, count: 10), count: slotCount)
        for (index, night) in nights.enumerated() {
            add(night, to: &pooled)
            if let p = pValue(pooled: pooled)?.p, p < level { return index }
        }
        return nil
    }

    static func add(_ night: [[Int]], to pooled: inout [[Int]]) {
        guard night.count == pooled.count else { return }
        for (slot, histogram) in night.enumerated() where histogram.count == 10 {
            for bin in 0..<10 { pooled[slot][bin] += histogram[bin] }
        }
    }

    /// Bonferroni over the slots of Pearson's χ²₉ tail of each pooled histogram.
    static func pValue(pooled: [[Int]]) -> (p: Double, slot: Int)? {
        let slotCount = pooled.count
        var best: (p: Double, slot: Int)?
        for (slot, counts) in pooled.enumerated() {
            let m = counts.reduce(0, +)
            guard m >= minimumPooled else { continue }
            let expected = Double(m) / 10
            let x2 = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
            let p = (try? SpecialFunctions.chiSquareSurvival(x2, degreesOfFreedom: 9)) ?? 1
            if best == nil || p < best!.p { best = (p, slot) }
        }
        return best.map { (min(1, Double(slotCount) * $0.p), $0.slot) }
    }
}
