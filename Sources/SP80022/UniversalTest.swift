import Foundation
import RandomnessCore

/// Maurer's "Universal Statistical" test, SP 800-22 §2.9: the stream is cut into L-bit
/// blocks, the first Q initialise a table of last positions, and for each of the next K
/// blocks f_n accumulates log2 of the distance to that pattern's previous occurrence:
/// f_n = (1/K) Σ log2(i − T[block_i]); σ = c·√(variance(L)/K) with
/// c = 0.7 − 0.8/L + (4 + 32/L)·K^(−3/L)/15, and P = erfc(|f_n − expectedValue(L)| / (√2 σ)).
///
/// Parameters follow STS 2.1.2: L is the largest in 6…16 with n ≥ 1010·2^L·L (n < 387 840
/// gives L = 5, where STS skips the test: not applicable), Q = 10·2^L and
/// K = ⌊n/L⌋ − Q (every remaining block). With `corrected`, K = 1000·2^L as SP 800-22's
/// design table and STS 3 (arcetri/sts) use, the rest of the stream unused.
public enum UniversalTest: SP80022Test {
    public static let id = SP80022TestID.universal

    /// E[f_n] and its variance for L = 6…16 (STS 2.1.2's tables, index L).
    static let expectedValue: [Double] = [0, 0, 0, 0, 0, 0, 5.2177052, 6.1962507, 7.1836656, 8.1764248, 9.1723243,
                                          10.170032, 11.168765, 12.168070, 13.167693, 14.167488, 15.167379]
    static let variance: [Double] = [0, 0, 0, 0, 0, 0, 2.954, 3.125, 3.238, 3.311, 3.356, 3.384,
                                     3.401, 3.410, 3.416, 3.419, 3.421]

    /// STS 2.1.2's choice of L for n bits (5 means the test does not run).
    static func blockLength(n: Int) -> Int {
        let thresholds = [387_840, 904_960, 2_068_480, 4_654_080, 10_342_400, 22_753_280, 49_643_520,
                          107_560_960, 231_669_760, 496_435_200, 1_059_061_760]
        var l = 5
        for (offset, threshold) in thresholds.enumerated() where n >= threshold { l = 6 + offset }
        return l
    }

    /// log2(d) for the distances d < 8192, computed as STS does (log(d)/log(2)).
    static let log2Table: [Double] = (0..<8192).map { $0 == 0 ? 0 : log(Double($0)) / log(2.0) }

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let n = bits.count
        let l = blockLength(n: n)
        guard l >= 6 else {
            return .notApplicable(id, reason: "n = \(n) is below 387 840, the minimum for block length L ≥ 6 (STS 2.1.2 skips the test)")
        }
        let q = 10 << l
        let k = parameters.corrected ? 1000 << l : n / l - q
        var table = [Int](repeating: 0, count: 1 << l)
        var sum = 0.0
        let shift = UInt64(64 - l)
        let denominator = log(2.0)
        table.withUnsafeMutableBufferPointer { t in
            log2Table.withUnsafeBufferPointer { logs in
                bits.words.withUnsafeBufferPointer { words in
                    @inline(__always) func block(_ i: Int) -> Int {
                        // Block i (1-based) starts at bit (i−1)·L.
                        let start = (i - 1) * l
                        let w = start >> 6
                        let offset = UInt64(start & 63)
                        var x = words[w] << offset
                        if offset > shift, w + 1 < words.count { x |= words[w + 1] >> (64 - offset) }
                        return Int(truncatingIfNeeded: x >> shift)
                    }
                    for i in 1...q { t[block(i)] = i }
                    for i in (q + 1)...(q + k) {
                        let b = block(i)
                        let d = i - t[b]
                        sum += d < logs.count ? logs[d] : log(Double(d)) / denominator
                        t[b] = i
                    }
                }
            }
        }
        let phi = sum / Double(k)
        let c = 0.7 - 0.8 / Double(l) + (4 + 32 / Double(l)) * pow(Double(k), -3 / Double(l)) / 15
        let sigma = c * (variance[l] / Double(k)).squareRoot()
        let arg = abs(phi - expectedValue[l]) / (2.0.squareRoot() * sigma)
        let pValue = try SpecialFunctions.erfc(arg)
        return SP80022TestOutcome(test: id, pValues: [pValue], statistics: [
            "L": Double(l), "Q": Double(q), "K": Double(k), "sum": sum, "sigma": sigma, "phi": phi,
        ])
    }
}
