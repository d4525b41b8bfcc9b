/// MultiMMC prediction estimate (SP 800-90B 6.3.9), as the reference computes it.
///
/// Subpredictor d = 1…16 is a Markov model of order d: it predicts the symbol that most often
/// followed the last d samples (ties to the larger symbol), and counts at most 100,000
/// (context, symbol) pairs. The subpredictor with the best score so far (ties to the higher
/// order) makes the prediction. If a context of order d was never seen, the higher orders are
/// not consulted for that sample. N = L − 2.
public enum MultiMMCPrediction {
    /// The highest order D.
    public static let maxOrder = 16
    /// The pair budget of each order (the reference's MAX_ENTRIES).
    public static let maxEntries = 100_000

    /// The estimate over `symbols` in 0..<k (0/1 when k = 2), or nil with fewer than 4 samples.
    public static func estimate(_ symbols: [UInt8], alphabetSize k: Int) -> PredictionEstimate? {
        guard symbols.count > 3 else { return nil }
        let run = symbols.withUnsafeBufferPointer { k == 2 ? predictBinaryByOrder($0) : predictByOrder($0) }
        return PredictionEstimate(correct: run.correct, predictions: symbols.count - 2, longestRun: run.longestRun, alphabetSize: k)
    }

    /// Order d + 1 context of the prediction of S[i]: S[i−d−1…i−1], newest in the low byte.
    @inline(__always)
    static func context(order d: Int, high: UInt64, low: UInt64) -> (UInt64, UInt64) {
        if d < 8 {
            return (0, d == 7 ? low : low & ((1 << UInt64(8 * (d + 1))) - 1))
        }
        return (d == 15 ? high : high & ((1 << UInt64(8 * (d - 7))) - 1), low)
    }

    /// Any alphabet, one order at a time. Order d only depends on its own counts and on whether
    /// order d − 1 found its context at each sample, so each order runs as its own pass over the
    /// data (one table in cache at a time), recording per sample whether its context was found
    /// and whether its prediction was right; a last pass replays the scoreboard in the
    /// reference's order. Same results as `predict`, the sample-by-sample transcription.
    static func predictByOrder(_ s: UnsafeBufferPointer<UInt8>) -> (correct: Int, longestRun: Int) {
        let len = s.count
        let orders = maxOrder
        let capacity = 2 * min(maxEntries, len)
        // Bit d of found[i − 2] / right[i − 2]: order d+1 found its context / predicted S[i].
        var found = [UInt16](repeating: 0, count: len)
        var right = [UInt16](repeating: 0, count: len)
        found.withUnsafeMutableBufferPointer { found in
            right.withUnsafeMutableBufferPointer { right in
                for d in 0..<orders where d < len - 2 {
                    let table = PostfixCounts(initialCapacity: capacity)
                    let bit = UInt16(1) << UInt16(d)
                    // Initial count: order d+1 context S[0…d] followed by S[d+1].
                    var high: UInt64 = 0, low: UInt64 = 0
                    for j in 0...d { (high, low) = (high << 8 | low >> 56, low << 8 | UInt64(s[j])) }
                    table.increment(table.findOrInsert(high: high, low: low), s[d + 1], allowNew: true)
                    var entries = 1
                    // The window before S[i], for i = d + 2.
                    (high, low) = (high << 8 | low >> 56, low << 8 | UInt64(s[d + 1]))
                    for i in (d + 2)..<len {
                        let symbol = s[i]
                        let (ch, cl) = context(order: d, high: high, low: low)
                        var id = -1
                        if d == 0 || found[i - 2] & (bit >> 1) != 0 { id = table.find(high: ch, low: cl) }
                        if id >= 0 {
                            found[i - 2] |= bit
                            if table.prediction(id).symbol == symbol { right[i - 2] |= bit }
                            if table.increment(id, symbol, allowNew: entries < maxEntries) { entries += 1 }
                        } else if entries < maxEntries {
                            table.increment(table.findOrInsert(high: ch, low: cl), symbol, allowNew: true)
                            entries += 1
                        }
                        (high, low) = (high << 8 | low >> 56, low << 8 | UInt64(symbol))
                    }
                }
            }
        }
        return found.withUnsafeBufferPointer { found in
            right.withUnsafeBufferPointer { right in replayScoreboard(found: found, right: right, predictions: len - 2) }
        }
    }

