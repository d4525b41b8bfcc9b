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
    private let excursion: ExcursionStatistic

    init(data: IIDSampleData) {
        self.data = data
        if data.isBinary {
            atLeastMedian = [0, 1]
            excursion = ExcursionStatistic(mean: data.rawMean, sampleCount: data.count,
                                           binaryValues: (data.rawOfSymbol[0], data.rawOfSymbol[1]))
        } else {
            var table = [UInt8](repeating: 0, count: 256)
            for (symbol, value) in data.rawOfSymbol.enumerated() where Double(symbol) >= data.median {
                table[Int(value)] = 1
            }
            atLeastMedian = table
            excursion = ExcursionStatistic(mean: data.rawMean, sampleCount: data.count)
        }
    }

    /// The sequence the calculator permutes: raw values, or 0/1 symbols for binary data.
    var permutable: [UInt8] { data.isBinary ? data.symbols : data.raw }

    /// A workspace for this data.
    func makeWorkspace(engine: IIDOptions.CompressionEngine) -> PermutationWorkspace {
        PermutationWorkspace(sampleCount: data.count, binary: data.isBinary, rawTable: data.isBinary ? data.rawOfSymbol : nil, engine: engine)
    }

    /// 0/1 symbols packed eight to a byte, first sample in the most significant bit (Conversion II).
    static func pack(_ bits: [UInt8]) -> [UInt8] {
        var packed = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (i, b) in bits.enumerated() where b != 0 { packed[i >> 3] |= 0x80 >> UInt8(i & 7) }
        return packed
    }

    /// Statistics of permutation `index` of `permutable` (drawn by `shuffle`), for the requested
    /// statistics; the others stay NaN.
    func statistics(ofPermutation index: Int, shuffle: PermutationShuffle, requested: Set<PermutationStatistic>,
                    workspace: PermutationWorkspace) -> [Double] {
        loadPermutation(index, shuffle: shuffle, into: workspace)
        return statisticsOfLoaded(requested: requested, workspace: workspace)
    }

    /// Writes permutation `index` into the workspace (and for binary data its conversions).
    func loadPermutation(_ index: Int, shuffle: PermutationShuffle, into workspace: PermutationWorkspace) {
        permutable.withUnsafeBufferPointer { shuffle.permute($0, into: workspace.permuted, permutation: index) }
        if data.isBinary {
            BinaryConversions.convert(UnsafeBufferPointer(workspace.permuted), ones: workspace.conversionOnes, bytes: workspace.packed)
        }
    }

    /// Statistics of the permutation last loaded into the workspace.
    func statisticsOfLoaded(requested: Set<PermutationStatistic>, workspace: PermutationWorkspace) -> [Double] {
        data.isBinary
            ? binaryStatistics(requested: requested, workspace: workspace)
            : rawStatistics(of: UnsafeBufferPointer(workspace.permuted), requested: requested, workspace: workspace)
    }

    /// Statistics of `sequence` (an ordering of `permutable`), for the requested statistics;
    /// the others stay NaN.
    func statistics(of sequence: UnsafeBufferPointer<UInt8>, requested: Set<PermutationStatistic>,
                    workspace: PermutationWorkspace) -> [Double] {
        guard data.isBinary else { return rawStatistics(of: sequence, requested: requested, workspace: workspace) }
        _ = workspace.permuted.update(fromContentsOf: sequence)
        BinaryConversions.convert(sequence, ones: workspace.conversionOnes, bytes: workspace.packed)
        return binaryStatistics(requested: requested, workspace: workspace)
    }

    /// The compression statistic of the original data by libbz2 and, unless libbz2 is
    /// requested, by the size model, and the engine the permutations should use.
    func compressionCheck(requested: IIDOptions.CompressionEngine) -> CompressionEngineCheck {
        let sizes = permutable.withUnsafeBufferPointer {
            makeWorkspace(engine: .libbz2).compressedSizes(of: $0, sizeModel: requested == .sizeModel)
        }
        return CompressionEngineCheck(requested: requested, libbz2Original: sizes.libbz2, sizeModelOriginal: sizes.sizeModel)
    }

    /// Non-binary data: every statistic on the raw values.
    private func rawStatistics(of x: UnsafeBufferPointer<UInt8>, requested: Set<PermutationStatistic>,
                               workspace: PermutationWorkspace) -> [Double] {
        var out = [Double](repeating: .nan, count: PermutationStatistic.allCases.count)
        func wants(_ s: PermutationStatistic) -> Bool { requested.contains(s) }
        if wants(.excursion) {
            out[PermutationStatistic.excursion.index] = excursion.maximum(x)
        }
        if wants(.numDirectionalRuns) || wants(.lenDirectionalRuns) || wants(.numIncreasesDecreases) {
            let r = Self.directionalRuns(x)
            out[PermutationStatistic.numDirectionalRuns.index] = Double(r.count)
            out[PermutationStatistic.lenDirectionalRuns.index] = Double(r.longest)
            out[PermutationStatistic.numIncreasesDecreases.index] = Double(r.increasesOrDecreases)
        }
        if wants(.numRunsMedian) || wants(.lenRunsMedian) {
            let r = atLeastMedian.withUnsafeBufferPointer { Self.medianRuns(x, atLeastMedian: $0) }
            out[PermutationStatistic.numRunsMedian.index] = Double(r.count)
            out[PermutationStatistic.lenRunsMedian.index] = Double(r.longest)
        }
        if wants(.avgCollision) || wants(.maxCollision) {
            let r = Self.collisions(x, stamps: workspace.stamps)
            out[PermutationStatistic.avgCollision.index] = r.average
            out[PermutationStatistic.maxCollision.index] = Double(r.maximum)
        }
        lagStatistics(x, requested: requested, into: &out)
        if wants(.compression) {
            out[PermutationStatistic.compression.index] = Double(workspace.compressedSize(of: x))
        }
        return out
    }

    /// Binary data (its conversions in the workspace): excursion and compression on the raw
    /// values from Conversion II (the samples packed eight to a byte), the median runs on the
    /// bits, the others on Conversion I or II.
    private func binaryStatistics(requested: Set<PermutationStatistic>, workspace: PermutationWorkspace) -> [Double] {
        var out = [Double](repeating: .nan, count: PermutationStatistic.allCases.count)
        func wants(_ s: PermutationStatistic) -> Bool { requested.contains(s) }
        let n = data.count
        let bytes = UnsafeBufferPointer(workspace.packed)  // Conversion II
        let low = data.rawOfSymbol[0], high = data.rawOfSymbol[1]
        if wants(.excursion) {
            out[PermutationStatistic.excursion.index] = excursion.maximum(packed: bytes, count: n, low: low, high: high)
        }
        let ones = UnsafeBufferPointer(workspace.conversionOnes)  // Conversion I
        if wants(.numDirectionalRuns) || wants(.lenDirectionalRuns) || wants(.numIncreasesDecreases) {
            let r = Self.directionalRuns(ones)
            out[PermutationStatistic.numDirectionalRuns.index] = Double(r.count)
            out[PermutationStatistic.lenDirectionalRuns.index] = Double(r.longest)
            out[PermutationStatistic.numIncreasesDecreases.index] = Double(r.increasesOrDecreases)
        }
        if wants(.numRunsMedian) || wants(.lenRunsMedian) {
            let r = Self.bitRuns(bytes, count: n, longest: wants(.lenRunsMedian))
            out[PermutationStatistic.numRunsMedian.index] = Double(r.count)
            out[PermutationStatistic.lenRunsMedian.index] = Double(r.longest)
        }
        if wants(.avgCollision) || wants(.maxCollision) {
            let r = Self.collisions(bytes, stamps: workspace.stamps)
            out[PermutationStatistic.avgCollision.index] = r.average
            out[PermutationStatistic.maxCollision.index] = Double(r.maximum)
        }
        lagStatistics(ones, requested: requested, into: &out)
        if wants(.compression) {
            out[PermutationStatistic.compression.index] = Double(workspace.compressedSize(of: UnsafeBufferPointer(workspace.permuted)))
        }
        return out
    }

    /// Periodicity and covariance at the requested lags.
    private func lagStatistics(_ x: UnsafeBufferPointer<UInt8>, requested: Set<PermutationStatistic>, into out: inout [Double]) {
        for s in [PermutationStatistic.periodicity1, .periodicity2, .periodicity8, .periodicity16, .periodicity32] where requested.contains(s) {
            out[s.index] = Double(Self.periodicity(x, lag: s.lag!))
        }
        for s in [PermutationStatistic.covariance1, .covariance2, .covariance8, .covariance16, .covariance32] where requested.contains(s) {
            out[s.index] = Double(Self.covariance(x, lag: s.lag!))
        }
    }

    // MARK: - The statistics

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

    /// Runs of equal bits among `count` packed samples (sample i in bit 7 − i mod 8 of byte
    /// i/8): the number of runs and, when asked, the longest (else 0). These are the runs based on
    /// the median of binary data, whose median is 0.5.
    static func bitRuns(_ bytes: UnsafeBufferPointer<UInt8>, count n: Int, longest wantLongest: Bool) -> (count: Int, longest: Int) {
        guard n > 0 else { return (0, 1) }
        // Word w holds samples 64w…64w+63, first in the most significant bit; bit 63 − j of
        // `change` says whether sample 64w + j differs from sample 64w + j + 1.
        let words = (n + 63) / 64
        func word(_ w: Int) -> UInt64 {
            let start = w * 8
            if start + 8 <= bytes.count {
                return UInt64(bigEndian: UnsafeRawPointer(bytes.baseAddress! + start).loadUnaligned(as: UInt64.self))
            }
            var v: UInt64 = 0
            for k in 0..<8 { v = v << 8 | UInt64(start + k < bytes.count ? bytes[start + k] : 0) }
            return v
        }
        var changes = 0
        var longest = 0
        var previousEnd = -1  // last sample of the previous run
        var current = word(0)
        for w in 0..<words {
            let next = w + 1 < words ? word(w + 1) : 0
            var change = current ^ (current << 1 | next >> 63)
            // Pairs (i, i + 1) with i + 1 < n only.
            let valid = n - 1 - 64 * w  // pairs starting in this word
            if valid < 64 { change &= valid <= 0 ? 0 : ~(UInt64.max >> UInt64(valid)) }
            changes += change.nonzeroBitCount
            if wantLongest {
                while change != 0 {
                    let z = change.leadingZeroBitCount
                    let end = 64 * w + z
                    longest = max(longest, end - previousEnd)
                    previousEnd = end
                    change &= ~(UInt64(1) << UInt64(63 - z))
                }
            }
            current = next
        }
        if wantLongest { longest = max(longest, n - 1 - previousEnd) }
        return (1 + changes, longest)
    }

    /// #{i : x_i = x_{i+p}} (5.1.9), 32 comparisons at a time.
    static func periodicity(_ x: UnsafeBufferPointer<UInt8>, lag p: Int) -> Int {
        guard x.count > p else { return 0 }
        let m = x.count - p
        let a = UnsafeRawPointer(x.baseAddress!)
        let b = a + p
        var total = 0
        var i = 0
        while i + 32 <= m {
            // Lane counts stay below 256 for 255 steps.
            var lanes = SIMD32<UInt8>()
            let stop = min(m - 32, i + 254 * 32)
            while i <= stop {
                let u = a.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self)
                let v = b.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self)
                // An equal lane's mask is all ones (−1): subtracting it counts one.
                lanes &-= unsafeBitCast(u .== v, to: SIMD32<UInt8>.self)
                i += 32
            }
            total += Int(SIMD32<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while i < m {
            total += x[i] == x[i + p] ? 1 : 0
            i += 1
        }
        return total
    }

    /// Σ x_i·x_{i+p} (5.1.10), 16 products at a time (each below 2^16, summed in 32-bit lanes
    /// for at most 65,536 steps).
    static func covariance(_ x: UnsafeBufferPointer<UInt8>, lag p: Int) -> UInt64 {
        guard x.count > p else { return 0 }
        let m = x.count - p
        let a = UnsafeRawPointer(x.baseAddress!)
        let b = a + p
        var total: UInt64 = 0
        var i = 0
        while i + 16 <= m {
            var lanes = SIMD16<UInt32>()
            let stop = min(m - 16, i + 65_535 * 16)
            while i <= stop {
                let u = SIMD16<UInt16>(truncatingIfNeeded: a.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self))
                let v = SIMD16<UInt16>(truncatingIfNeeded: b.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self))
                lanes &+= SIMD16<UInt32>(truncatingIfNeeded: u &* v)
                i += 16
            }
            total &+= SIMD16<UInt64>(truncatingIfNeeded: lanes).wrappedSum()
        }
        while i < m {
            total &+= UInt64(x[i]) &* UInt64(x[i + p])
            i += 1
        }
        return total
    }
}
