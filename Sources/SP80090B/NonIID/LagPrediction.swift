import RandomnessCore

/// Lag prediction estimate (SP 800-90B 6.3.8), as the reference computes it.
///
/// 128 subpredictors predict S[i] = S[i − d], d = 1…128. After each sample every subpredictor
/// that was right scores a point, visited in order of increasing lag; one whose score reaches
/// the highest score so far becomes the winner, which makes the next prediction. N = L − 1.
public enum LagPrediction {
    /// The number of lags D.
    public static let lags = 128

    /// The estimate over `symbols` in 0..<k, or nil with fewer than 3 samples.
    public static func estimate(_ symbols: [UInt8], alphabetSize k: Int) -> PredictionEstimate? {
        guard symbols.count > 2 else { return nil }
        let run = symbols.withUnsafeBufferPointer { predict($0, k: k) }
        return PredictionEstimate(correct: run.correct, predictions: symbols.count - 1, longestRun: run.longestRun, alphabetSize: k)
    }

    /// The estimate over a bit string (k = 2), computed 64 predictions at a time on packed words.
    public static func estimate(_ bits: BitSequence) -> PredictionEstimate? {
        guard bits.count > 2 else { return nil }
        let run = predictBits(bits)
        return PredictionEstimate(correct: run.correct, predictions: bits.count - 1, longestRun: run.longestRun, alphabetSize: 2)
    }

    /// The reference's order of events, for any alphabet: for each sample, the positions of its
    /// symbol among the previous 128 samples, newest first.
    static func predict(_ s: UnsafeBufferPointer<UInt8>, k: Int) -> (correct: Int, longestRun: Int) {
        let len = s.count
        var scoreboard = [Int](repeating: 0, count: lags)
        // Per symbol, a ring of its last positions (at most `lags` of them).
        var ring = [Int](repeating: 0, count: k * lags)
        var ringStart = [Int](repeating: 0, count: k)
        var ringEnd = [Int](repeating: 0, count: k)
        var winner = 0, highScore = 0
        var correct = 0, run = 0, longestRun = 0
        scoreboard.withUnsafeMutableBufferPointer { score in
            ring.withUnsafeMutableBufferPointer { ring in
                ring[Int(s[0]) * lags] = 0
                ringEnd[Int(s[0])] = 1
                for i in 1..<len {
                    let symbol = Int(s[i])
                    if s[i] == s[i - winner - 1] {
                        correct += 1
                        run += 1
                        if run > longestRun { longestRun = run }
                    } else {
                        run = 0
                    }
                    let base = symbol * lags
                    let start = ringStart[symbol]
                    var index = ringEnd[symbol]
                    let cutoff = i - lags
                    // Entries are ring[base + (index mod lags)] for index in start..<end.
                    while index > start {
                        let position = ring[base + ((index - 1) & (lags - 1))]
                        if position < cutoff {
                            ringStart[symbol] = index
                            break
                        }
                        let offset = i - position - 1
                        score[offset] += 1
                        if score[offset] >= highScore {
                            winner = offset
                            highScore = score[offset]
                        }
                        index -= 1
                    }
                    if ringEnd[symbol] - ringStart[symbol] == lags { ringStart[symbol] += 1 }
                    ring[base + (ringEnd[symbol] & (lags - 1))] = i
                    ringEnd[symbol] += 1
                }
            }
        }
        return (correct, longestRun)
    }

    /// Bit strings: blocks of 64 predictions. For each lag d the word m_d of agreements
    /// S[i] == S[i − d] over the block is one XOR away. A lag whose score plus its agreements
    /// in the block stays below the high score at the block's start can never reach the high
    /// score inside it, so it cannot change the winner: it gets its points in bulk. The other
    /// lags (the winner always among them) are replayed prediction by prediction in the
    /// reference's order, which keeps every tie-break exact.
    static func predictBits(_ bits: BitSequence) -> (correct: Int, longestRun: Int) {
        let len = bits.count
        var score = [Int](repeating: 0, count: lags + 1)  // indexed by lag d = offset + 1
        var agree = [UInt64](repeating: 0, count: lags + 1)
        var candidates = [Int](repeating: 0, count: lags)
        var winner = 1, highScore = 0  // winner as a lag d
        var correct = 0, run = 0, longestRun = 0

        @inline(__always) func record(_ hit: Bool) {
            if hit {
                correct += 1
                run += 1
                if run > longestRun { longestRun = run }
            } else {
                run = 0
            }
        }
        // The first predictions, where fewer than 128 lags exist, one at a time.
        let head = min(len, lags + 1)
        for i in 1..<head {
            let bit = bits[i]
            record(bit == bits[i - winner])
            for d in 1...i where bits[i - d] == bit {
                score[d] += 1
                if score[d] >= highScore {
                    winner = d
                    highScore = score[d]
                }
            }
        }
        var blockStart = head
        while blockStart < len {
            let width = min(64, len - blockStart)
            let valid: UInt64 = width == 64 ? ~0 : ~(~UInt64(0) >> UInt64(width))
            let current = bits.word(startingAt: blockStart)
            var candidateCount = 0
            for d in 1...lags {
                let m = ~(current ^ bits.word(startingAt: blockStart - d)) & valid
                agree[d] = m
                if score[d] + m.nonzeroBitCount >= highScore {
                    candidates[candidateCount] = d
                    candidateCount += 1
                } else {
                    score[d] += m.nonzeroBitCount
                }
            }
            for j in 0..<width {
                let mask = UInt64(1) << UInt64(63 - j)
                record(agree[winner] & mask != 0)
                for c in 0..<candidateCount {
                    let d = candidates[c]
                    if agree[d] & mask != 0 {
                        score[d] += 1
                        if score[d] >= highScore {
                            winner = d
                            highScore = score[d]
                        }
                    }
                }
            }
            blockStart += width
        }
        return (correct, longestRun)
    }
}
