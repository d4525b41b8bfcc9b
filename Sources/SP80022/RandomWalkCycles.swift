import RandomnessCore

/// The random walk S_k = Σ_{i≤k} (2ε_i − 1), k = 0 ..< n, cut into cycles at its zeros, as
/// STS 2.1.2's Random Excursions tests see it: a cycle ends at each k with S_k = 0, and the
/// stretch after the last zero is one more cycle when S_{n−1} ≠ 0. J is the number of cycles.
///
/// One pass over the packed words: a word (or byte) that cannot bring the walk within 9 of
/// zero only moves S by 2·popcount − width; bits are stepped one by one only near zero.
struct RandomWalkCycles {
    /// Number of k with S_k = 0.
    private(set) var zeros = 0
    /// J: the number of cycles.
    private(set) var cycles = 0
    /// `perCycle[k * 8 + s]`: the number of cycles visiting state s exactly k times
    /// (k = 5: five or more), for the states x = −4, −3, −2, −1, 1, 2, 3, 4 (s = 0 ... 7).
    private(set) var perCycle = [Int](repeating: 0, count: 6 * 8)
    /// `totalVisits[x + 9]`: the number of k with S_k = x, for x = −9 ... 9.
    private(set) var totalVisits = [Int](repeating: 0, count: 19)

    /// The states of the Random Excursions test, in STS's order.
    static let excursionStates = [-4, -3, -2, -1, 1, 2, 3, 4]
    /// The states of the Random Excursions Variant test, in STS's order.
    static let variantStates = [-9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9]

    private var current = [Int](repeating: 0, count: 8)
    private var sum = 0

    init(_ bits: BitSequence) {
        let n = bits.count
        let wholeWords = n >> 6
        bits.words.withUnsafeBufferPointer { words in
            for w in 0..<wholeWords {
                let word = words[w]
                if abs(sum) > 64 + 9 {
                    sum += 2 * word.nonzeroBitCount - 64
                    continue
                }
                for b in 0..<8 {
                    let byte = (word &>> UInt64(56 - 8 * b)) & 0xFF
                    if abs(sum) > 8 + 9 {
                        sum += 2 * byte.nonzeroBitCount - 8
                        continue
                    }
                    for k in 0..<8 { step(byte &>> UInt64(7 - k) & 1) }
                }
            }
            let tail = n & 63
            if tail > 0 {
                let word = words[wholeWords]
                for k in 0..<tail { step(word &>> UInt64(63 - k) & 1) }
            }
        }
        if n > 0 && sum != 0 { closeCycle() }
    }

    @inline(__always)
    private mutating func step(_ bit: UInt64) {
        sum += bit == 1 ? 1 : -1
        if sum == 0 {
            zeros += 1
            closeCycle()
        } else if abs(sum) <= 9 {
            totalVisits[sum + 9] += 1
            if abs(sum) <= 4 { current[sum < 0 ? sum + 4 : sum + 3] += 1 }
        }
    }

    private mutating func closeCycle() {
        cycles += 1
        for s in 0..<8 {
            perCycle[min(current[s], 5) * 8 + s] += 1
            current[s] = 0
        }
    }
}
