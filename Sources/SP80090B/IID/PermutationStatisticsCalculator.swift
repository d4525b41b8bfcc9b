/// Computes the SP 800-90B 5.1 test statistics of one ordering of the samples, as `ea_iid`
/// (permutation_tests.h `run_tests`) does:
/// - excursion (5.1.1) on the raw values with the raw mean;
/// - directional runs (5.1.2–5.1.4) on the samples, Conversion I for binary data;
/// - runs based on the median (5.1.5, 5.1.6) on the samples (median 0.5 for binary data);
/// - average and maximum collision (5.1.7, 5.1.8) on the samples, Conversion II for binary data;
/// - periodicity and covariance (5.1.9, 5.1.10) at lags 1, 2, 8, 16, 32 on the samples
///   (raw values for the covariance of non-binary data), Conversion I for binary data;
/// - compression (5.1.11): bzip2 size of the raw values written as decimal text.
///
/// For non-binary data every statistic but the median runs is unchanged by the monotone
/// symbol translation, so the calculator works on raw values throughout; for binary data it
/// works on the 0/1 symbols and maps back to raw values for the excursion and compression.
struct PermutationStatisticsCalculator: Sendable {
    let data: IIDSampleData
    /// Per raw value (non-binary) or per symbol (binary): 1 when the sample is ≥ the median.
    private let atLeastMedian: [UInt8]

    init(data: IIDSampleData) {
        self.data = data
        if data.isBinary {
            atLeastMedian = [0, 1]
        } else {
            var table = [UInt8](repeating: 0, count: 256)
            for (symbol, value) in data.rawOfSymbol.enumerated() where Double(symbol) >= data.median {
                table[Int(value)] = 1
            }
            atLeastMedian = table
        }
    }

    /// The sequence the calculator permutes: raw values, or 0/1 symbols for binary data.
    var permutable: [UInt8] { data.isBinary ? data.symbols : data.raw }

    /// Statistics of `sequence` (a permutation of `permutable`), for the requested statistics;
    /// the others stay NaN.
    func statistics(of sequence: UnsafeBufferPointer<UInt8>, requested: Set<PermutationStatistic>,
                    workspace: PermutationWorkspace) -> [Double] {
        var out = [Double](repeating: .nan, count: PermutationStatistic.allCases.count)
        func wants(_ s: PermutationStatistic) -> Bool { requested.contains(s) }
        let n = sequence.count

        if wants(.excursion) {
            out[PermutationStatistic.excursion.index] = data.isBinary
                ? Self.excursion(sequence, mean: data.rawMean, low: Double(data.rawOfSymbol[0]), high: Double(data.rawOfSymbol[1]))
                : Self.excursion(sequence, mean: data.rawMean)
        }

        // Binary data: Conversion I and II of the permuted bits.
        var converted = false
        func conversions() {
            if converted { return }
            converted = true
            BinaryConversions.convert(sequence, ones: workspace.conversionOnes, bytes: workspace.conversionBytes)
        }
        let onesSeq: UnsafeBufferPointer<UInt8>
        let bytesSeq: UnsafeBufferPointer<UInt8>
        if data.isBinary {
            onesSeq = UnsafeBufferPointer(workspace.conversionOnes)
            bytesSeq = UnsafeBufferPointer(workspace.conversionBytes)
        } else {
            onesSeq = sequence
            bytesSeq = sequence
        }

        if wants(.numDirectionalRuns) || wants(.lenDirectionalRuns) || wants(.numIncreasesDecreases) {
            if data.isBinary { conversions() }
            let r = Self.directionalRuns(onesSeq)
            out[PermutationStatistic.numDirectionalRuns.index] = Double(r.count)
            out[PermutationStatistic.lenDirectionalRuns.index] = Double(r.longest)
            out[PermutationStatistic.numIncreasesDecreases.index] = Double(r.increasesOrDecreases)
        }
        if wants(.numRunsMedian) || wants(.lenRunsMedian) {
            let r = atLeastMedian.withUnsafeBufferPointer { Self.medianRuns(sequence, atLeastMedian: $0) }
            out[PermutationStatistic.numRunsMedian.index] = Double(r.count)
            out[PermutationStatistic.lenRunsMedian.index] = Double(r.longest)
        }
        if wants(.avgCollision) || wants(.maxCollision) {
            if data.isBinary { conversions() }
            let r = Self.collisions(bytesSeq, stamps: workspace.stamps)
            out[PermutationStatistic.avgCollision.index] = r.average
            out[PermutationStatistic.maxCollision.index] = Double(r.maximum)
        }
        for s in [PermutationStatistic.periodicity1, .periodicity2, .periodicity8, .periodicity16, .periodicity32] where wants(s) {
            if data.isBinary { conversions() }
            out[s.index] = Double(Self.periodicity(onesSeq, lag: s.lag!))
        }
        for s in [PermutationStatistic.covariance1, .covariance2, .covariance8, .covariance16, .covariance32] where wants(s) {
            if data.isBinary { conversions() }
            out[s.index] = Double(Self.covariance(onesSeq, lag: s.lag!))
        }
        if wants(.compression) {
            let rawTable: [UInt8]? = data.isBinary ? data.rawOfSymbol : nil
            out[PermutationStatistic.compression.index] = Double(workspace.compressedSize(of: sequence, translatingThrough: rawTable))
        }
        _ = n
        return out
    }

