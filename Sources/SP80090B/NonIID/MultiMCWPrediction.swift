/// MultiMCW prediction estimate (SP 800-90B 6.3.7), as the reference computes it.
///
/// Four subpredictors predict the most common value in the last w = 63, 255, 1023, 4095
/// samples (ties go to the value seen most recently); the predictor with the best score so far
/// (ties to the larger window) makes the prediction. Predictions start at sample 63, so
/// N = L − 63.
public enum MultiMCWPrediction {
    /// The window sizes w₁…w₄.
    public static let windows = [63, 255, 1023, 4095]

    /// The estimate over `symbols` in 0..<k, or nil with fewer than 4096 samples (the reference:
    /// "not enough samples to run multiMCW test").
    public static func estimate(_ symbols: [UInt8], alphabetSize k: Int) -> PredictionEstimate? {
        let len = symbols.count
        guard len >= windows[3] + 1 else { return nil }
        let run = symbols.withUnsafeBufferPointer { k == 2 ? predictBinary($0) : predict($0, k: k) }
        return PredictionEstimate(correct: run.correct, predictions: len - windows[0], longestRun: run.longestRun, alphabetSize: k)
    }

    static func predict(_ data: UnsafeBufferPointer<UInt8>, k: Int) -> (correct: Int, longestRun: Int) {
        let w = windows
        let len = data.count
        var counts = [Int](repeating: 0, count: 4 * k)
        var lastPosition = [Int](repeating: 0, count: 4 * k)
        var maxCount = [Int](repeating: 0, count: 4)
        var frequent = [Int](repeating: 0, count: 4)
        var scoreboard = [Int](repeating: 0, count: 4)
        var winner = 0
        var correct = 0, run = 0, longestRun = 0
        counts.withUnsafeMutableBufferPointer { counts in
            lastPosition.withUnsafeMutableBufferPointer { lastPosition in
                // Initial window counts: window j sees samples 0..<w_j.
                for i in 0..<w[3] {
                    let s = Int(data[i])
                    for j in 0..<4 where i < w[j] {
                        counts[j * k + s] += 1
                        if maxCount[j] <= counts[j * k + s] {
                            maxCount[j] = counts[j * k + s]
                            frequent[j] = s
                        }
                        lastPosition[j * k + s] = i
                    }
                }
                for i in w[0]..<len {
                    let s = Int(data[i])
                    if frequent[winner] == s {
                        correct += 1
                        run += 1
                        if run > longestRun { longestRun = run }
                    } else {
                        run = 0
                    }
                    for j in 0..<4 where i >= w[j] && frequent[j] == s {
                        scoreboard[j] += 1
                        if scoreboard[j] >= scoreboard[winner] { winner = j }
                    }
                    for j in 0..<4 where i >= w[j] {
                        let base = j * k
                        let leaving = Int(data[i - w[j]])
                        counts[base + leaving] -= 1
                        counts[base + s] += 1
                        lastPosition[base + s] = i
                        if leaving != frequent[j] {
                            if maxCount[j] <= counts[base + s] {
                                maxCount[j] = counts[base + s]
                                frequent[j] = s
                            }
                        } else {
                            // The most common value lost a sample: search again, ties to the
                            // most recently seen value.
                            maxCount[j] -= 1
                            var bestPosition = i - w[j]
                            for v in 0..<k {
                                let c = counts[base + v]
                                if maxCount[j] < c || (maxCount[j] == c && bestPosition <= lastPosition[base + v]) {
                                    maxCount[j] = c
                                    frequent[j] = v
                                    bestPosition = lastPosition[base + v]
                                }
                            }
                        }
                    }
                }
            }
        }
        return (correct, longestRun)
    }

    /// Two symbols (0/1). The windows have odd sizes and are full whenever they predict, so two
    /// symbols never tie, and the reference's bookkeeping (counts, last positions, the search
    /// when the most common value leaves) always lands on the majority symbol: each window
    /// predicts the majority of its last w samples, kept as a sliding count of ones.
    static func predictBinary(_ data: UnsafeBufferPointer<UInt8>) -> (correct: Int, longestRun: Int) {
        let w = windows
        precondition(w.allSatisfy { $0 & 1 == 1 }, "the binary shortcut needs odd windows")
        let len = data.count
        var ones = (0, 0, 0, 0)
        var scoreboard = (0, 0, 0, 0)
        var winner = 0
        var correct = 0, run = 0, longestRun = 0
        @inline(__always) func bit(_ i: Int) -> Int { Int(data[i] & 1) }
        for i in 0..<w[0] { ones.0 += bit(i) }
        for i in 0..<w[1] { ones.1 += bit(i) }
        for i in 0..<w[2] { ones.2 += bit(i) }
        for i in 0..<w[3] { ones.3 += bit(i) }
        let half = (w[0] / 2, w[1] / 2, w[2] / 2, w[3] / 2)
        for i in w[0]..<len {
            let s = bit(i)
            // The majority of each full window (windows still filling do not predict).
            let f0 = ones.0 > half.0 ? 1 : 0
            let f1 = ones.1 > half.1 ? 1 : 0
            let f2 = ones.2 > half.2 ? 1 : 0
            let f3 = ones.3 > half.3 ? 1 : 0
            let predicted = winner == 0 ? f0 : winner == 1 ? f1 : winner == 2 ? f2 : f3
            if predicted == s {
                correct += 1
                run += 1
                if run > longestRun { longestRun = run }
            } else {
                run = 0
            }
            // Visit the windows in order; a right one scores and takes the lead on a tie.
            if f0 == s {
                scoreboard.0 += 1
                if scoreboard.0 >= score(of: winner, scoreboard) { winner = 0 }
            }
            if i >= w[1] && f1 == s {
                scoreboard.1 += 1
                if scoreboard.1 >= score(of: winner, scoreboard) { winner = 1 }
            }
            if i >= w[2] && f2 == s {
                scoreboard.2 += 1
                if scoreboard.2 >= score(of: winner, scoreboard) { winner = 2 }
            }
            if i >= w[3] && f3 == s {
                scoreboard.3 += 1
                if scoreboard.3 >= score(of: winner, scoreboard) { winner = 3 }
            }
            // Slide the full windows over S[i].
            ones.0 += s - bit(i - w[0])
            if i >= w[1] { ones.1 += s - bit(i - w[1]) }
            if i >= w[2] { ones.2 += s - bit(i - w[2]) }
            if i >= w[3] { ones.3 += s - bit(i - w[3]) }
        }
        return (correct, longestRun)
    }

    @inline(__always)
    private static func score(of j: Int, _ board: (Int, Int, Int, Int)) -> Int {
        j == 0 ? board.0 : j == 1 ? board.1 : j == 2 ? board.2 : board.3
    }
}
