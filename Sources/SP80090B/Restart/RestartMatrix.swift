import RandomnessCore

/// The restart matrix M of SP 800-90B §3.1.4.1: r = 1000 restarts, c = 1000 consecutive
/// samples after each. M[i][j] is the j-th sample after restart i.
///
/// It is read from the row dataset, M[1][1] ‖ … ‖ M[1][c] ‖ M[2][1] ‖ … ‖ M[r][c], one sample
/// per byte in the low `bitsPerSymbol` bits, as ea_restart reads its input file.
public struct RestartMatrix: Sendable, Equatable {
    /// r, the number of restarts (rows).
    public static let restarts = 1000
    /// c, the number of samples collected after each restart (columns).
    public static let samplesPerRestart = 1000

    /// The rows concatenated.
    public let rowDataset: SampleSequence
    /// The columns concatenated: M[1][1] ‖ … ‖ M[r][1] ‖ M[1][2] ‖ … ‖ M[r][c].
    public let columnDataset: SampleSequence

    /// Takes the row dataset; every sample must fit in `bitsPerSymbol` bits.
    public init(rowDataset: SampleSequence) throws(RestartTestError) {
        let r = Self.restarts, c = Self.samplesPerRestart
        let samples = rowDataset.samples
        guard samples.count == r * c else {
            throw .wrongSampleCount(expected: r * c, actual: samples.count)
        }
        let limit = 1 << rowDataset.bitsPerSymbol
        if let bad = samples.firstIndex(where: { Int($0) >= limit }) {
            throw .sampleOutOfRange(offset: bad, value: samples[bad], bitsPerSymbol: rowDataset.bitsPerSymbol)
        }
        // Transpose: column j of M becomes the j-th block of r samples.
        let columns = [UInt8](unsafeUninitializedCapacity: r * c) { out, count in
            samples.withUnsafeBufferPointer { rows in
                for i in 0..<r {
                    let rowBase = i * c
                    for j in 0..<c { out[j * r + i] = rows[rowBase + j] }
                }
            }
            count = r * c
        }
        self.rowDataset = rowDataset
        self.columnDataset = SampleSequence(samples: columns, bitsPerSymbol: rowDataset.bitsPerSymbol)
    }

    /// Convenience: the row dataset as raw bytes with the given symbol width.
    public init(rowDataset bytes: [UInt8], bitsPerSymbol: Int) throws(RestartTestError) {
        guard (1...8).contains(bitsPerSymbol) else { throw .bitsPerSymbolOutOfRange(bitsPerSymbol) }
        try self.init(rowDataset: SampleSequence(samples: bytes, bitsPerSymbol: bitsPerSymbol))
    }

    public var bitsPerSymbol: Int { rowDataset.bitsPerSymbol }

    /// The number of distinct sample values in the matrix (ea_restart's alph_size).
    public var distinctSymbolCount: Int {
        var seen = [Bool](repeating: false, count: 256)
        for s in rowDataset.samples { seen[Int(s)] = true }
        return seen.reduce(0) { $0 + ($1 ? 1 : 0) }
    }

    /// X_R of §3.1.4.3: the highest count of any one value within any one row.
    public var maxRowCount: Int { Self.maxBlockModeCount(rowDataset.samples, blockLength: Self.samplesPerRestart) }

    /// X_C of §3.1.4.3: the highest count of any one value within any one column.
    public var maxColumnCount: Int { Self.maxBlockModeCount(columnDataset.samples, blockLength: Self.restarts) }

    /// The largest mode count over consecutive blocks of `blockLength` samples.
    static func maxBlockModeCount(_ samples: [UInt8], blockLength: Int) -> Int {
        var best = 0
        samples.withUnsafeBufferPointer { data in
            var counts = [Int32](repeating: 0, count: 256)
            counts.withUnsafeMutableBufferPointer { counts in
                var start = 0
                while start < data.count {
                    for v in 0..<256 { counts[v] = 0 }
                    var mode: Int32 = 0
                    for k in start..<min(start + blockLength, data.count) {
                        let v = Int(data[k])
                        counts[v] += 1
                        mode = max(mode, counts[v])
                    }
                    best = max(best, Int(mode))
                    start += blockLength
                }
            }
        }
        return best
    }
}
