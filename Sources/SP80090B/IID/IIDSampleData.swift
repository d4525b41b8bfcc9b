/// The samples as the reference `ea_iid` prepares them (utils.h `read_file_subset`, `calc_stats`):
/// the raw values, the symbols translated down to 0…k−1 in increasing order of value
/// (the translation is monotone, so comparisons, equalities and collisions agree on both),
/// the raw mean and the median of the translated symbols (0.5 for binary data, k = 2).
struct IIDSampleData: Sendable {
    /// The samples as given.
    let raw: [UInt8]
    /// `raw` translated to 0…alphabetSize−1 (equal to `raw` when every value below the maximum occurs).
    let symbols: [UInt8]
    let bitsPerSymbol: Int
    /// Number of distinct values, k.
    let alphabetSize: Int
    /// Largest raw value.
    let maxSymbol: UInt8
    /// Raw value of each translated symbol.
    let rawOfSymbol: [UInt8]
    /// Σ raw / L.
    let rawMean: Double
    /// Median of the translated symbols; 0.5 for binary data (SP 800-90B 5.1.5).
    let median: Double

    var count: Int { raw.count }
    /// The reference's binary case: exactly two distinct values.
    var isBinary: Bool { alphabetSize == 2 }

    /// The fewest samples the IID tests are defined on: the chi-square goodness-of-fit test
    /// (SP 800-90B §5.2.2, §5.2.4) splits the samples into 10 sub-sequences, which are empty
    /// below 10 samples (the reference then prints T = nan).
    static let minimumSamples = 10

    init(samples: [UInt8], bitsPerSymbol: Int) throws(IIDError) {
        guard (1...8).contains(bitsPerSymbol) else {
            throw .invalidOption(name: "bitsPerSymbol", reason: "must be 1…8, got \(bitsPerSymbol)")
        }
        guard samples.count >= Self.minimumSamples else {
            throw .tooFewSamples(count: samples.count, minimum: Self.minimumSamples)
        }
        let limit = 1 << bitsPerSymbol
        var counts = [Int](repeating: 0, count: 256)
        var sum = 0
        for (offset, s) in samples.enumerated() {
            if Int(s) >= limit { throw .sampleExceedsWidth(offset: offset, value: s, bitsPerSymbol: bitsPerSymbol) }
            counts[Int(s)] += 1
            sum += Int(s)
        }
        var symbolOf = [UInt8](repeating: 0, count: 256)
        var rawOf: [UInt8] = []
        for v in 0..<256 where counts[v] > 0 {
            symbolOf[v] = UInt8(rawOf.count)
            rawOf.append(UInt8(v))
        }
        guard rawOf.count > 1 else { throw .singleSymbolAlphabet }
        raw = samples
        self.bitsPerSymbol = bitsPerSymbol
        alphabetSize = rawOf.count
        maxSymbol = rawOf.last!
        rawOfSymbol = rawOf
        symbols = alphabetSize == Int(maxSymbol) + 1 ? samples : samples.map { symbolOf[Int($0)] }
        rawMean = Double(sum) / Double(samples.count)
        if rawOf.count == 2 {
            median = 0.5
        } else {
            // Sorted symbols by counting; v[half] (odd L) or the mean of v[half−1], v[half].
            let half = samples.count / 2
            func sortedSymbol(at index: Int) -> Int {
                var seen = 0
                for (symbol, value) in rawOf.enumerated() {
                    seen += counts[Int(value)]
                    if index < seen { return symbol }
                }
                return rawOf.count - 1
            }
            if samples.count & 1 == 1 {
                median = Double(sortedSymbol(at: half))
            } else {
                median = Double(sortedSymbol(at: half) + sortedSymbol(at: half - 1)) / 2.0
            }
        }
    }

    /// Proportions as the reference accumulates them (`calc_proportions`: 1/L added once per
    /// occurrence), so bin boundaries and p_col agree to the last bit.
    func referenceProportions() -> [Double] {
        var counts = [Int](repeating: 0, count: alphabetSize)
        for s in symbols { counts[Int(s)] += 1 }
        let step = 1.0 / Double(count)
        return counts.map { c in
            var p = 0.0
            for _ in 0..<c { p += step }
            return p
        }
    }
}
