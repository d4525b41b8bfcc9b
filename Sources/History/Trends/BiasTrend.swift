import Foundation
import RandomnessCore
import Synchronization

/// The bias-trend statistic: is there a bias that rises steadily from some night on?
///
/// Night n (1…N) has the bias score z_n = (ones − zeros)/√bits of its ENT bit count,
/// N(0, 1) and independent across nights on good data. For each start night s the
/// ramp-matched statistic is Z_s = Σ_{n ≥ s} (n − s + 1)·z_n / √(Σ_{j=1}^{N−s+1} j²), N(0, 1)
/// on good data and the most powerful test against a bias growing linearly from night s.
/// The trend statistic is M = max_s |Z_s| (both directions, every start).
///
/// The Z_s are strongly correlated, so the threshold is not a Bonferroni bound: it is the
/// (1 − α) quantile of M on good data, found by simulating `replicates` histories of N
/// independent standard normal scores (seed `seed`, xoshiro256**, Box–Muller), so that
/// P(M > threshold) = α on good data for every N, up to the simulation's error
/// (±√(α(1−α)/replicates) in the rate: ±0.0001 at α = 0.001 with 100,000 replicates).
public enum BiasTrend {
    public static let replicates = 100_000
    public static let seed: UInt64 = 0x7E4D_5EED

    /// Z_s for every start s = 1…N (index s − 1), in O(N) with suffix sums:
    /// Σ_{n≥s}(n − s + 1)z_n = Σ_{n≥s} n·z_n − (s − 1)·Σ_{n≥s} z_n.
    public static func startStatistics(_ z: [Double]) -> [Double] {
        let count = z.count
        var out = Array(repeating: 0.0, count: count)
        var sum = 0.0, weighted = 0.0
        for index in stride(from: count - 1, through: 0, by: -1) {
            let n = Double(index + 1)
            sum += z[index]
            weighted += n * z[index]
            let length = Double(count - index)
            let norm = (length * (length + 1) * (2 * length + 1) / 6).squareRoot()
            out[index] = (weighted - (n - 1) * sum) / norm
        }
        return out
    }

    /// M = max |Z_s| and the start s (1-based) where it is reached.
    public static func statistic(_ z: [Double]) -> (value: Double, start: Int) {
        var best = (value: 0.0, start: 1)
        for (index, value) in startStatistics(z).enumerated() where abs(value) > best.value {
            best = (abs(value), index + 1)
        }
        return best
    }

    /// The (1 − α) quantile of M for N nights on good data, by simulation (cached per N, α).
    public static func threshold(nights: Int, alpha: Double) -> Double {
        let key = ThresholdKey(nights: nights, alpha: alpha)
        if let cached = cache.withLock({ $0[key] }) { return cached }
        var generator = Xoshiro256StarStar(seed: seed ^ UInt64(nights))
        var maxima = [Double]()
        maxima.reserveCapacity(replicates)
        var z = Array(repeating: 0.0, count: nights)
        for _ in 0..<replicates {
            for n in 0..<nights { z[n] = normal(&generator) }
            maxima.append(statistic(z).value)
        }
        maxima.sort()
        let rank = min(replicates - 1, Int((Double(replicates) * (1 - alpha)).rounded(.up)))
        let value = maxima[rank]
        cache.withLock { $0[key] = value }
        return value
    }

    /// A standard normal draw (Box–Muller, one of the pair).
    static func normal(_ generator: inout Xoshiro256StarStar) -> Double {
        let u1 = max(generator.nextUnit(), 0x1p-60)
        let u2 = generator.nextUnit()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    private struct ThresholdKey: Hashable { let nights: Int; let alpha: Double }
    private static let cache = Mutex<[ThresholdKey: Double]>([:])
}