    // MARK: - The statistics

    /// max_i |Σ_{j≤i} x_j − i·mean| (5.1.1), in the reference's double arithmetic. ea_iid is
    /// built with -march=native, and GCC contracts `running_sum - (i+1)*rawmean` into one fused
    /// multiply-add on FMA hardware; the fused form (one rounding) is what it prints, so it is
    /// used here on every machine.
    /// The running sum is kept as an integer (the reference's double sum is exact below 2^53).
    static func excursion(_ x: UnsafeBufferPointer<UInt8>, mean: Double) -> Double {
        var sum = 0
        var best = 0.0
        for i in 0..<x.count {
            sum &+= Int(x[i])
            let d = abs(Double(sum).addingProduct(-Double(i + 1), mean))
            best = d > best ? d : best
        }
        return best
    }

    /// Excursion of binary symbols standing for the raw values `low` (0) and `high` (1).
    static func excursion(_ x: UnsafeBufferPointer<UInt8>, mean: Double, low: Double, high: Double) -> Double {
        var sum = 0.0
        var best = 0.0
        for i in 0..<x.count {
            sum += x[i] == 0 ? low : high
            let d = abs(sum.addingProduct(-Double(i + 1), mean))
            best = d > best ? d : best
        }
        return best
    }

    /// Runs of the sequence s'_i = +1 if x_i ≤ x_{i+1}, −1 otherwise (5.1.2–5.1.4): the number of
    /// runs, the longest run, and max(#(+1), #(−1)).
    static func directionalRuns(_ x: UnsafeBufferPointer<UInt8>) -> (count: Int, longest: Int, increasesOrDecreases: Int) {
        let m = x.count - 1 // length of s'
        guard m > 0 else { return (0, 1, 0) }
        var previous = x[0] <= x[1] ? 1 : 0
        var ups = previous
        var changes = 0
        var run = 1
        var longest = 0
        var i = 1
        while i < m {
            let up = x[i] <= x[i + 1] ? 1 : 0
            let same = up == previous ? 1 : 0
            changes += 1 - same
            longest = run > longest && same == 0 ? run : longest
            run = run &* same &+ 1
            ups += up
            previous = up
            i += 1
        }
        longest = max(longest, run)
        return (1 + changes, longest, max(ups, m - ups))
    }

    /// Runs of s'_i = +1 if x_i ≥ median, −1 otherwise (5.1.5, 5.1.6): number and longest.
    static func medianRuns(_ x: UnsafeBufferPointer<UInt8>, atLeastMedian: UnsafeBufferPointer<UInt8>) -> (count: Int, longest: Int) {
        let n = x.count
        guard n > 0 else { return (0, 1) }
        var previous = atLeastMedian[Int(x[0])]
        var changes = 0
        var run = 1
        var longest = 0
        for i in 1..<n {
            let flag = atLeastMedian[Int(x[i])]
            let same = flag == previous ? 1 : 0
            changes += 1 - same
            longest = run > longest && same == 0 ? run : longest
            run = run &* same &+ 1
            previous = flag
        }
        longest = max(longest, run)
        return (1 + changes, longest)
    }

    /// Collision lengths (5.1.7, 5.1.8): from the current start, the number of samples up to and
    /// including the first value already seen since the start; the next start follows it.
    /// Returns their mean and maximum (0 when no collision occurs; the reference divides 0 by 0).
    static func collisions(_ x: UnsafeBufferPointer<UInt8>, stamps: UnsafeMutableBufferPointer<UInt32>) -> (average: Double, maximum: Int) {
        stamps.update(repeating: 0)
        var generation: UInt32 = 1
        var window = 0
        var total = 0
        var count = 0
        var maximum = 0
        for i in 0..<x.count {
            let v = Int(x[i])
            if stamps[v] == generation {
                let length = window + 1
                total += length
                count += 1
                maximum = max(maximum, length)
                generation &+= 1
                if generation == 0 {
                    stamps.update(repeating: 0)
                    generation = 1
                }
                window = 0
            } else {
                stamps[v] = generation
                window += 1
            }
        }
        let average = count == 0 ? 0 : Double(UInt32(truncatingIfNeeded: total)) / Double(count)
        return (average, maximum)
    }

    /// #{i : x_i = x_{i+p}} (5.1.9).
    static func periodicity(_ x: UnsafeBufferPointer<UInt8>, lag p: Int) -> Int {
        guard x.count > p else { return 0 }
        var t = 0
        for i in 0..<(x.count - p) {
            t &+= x[i] == x[i + p] ? 1 : 0
        }
        return t
    }

    /// Σ x_i·x_{i+p} (5.1.10).
    static func covariance(_ x: UnsafeBufferPointer<UInt8>, lag p: Int) -> UInt64 {
        guard x.count > p else { return 0 }
        var t: UInt64 = 0
        for i in 0..<(x.count - p) {
            t &+= UInt64(UInt16(x[i]) &* UInt16(x[i + p]))
        }
        return t
    }
}
