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
        let run = symbols.withUnsafeBufferPointer { predict($0, k: k) }
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
}
