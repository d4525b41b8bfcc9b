import Foundation
import RandomnessCore

/// Markov estimate (SP 800-90B 6.3.3) of a bit string, as the reference computes it.
///
/// P₀, P₁ are the bit frequencies, P_{a,b} the transition frequencies over adjacent pairs. The
/// most likely 128-bit sequence among 0…0, 0101…01, 01…1, 10…0, 1010…10, 1…1 has probability
/// p̂_max = 2^−H; the estimate is min(H/128, 1) bits per bit. Transitions that never occur
/// leave their sequences out.
public struct MarkovEstimate: Codable, Sendable, Equatable {
    public var p0: Double
    public var p1: Double
    public var p00: Double
    public var p01: Double
    public var p10: Double
    public var p11: Double
    /// p̂_max, the probability of the most likely 128-bit sequence.
    public var pHatMax: Double
    public var minEntropy: Double

    /// The estimate over `bits` (at least two bits).
    public static func estimate(_ bits: BitSequence) -> MarkovEstimate {
        let len = bits.count
        precondition(len > 1, "the Markov estimate needs at least two bits")
        // Counts over the pairs (b_i, b_{i+1}), i = 0…len−2.
        var zeros = 0, zeroZero = 0, oneZero = 0
        let wordCount = bits.words.count
        for k in 0..<wordCount {
            let first = k << 6
            let pairs = min(64, len - 1 - first)
            if pairs <= 0 { break }
            let valid: UInt64 = pairs == 64 ? ~0 : ~(~UInt64(0) >> UInt64(pairs))
            let current = bits.words[k]
            let next = bits.word(startingAt: first + 1)
            zeros += (~current & valid).nonzeroBitCount
            zeroZero += (~current & ~next & valid).nonzeroBitCount
            oneZero += (current & ~next & valid).nonzeroBitCount
        }
        let ones = len - 1 - zeros
        let p00 = zeros > 0 ? Double(zeroZero) / Double(zeros) : 0
        let p01 = zeros > 0 ? 1.0 - p00 : 0
        let p10 = ones > 0 ? Double(oneZero) / Double(ones) : 0
        let p11 = ones > 0 ? 1.0 - p10 : 0
        if bits[len - 1] == 0 { zeros += 1 }
        let p0 = Double(zeros) / Double(len)
        let p1 = 1.0 - p0

        var h = 128.0
        if p00 > 0 { h = min(h, -log2(p0) - 127.0 * log2(p00)) }
        if p01 > 0 && p10 > 0 { h = min(h, -log2(p0) - 64.0 * log2(p01) - 63.0 * log2(p10)) }
        if p01 > 0 && p11 > 0 { h = min(h, -log2(p0) - log2(p01) - 126.0 * log2(p11)) }
        if p10 > 0 && p00 > 0 { h = min(h, -log2(p1) - log2(p10) - 126.0 * log2(p00)) }
        if p10 > 0 && p01 > 0 { h = min(h, -log2(p1) - 64.0 * log2(p10) - 63.0 * log2(p01)) }
        if p11 > 0 { h = min(h, -log2(p1) - 127.0 * log2(p11)) }
        return MarkovEstimate(
            p0: p0, p1: p1, p00: p00, p01: p01, p10: p10, p11: p11,
            pHatMax: pow(2.0, -h), minEntropy: min(h / 128.0, 1.0))
    }
}