    /// The scoreboard of the subpredictors from their per-sample outcomes (bit d of `found[j]`
    /// and `right[j]` for the prediction of S[j + 2]); the found orders are always 0..<F.
    static func replayScoreboard(found: UnsafeBufferPointer<UInt16>, right: UnsafeBufferPointer<UInt16>, predictions: Int) -> (correct: Int, longestRun: Int) {
        var scoreboard = [Int](repeating: 0, count: maxOrder)
        var winner = 0
        var correct = 0, run = 0, longestRun = 0
        scoreboard.withUnsafeMutableBufferPointer { scoreboard in
            for j in 0..<predictions {
                let orders = (~found[j]).trailingZeroBitCount  // F: orders 0..<F found their context
                let currentWinner = winner
                var hits = right[j] & UInt16(truncatingIfNeeded: (1 << orders) - 1)
                while hits != 0 {
                    let d = hits.trailingZeroBitCount
                    hits &= hits - 1
                    scoreboard[d] += 1
                    if scoreboard[d] >= scoreboard[winner] { winner = d }
                }
                if currentWinner < orders {
                    if right[j] & (1 << UInt16(currentWinner)) != 0 {
                        correct += 1
                        run += 1
                        if run > longestRun { longestRun = run }
                    } else {
                        run = 0
                    }
                }
            }
        }
        return (correct, longestRun)
    }

    /// Any alphabet, with hashed contexts, sample by sample in the reference's order (its
    /// map-based branch); `predictByOrder` computes the same faster.
    static func predict(_ s: UnsafeBufferPointer<UInt8>) -> (correct: Int, longestRun: Int) {
        let len = s.count
        let orders = maxOrder
        // Each order holds at most `maxEntries` pairs, hence contexts: size the tables once.
        let capacity = 2 * min(maxEntries, len)
        let tables = (0..<orders).map { _ in PostfixCounts(initialCapacity: capacity) }
        var entries = [Int](repeating: 0, count: orders)
        var scoreboard = [Int](repeating: 0, count: orders)
        var winner = 0
        var correct = 0, run = 0, longestRun = 0

        // Initial counts: order d+1 context S[0…d] followed by S[d+1].
        for d in 0..<orders where d < len - 2 {
            var high: UInt64 = 0, low: UInt64 = 0
            for j in 0...d { (high, low) = (high << 8 | low >> 56, low << 8 | UInt64(s[j])) }
            let id = tables[d].findOrInsert(high: high, low: low)
            tables[d].increment(id, s[d + 1], allowNew: true)
            entries[d] = 1
        }
        var high: UInt64 = 0
        var low = UInt64(s[0]) << 8 | UInt64(s[1])
        for i in 2..<len {
            let symbol = s[i]
            var found = false
            let currentWinner = winner
            var d = 0
            while d < orders && d <= i - 2 {
                let (ch, cl) = context(order: d, high: high, low: low)
                let table = tables[d]
                var id = -1
                if d == 0 || found {
                    id = table.find(high: ch, low: cl)
                    found = id >= 0
                }
                if found {
                    if table.prediction(id).symbol == symbol {
                        scoreboard[d] += 1
                        if scoreboard[d] >= scoreboard[winner] { winner = d }
                        if d == currentWinner {
                            correct += 1
                            run += 1
                            if run > longestRun { longestRun = run }
                        }
                    } else if d == currentWinner {
                        run = 0
                    }
                    if table.increment(id, symbol, allowNew: entries[d] < maxEntries) { entries[d] += 1 }
                } else if entries[d] < maxEntries {
                    let id = table.findOrInsert(high: ch, low: cl)
                    table.increment(id, symbol, allowNew: true)
                    entries[d] += 1
                }
                d += 1
            }
            (high, low) = (high << 8 | low >> 56, low << 8 | UInt64(symbol))
        }
        return (correct, longestRun)
    }

    /// Two symbols (0/1), one order at a time as `predictByOrder`, with the flat count tables
    /// of the reference's binary branch (which, unlike the map branch, *sets* a pair to 1 when
    /// the shorter context was missing). Same results as `predictBinary`.
    static func predictBinaryByOrder(_ s: UnsafeBufferPointer<UInt8>) -> (correct: Int, longestRun: Int) {
        precondition(s.count < Int(UInt32.max), "32-bit counts")
        let len = s.count
        let orders = maxOrder
        var found = [UInt16](repeating: 0, count: len)
        var right = [UInt16](repeating: 0, count: len)
        // Order d+1 uses 2^(d+1) contexts × 2 counts; the largest table is reused by every order.
        let counts = UnsafeMutablePointer<UInt32>.allocate(capacity: 1 << (orders + 1))
        defer { counts.deallocate() }
        found.withUnsafeMutableBufferPointer { found in
            right.withUnsafeMutableBufferPointer { right in
                for d in 0..<orders where d + 1 < len {
                    let size = 1 << (d + 2)
                    counts.initialize(repeating: 0, count: size)
                    let mask = (1 << (d + 1)) - 1
                    let bit = UInt16(1) << UInt16(d)
                    var pattern = 0
                    for j in 0...d { pattern = pattern << 1 | Int(s[j] & 1) }
                    counts[(pattern & mask) << 1 | Int(s[d + 1] & 1)] = 1
                    var entries = 1
                    // S[i−d−1…i−1] for i = d + 2, S[i−1] in bit 0.
                    pattern = (pattern << 1 | Int(s[d + 1] & 1)) & mask
                    let shorter = d == 0 ? UInt16(0) : bit >> 1
                    for i in (d + 2)..<len {
                        let y = Int(s[i] & 1)
                        let entry = pattern << 1
                        let c0 = counts[entry], c1 = counts[entry + 1]
                        // Consulted (order 0, or order d found its context) and seen before.
                        let consulted = d == 0 || found[i - 2] & shorter != 0
                        if consulted && (c0 | c1) != 0 {
                            let predictsOne = c1 >= c0
                            found[i - 2] |= bit
                            right[i - 2] |= predictsOne == (y == 1) ? bit : 0
                            if counts[entry + y] != 0 {
                                counts[entry + y] &+= 1
                            } else if entries < maxEntries {
                                counts[entry + y] = 1
                                entries += 1
                            }
                        } else if entries < maxEntries {
                            counts[entry + y] = 1
                            entries += 1
                        }
                        pattern = (pattern << 1 | y) & mask
                    }
                }
            }
        }
        return found.withUnsafeBufferPointer { found in
            right.withUnsafeBufferPointer { right in replayScoreboard(found: found, right: right, predictions: len - 2) }
        }
    }

