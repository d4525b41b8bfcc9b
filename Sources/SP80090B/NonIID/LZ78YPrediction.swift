/// LZ78Y prediction estimate (SP 800-90B 6.3.10), as the reference computes it.
///
/// A dictionary of contexts of length 1…16 (at most 65,536 contexts in all) counts the symbols
/// that followed each; a sample is predicted by the most frequent follower of the longest-
/// matching context with the highest count (ties to the longer context, then to the larger
/// symbol). Every context found counts the new sample; missing contexts are added while the
/// dictionary has room. Predictions start at sample 17, so N = L − 17.
public enum LZ78YPrediction {
    /// The longest context B.
    public static let maxLength = 16
    /// The dictionary budget (the reference's MAX_DICTIONARY_SIZE).
    public static let maxDictionarySize = 65_536

    /// The estimate over `symbols` in 0..<k (0/1 when k = 2), or nil with fewer than 19
    /// samples.
    public static func estimate(_ symbols: [UInt8], alphabetSize k: Int) -> PredictionEstimate? {
        guard symbols.count >= maxLength + 3 else { return nil }
        let run = symbols.withUnsafeBufferPointer { k == 2 ? predictBinary($0) : predict($0) }
        return PredictionEstimate(correct: run.correct, predictions: symbols.count - maxLength - 1, longestRun: run.longestRun, alphabetSize: k)
    }

    /// Any alphabet, with hashed contexts (the reference's map-based branch).
    static func predict(_ s: UnsafeBufferPointer<UInt8>) -> (correct: Int, longestRun: Int) {
        let len = s.count
        let b = maxLength
        let tables = (0..<b).map { _ in PostfixCounts() }
        var dictionarySize = 0
        var correct = 0, run = 0, longestRun = 0

        // The 16 symbols before S[i], newest in the low byte of `low`.
        var high: UInt64 = 0, low: UInt64 = 0
        for j in 0..<b { (high, low) = (high << 8 | low >> 56, low << 8 | UInt64(s[j])) }
        for j in 1...b {
            let (ch, cl) = MultiMMCPrediction.context(order: j - 1, high: high, low: low)
            let id = tables[j - 1].findOrInsert(high: ch, low: cl)
            tables[j - 1].increment(id, s[b], allowNew: true)
            dictionarySize += 1
        }
        (high, low) = (high << 8 | low >> 56, low << 8 | UInt64(s[b]))
        for i in (b + 1)..<len {
            let symbol = s[i]
            var havePrediction = false
            var prediction: UInt8 = 0
            var maxCount = 0
            for j in stride(from: b, through: 1, by: -1) {
                let (ch, cl) = MultiMMCPrediction.context(order: j - 1, high: high, low: low)
                let table = tables[j - 1]
                let id = table.find(high: ch, low: cl)
                if id >= 0 {
                    let (y, count) = table.prediction(id)
                    if count > maxCount {
                        maxCount = count
                        prediction = y
                        havePrediction = true
                    }
                    table.increment(id, symbol, allowNew: true)
                } else if dictionarySize < maxDictionarySize {
                    let id = table.findOrInsert(high: ch, low: cl)
                    table.increment(id, symbol, allowNew: true)
                    dictionarySize += 1
                }
            }
            if havePrediction && prediction == symbol {
                correct += 1
                run += 1
                if run > longestRun { longestRun = run }
            } else {
                run = 0
            }
            (high, low) = (high << 8 | low >> 56, low << 8 | UInt64(symbol))
        }
        return (correct, longestRun)
    }

    /// Two symbols (0/1): flat count tables indexed by the context bits; 32-bit counts (inputs
    /// stay below 2³¹ symbols).
    static func predictBinary(_ s: UnsafeBufferPointer<UInt8>) -> (correct: Int, longestRun: Int) {
        precondition(s.count < Int(UInt32.max), "32-bit counts")
        let len = s.count
        let b = maxLength
        // Length j (1…16) uses 2^j contexts × 2 counts, at offset 2^(j+1) − 4.
        let tableSize = (1 << (b + 2)) - 4
        let counts = UnsafeMutablePointer<UInt32>.allocate(capacity: tableSize)
        counts.initialize(repeating: 0, count: tableSize)
        defer { counts.deallocate() }
        @inline(__always) func slot(_ j: Int, _ pattern: Int) -> Int {
            (1 << (j + 1)) - 4 + ((pattern & ((1 << j) - 1)) << 1)
        }
        var dictionarySize = 0
        var correct = 0, run = 0, longestRun = 0

        var history = 0  // S[i−16…i−1], S[i−1] in bit 0
        for j in 0..<b { history = history << 1 | Int(s[j] & 1) }
        for j in 1...b {
            counts[slot(j, history) + Int(s[b] & 1)] = 1
            dictionarySize += 1
        }
        let historyMask = (1 << b) - 1
        history = (history << 1 | Int(s[b] & 1)) & historyMask
        for i in (b + 1)..<len {
            let bit = Int(s[i] & 1)
            var prediction = 2
            var maxCount: UInt32 = 0  // > 0 once some context made a prediction
            var j = b
            while j >= 1 {
                let entry = slot(j, history)
                let c0 = counts[entry], c1 = counts[entry + 1]
                let count = max(c0, c1)
                if count != 0 {
                    let better = count > maxCount
                    maxCount = better ? count : maxCount
                    prediction = better ? (c0 > c1 ? 0 : 1) : prediction
                    counts[entry + bit] &+= 1
                } else if dictionarySize < maxDictionarySize {
                    counts[entry + bit] = 1
                    dictionarySize += 1
                }
                j -= 1
            }
            if maxCount != 0 && prediction == bit {
                correct += 1
                run += 1
                if run > longestRun { longestRun = run }
            } else {
                run = 0
            }
            history = (history << 1 | bit) & historyMask
        }
        return (correct, longestRun)
    }
}
