import Foundation
import RandomnessCore

/// Binary Matrix Rank test, SP 800-22 §2.5: the stream fills N = ⌊n/1024⌋ 32×32 matrices
/// row by row; with F_32, F_31 and F_30 the numbers of matrices of rank 32, 31 and ≤ 30,
/// χ² = Σ (F_r − N p_r)² / (N p_r) and P = e^(−χ²/2).
///
/// Each row is one 32-bit word, so the GF(2) rank is a word-level Gaussian elimination.
/// With N = 0 STS 2.1.2 writes the placeholder p-value 0.000000; here the test is not
/// applicable.
public enum BinaryMatrixRankTest: SP80022Test {
    public static let id = SP80022TestID.rank

    /// P(rank = r) for a random 32×32 binary matrix, as STS computes it (r = 32, 31).
    static func probability(rank r: Int) -> Double {
        var product = 1.0
        for i in 0..<r {
            let a = 1.0 - pow(2.0, Double(i - 32))
            product *= a * a / (1.0 - pow(2.0, Double(i - r)))
        }
        return pow(2.0, Double(r * (32 + 32 - r) - 32 * 32)) * product
    }

    static let p32 = probability(rank: 32)
    static let p31 = probability(rank: 31)
    static let p30 = 1 - (p32 + p31)

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let n = bits.count
        let matrices = n / 1024
        guard matrices > 0 else {
            return .notApplicable(id, reason: "n = \(n) holds no 32×32 matrix (needs n ≥ 1024; STS 2.1.2 writes p = 0 here)")
        }
        var f32 = 0, f31 = 0
        var rows = [UInt32](repeating: 0, count: 32)
        rows.withUnsafeMutableBufferPointer { rows in
            for k in 0..<matrices {
                let base = k * 1024
                for r in stride(from: 0, to: 32, by: 2) {
                    let w = bits.word(startingAt: base + 32 * r)
                    rows[r] = UInt32(truncatingIfNeeded: w >> 32)
                    rows[r + 1] = UInt32(truncatingIfNeeded: w)
                }
                switch rank(of: rows) {
                case 32: f32 += 1
                case 31: f31 += 1
                default: break
                }
            }
        }
        let nD = Double(matrices)
        let f30 = nD - Double(f32 + f31)
        let chiSquared = pow(Double(f32) - nD * p32, 2) / (nD * p32)
            + pow(Double(f31) - nD * p31, 2) / (nD * p31)
            + pow(f30 - nD * p30, 2) / (nD * p30)
        let pValue = exp(-chiSquared / 2.0)
        return SP80022TestOutcome(test: id, pValues: [pValue], statistics: [
            "chi_squared": chiSquared, "N": nD, "F_32": Double(f32), "F_31": Double(f31), "F_30": f30,
        ])
    }

    /// The GF(2) rank of 32 rows of 32 bits (destroys `rows`).
    @inline(__always)
    static func rank(of rows: UnsafeMutableBufferPointer<UInt32>) -> Int {
        var rank = 0
        var column: UInt32 = 1 << 31
        while column != 0 && rank < 32 {
            var pivot = rank
            while pivot < 32 && rows[pivot] & column == 0 { pivot += 1 }
            if pivot < 32 {
                let p = rows[pivot]
                rows[pivot] = rows[rank]
                rows[rank] = p
                var i = rank + 1
                while i < 32 {
                    // Branch-free: XOR the pivot row in where the row has the column bit.
                    rows[i] ^= p & (0 &- ((rows[i] & column) >> UInt32(column.trailingZeroBitCount)))
                    i += 1
                }
                rank += 1
            }
            column >>= 1
        }
        return rank
    }
}
