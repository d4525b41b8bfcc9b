#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RandomnessCore

/// Everything `ent` reports for one mode (byte or bit), plus the exact chi-square p-value
/// and a verdict.
///
/// Each figure is computed with `ent`'s floating-point operations in `ent`'s order, so
/// printing it with `ent`'s formats (`ENTTextReport`) reproduces `ent`'s output. Values
/// `ent` cannot compute are nil: everything but the entropy for an empty input, Monte
/// Carlo π for fewer than 6 bytes, the serial correlation when all symbols are equal.
public struct ENTStatistics: Codable, Sendable, Equatable {
    public var mode: ENTMode
    /// Samples: bytes in byte mode, bits (8 × bytes) in bit mode.
    public var sampleCount: Int
    /// Shannon entropy of the symbol frequencies, bits per byte (≤ 8) or per bit (≤ 1).
    public var entropy: Double
    /// `ent`'s "optimum compression would reduce the size … by N percent":
    /// ⌊100·(max − entropy)/max⌋ (truncated, as `ent` truncates).
    public var optimumCompressionPercent: Int
    /// Σ (observed − expected)² / expected over the 256 (or 2) symbols.
    public var chiSquare: Double?
    /// `ent`'s "would exceed this value N percent of the times": its `pochisq`
    /// approximation × 100 (`ENTChiSquareApproximation`); for display parity only.
    public var chiSquareExceedancePercent: Double?
    /// The exact P(χ² > chiSquare) for 255 (or 1) degrees of freedom, from GSL.
    public var chiSquarePValue: Double?
    /// Arithmetic mean of the symbols (127.5 or 0.5 for random data).
    public var mean: Double?
    /// 4 × (points inside the circle) / points, over 6-byte points.
    public var monteCarloPi: Double?
    /// 100 × |π − monteCarloPi| / π.
    public var monteCarloErrorPercent: Double?
    /// Serial correlation of each symbol with the next, the last wrapping to the first.
    public var serialCorrelation: Double?
    /// Occurrences of each symbol: 256 byte counts or [zeros, ones].
    public var counts: [UInt64]
    /// Pass, suspect or fail from the chi-square p-value (see `ENTVerdictRule`), or
    /// not-applicable with `notApplicableReason`.
    public var verdict: Verdict
    public var notApplicableReason: String?

    /// Degrees of freedom of the chi-square statistic: 255 or 1.
    public var degreesOfFreedom: Int { mode.degreesOfFreedom }
}

extension ENTAccumulator {
    /// The statistics of the stream seen so far, read in `mode`.
    public func statistics(mode: ENTMode) -> ENTStatistics {
        let counts = symbolCounts(mode)
        let samples = mode == .byte ? byteCount : byteCount * 8
        let totalc = Double(samples)

        // Serial correlation, as ent's rt_end completes it.
        let sums = serialCorrelationSums(mode)
        let scct1 = Double(sums.products) + Double(sums.last) * Double(sums.first)
        let scct2 = Double(sums.sum) * Double(sums.sum)
        let denominator = totalc * Double(sums.sumOfSquares) - scct2
        let serialCorrelation: Double? = denominator == 0 ? nil : (totalc * scct1 - scct2) / denominator

        // Chi-square, mean and entropy, summed over the bins in ent's order.
        var chiSquare = 0.0
        var dataSum = 0.0
        var entropy = 0.0
        let expected = totalc / Double(mode.symbolCount)
        for i in 0..<mode.symbolCount {
            let a = Double(counts[i]) - expected
            chiSquare += (a * a) / expected
            dataSum += Double(i) * Double(counts[i])
        }
        for i in 0..<mode.symbolCount {
            let probability = Double(counts[i]) / totalc
            if probability > 0.0 { entropy += probability * log2(1 / probability) }
        }
        let compression = Int(Int16((100 * (mode.maximumEntropy - entropy)) / mode.maximumEntropy))

        var stats = ENTStatistics(
            mode: mode, sampleCount: samples, entropy: entropy,
            optimumCompressionPercent: compression,
            chiSquare: nil, chiSquareExceedancePercent: nil, chiSquarePValue: nil,
            mean: nil, monteCarloPi: nil, monteCarloErrorPercent: nil,
            serialCorrelation: serialCorrelation, counts: counts,
            verdict: .notApplicable, notApplicableReason: nil)

        if monteCarloPoints > 0 {
            let pi = 4.0 * (Double(monteCarloInside) / Double(monteCarloPoints))
            stats.monteCarloPi = pi
            stats.monteCarloErrorPercent = 100.0 * (abs(Double.pi - pi) / Double.pi)
        }
        guard samples > 0 else {
            stats.notApplicableReason = "no input"
            return stats
        }
        stats.chiSquare = chiSquare
        stats.mean = dataSum / totalc
        stats.chiSquareExceedancePercent =
            ENTChiSquareApproximation.exceedanceProbability(chiSquare, degreesOfFreedom: mode.degreesOfFreedom) * 100
        do {
            stats.chiSquarePValue = try SpecialFunctions.chiSquareSurvival(chiSquare, degreesOfFreedom: Double(mode.degreesOfFreedom))
        } catch {
            stats.notApplicableReason = "exact chi-square p-value unavailable: \(error)"
            return stats
        }
        (stats.verdict, stats.notApplicableReason) = ENTVerdictRule.verdict(
            pValue: stats.chiSquarePValue!, expectedPerSymbol: expected)
        return stats
    }

    /// Both modes and the combined verdict.
    public func suiteResult() -> ENTSuiteResult {
        ENTSuiteResult(byteMode: statistics(mode: .byte), bitMode: statistics(mode: .bit), foldsCase: foldsCase)
    }
}