    /// Two symbols (0/1): flat count tables indexed by the context bits, as the reference's
    /// binary branch (which, unlike the map branch, *sets* a pair to 1 when the shorter context
    /// was missing). 32-bit counts (inputs stay below 2³¹ symbols).
    static func predictBinary(_ s: UnsafeBufferPointer<UInt8>) -> (correct: Int, longestRun: Int) {
        precondition(s.count < Int(UInt32.max), "32-bit counts")
        let len = s.count
        let orders = maxOrder
        // Order d+1 (d = 0…15) uses 2^(d+1) contexts × 2 counts, at offset 2^(d+2) − 4.
        let tableSize = (1 << (orders + 2)) - 4
        let counts = UnsafeMutablePointer<UInt32>.allocate(capacity: tableSize)
        counts.initialize(repeating: 0, count: tableSize)
        let entries = UnsafeMutablePointer<Int>.allocate(capacity: orders)
        entries.initialize(repeating: 0, count: orders)
        let scoreboard = UnsafeMutablePointer<Int>.allocate(capacity: orders)
        scoreboard.initialize(repeating: 0, count: orders)
        // The count pairs of this sample's contexts, loaded up front so that the loads overlap.
        let loaded = UnsafeMutablePointer<(UInt32, UInt32)>.allocate(capacity: orders)
        loaded.initialize(repeating: (0, 0), count: orders)
        defer {
            counts.deallocate()
            entries.deallocate()
            scoreboard.deallocate()
            loaded.deallocate()
        }
        @inline(__always) func slot(_ d: Int, _ pattern: Int) -> Int {
            (1 << (d + 2)) - 4 + ((pattern & ((1 << (d + 1)) - 1)) << 1)
        }
        var winner = 0
        var correct = 0, run = 0, longestRun = 0

        var pattern = 0
        for d in 0..<orders where d + 1 < len {
            pattern = pattern << 1 | Int(s[d] & 1)
            counts[slot(d, pattern) + Int(s[d + 1] & 1)] = 1
            entries[d] = 1
        }
        var history = Int(s[0] & 1) << 1 | Int(s[1] & 1)  // S[i−1] in bit 0
        for i in 2..<len {
            let bit = Int(s[i] & 1)
            let currentWinner = winner
            var winnerOutcome = -1  // the current winner's prediction: −1 none, 0 wrong, 1 right
            let top = min(orders, i - 1)
            for d in 0..<top {
                let entry = slot(d, history)
                loaded[d] = (counts[entry], counts[entry + 1])
            }
            var found = true
            var d = 0
            while d < top {
                let entry = slot(d, history)
                if found {
                    let (c0, c1) = loaded[d]
                    found = (c0 | c1) != 0
                    if found {
                        let hit = (c0 > c1 ? 0 : 1) == bit ? 1 : 0
                        scoreboard[d] &+= hit
                        let takes = hit != 0 && scoreboard[d] >= scoreboard[winner]
                        winner = takes ? d : winner
                        winnerOutcome = d == currentWinner ? hit : winnerOutcome
                        let target = entry + bit
                        if counts[target] != 0 {
                            counts[target] &+= 1
                        } else if entries[d] < maxEntries {
                            counts[target] = 1
                            entries[d] += 1
                        }
                        d += 1
                        continue
                    }
                }
                if entries[d] < maxEntries {
                    counts[entry + bit] = 1
                    entries[d] += 1
                }
                d += 1
            }
            if winnerOutcome == 1 {
                correct += 1
                run += 1
                if run > longestRun { longestRun = run }
            } else if winnerOutcome == 0 {
                run = 0
            }
            history = (history << 1 | bit) & ((1 << orders) - 1)
        }
        return (correct, longestRun)
    }
}
