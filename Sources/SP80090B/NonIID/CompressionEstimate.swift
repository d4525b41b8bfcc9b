import Foundation
import RandomnessCore

/// Compression estimate (SP 800-90B 6.3.4) of a bit string, as the reference computes it.
///
/// The bits are cut into 6-bit blocks; the first d = 1000 blocks fill a dictionary of last
/// positions, and each later block i contributes log₂(i − last position of its value) (Maurer's
/// universal statistic). With mean X̄, σ̂ = 0.5907·√(Σlog²/(v−1) − X̄²) and
/// X̄′ = X̄ − 2.576·σ̂/√v, the bisection finds p ∈ [1/64, 1] whose expected statistic
/// G(p) + 63·G((1−p)/63) equals X̄′; the estimate is −log₂(p)/6 bits per bit. When no such
/// p > 1/64 exists the estimate is one bit ("Could Not Find p").
public struct CompressionEstimate: Codable, Sendable, Equatable {
    /// X̄.
    public var mean: Double
    /// σ̂.
    public var standardDeviation: Double
    /// X̄′.
    public var meanLowerBound: Double
    /// False when the search found no p above 1/64 and p fell back to it.
    public var foundP: Bool
    public var p: Double
    public var minEntropy: Double

    /// Block width b.
    public static let blockBits = 6
    /// Dictionary initialisation blocks d.
    public static let dictionaryBlocks = 1000

    /// The estimate over `bits`, or nil with fewer than d + 1 = 1001 blocks (the reference:
    /// "not enough samples to run compression test").
    public static func estimate(_ bits: BitSequence) -> CompressionEstimate? {
        let b = blockBits, d = dictionaryBlocks
        let blocks = bits.count / b
        guard blocks > d else { return nil }
        let alphabet = 1 << b
        let log2Table = (0...blocks).map { log2(Double($0)) }
        var lastSeen = [Int](repeating: 0, count: alphabet)
        for i in 0..<d { lastSeen[Int(bits.word(startingAt: i * b) >> UInt64(64 - b))] = i + 1 }
        var sum = KahanSum(), sumSquares = KahanSum()
        for i in d..<blocks {
            let block = Int(bits.word(startingAt: i * b) >> UInt64(64 - b))
            let l = log2Table[i + 1 - lastSeen[block]]
            sum.add(l)
            sumSquares.add(l * l)
            lastSeen[block] = i + 1
        }
        let v = Double(blocks - d)
        let mean = sum.value / v
        let sigma = 0.5907 * (sumSquares.value / (v - 1.0) - mean * mean).squareRoot()
        let bound = mean - EntropyBounds.zAlpha * sigma / v.squareRoot()

        let lowest = 1.0 / Double(alphabet)
        var p = -1.0
        let expected: (Double) -> Double = { p in
            log2Table.withUnsafeBufferPointer { expectedStatistic(p: p, alphabet: alphabet, d: d, blocks: blocks, log2Table: $0) }
        }
        if expected(lowest) > bound {
            p = MonotoneBisection.solve(target: bound, lower: lowest, upper: 1.0, onInvariantFailure: lowest, expected)
        }
        let found = p > lowest
        return CompressionEstimate(
            mean: mean, standardDeviation: sigma, meanLowerBound: bound, foundP: found,
            p: found ? p : lowest, minEntropy: found ? -log2(p) / Double(b) : 1.0)
    }

    /// E[X̄] for a source whose most likely block has probability p and the other
    /// alphabet − 1 blocks share 1 − p equally: G(p) + (alphabet − 1)·G((1 − p)/(alphabet − 1)).
    static func expectedStatistic(p: Double, alphabet: Int, d: Int, blocks: Int, log2Table: UnsafeBufferPointer<Double>) -> Double {
        let q = (1.0 - p) / Double(alphabet - 1)
        return g(p, d: d, blocks: blocks, log2Table: log2Table) + Double(alphabet - 1) * g(q, d: d, blocks: blocks, log2Table: log2Table)
    }

    /// G(z) = 1/v · Σ_{t=d+1}^{L} Σ_{u=1}^{t} log₂(u)·z²(1−z)^{u−1} (with the last term u = t
    /// weighted z rather than z²), summed as the reference does: A_i partial sums of
    /// log₂(i)(1−z)^{i−1}, the double sum folded into Σ (L − i)·a_i, terms dropped once they
    /// underflow.
    static func g(_ z: Double, d: Int, blocks: Int, log2Table: UnsafeBufferPointer<Double>) -> Double {
        precondition(d >= 2 && blocks > d)
        var a = KahanSum(), firstSum = KahanSum()
        let v = blocks - d
        let bTerm = 1.0 - z
        var bi = bTerm
        for i in 2...d {
            a.add(log2Table[i] * bi)
            bi *= bTerm
        }
        let ad1 = a.value
        var truncated = false
        var i = d + 1
        while i <= blocks - 1 {
            let ai = log2Table[i] * bi
            a.add(ai)
            let scaled = Double(blocks - i) * ai
            // The reference stops once a term rounds to zero in double precision; in double
            // arithmetic (1−z)^i can stick at the smallest subnormal instead, so stop at the
            // smallest normal number — 300 orders of magnitude below the sum.
            if scaled >= Double.leastNormalMagnitude {
                firstSum.add(scaled)
            } else {
                truncated = true
                break
            }
            bi *= bTerm
            i += 1
        }
        firstSum.add(Double(blocks - d) * ad1)
        if !truncated { a.add(log2Table[blocks] * bi) }
        return 1.0 / Double(v) * z * (z * firstSum.value + (a.value - ad1))
    }
}

/// Kahan compensated summation, as the reference accumulates its sums.
struct KahanSum {
    private(set) var value = 0.0
    private var compensation = 0.0

    @inline(__always)
    mutating func add(_ x: Double) {
        let y = x - compensation
        let t = value + y
        compensation = (t - value) - y
        value = t
    }
}
