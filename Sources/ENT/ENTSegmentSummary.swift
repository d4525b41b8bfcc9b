/// What one contiguous stretch of the stream contributes, when a Monte Carlo point starts
/// at its first byte. Stretches are scanned independently (in parallel for large chunks)
/// and merged in stream order; the pairs straddling two stretches are added on merging.
struct ENTSegmentSummary: Sendable {
    var byteCount = 0
    var counts = [UInt64](repeating: 0, count: 256)
    var firstByte: UInt8 = 0
    var lastByte: UInt8 = 0
    var adjacentProducts: UInt64 = 0
    var adjacentOnePairs: UInt64 = 0
    /// Whole points (6·points ≤ byteCount; a trailing partial point is not scored).
    var points: UInt64 = 0
    var inside: UInt64 = 0

    /// Scans `count` ≥ 1 bytes at `p` block by block, folding case first when `folding`.
    static func scan(_ p: UnsafePointer<UInt8>, _ count: Int, folding: Bool) -> ENTSegmentSummary {
        var summary = ENTSegmentSummary()
        summary.byteCount = count
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4 * 256) { tables in
            tables.initialize(repeating: 0)
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: folding ? ENTKernels.blockSize : 0) { foldBuffer in
                ENTLatin1.foldTable.withUnsafeBufferPointer { fold in
                    var offset = 0
                    var sinceFlush = 0
                    while offset < count {
                        let m = min(ENTKernels.blockSize, count - offset)
                        var block = p + offset
                        if folding {
                            for i in 0..<m { foldBuffer[i] = fold[Int(block[i])] }
                            block = UnsafePointer(foldBuffer.baseAddress!)
                        }
                        let totals = ENTKernels.scanBlock(block, m, tables: tables.baseAddress!)
                        if offset == 0 {
                            summary.firstByte = block[0]
                        } else {
                            summary.addStraddlingPairs(last: summary.lastByte, next: block[0])
                        }
                        summary.lastByte = block[m - 1]
                        summary.adjacentProducts &+= totals.adjacentProducts
                        summary.adjacentOnePairs &+= totals.adjacentOnePairs
                        summary.points &+= totals.points
                        summary.inside &+= totals.inside
                        offset += m
                        sinceFlush += m
                        // A table entry gets at most 2 counts per 8 bytes: flush long before 2³².
                        if sinceFlush >= 1 << 32 || offset == count {
                            for v in 0..<256 {
                                summary.counts[v] &+= UInt64(tables[v]) &+ UInt64(tables[256 + v])
                                    &+ UInt64(tables[512 + v]) &+ UInt64(tables[768 + v])
                            }
                            for i in tables.indices { tables[i] = 0 }
                            sinceFlush = 0
                        }
                    }
                }
            }
        }
        return summary
    }

    /// Adds the byte pair and the bit pair where byte `last` is followed by byte `next`.
    mutating func addStraddlingPairs(last: UInt8, next: UInt8) {
        adjacentProducts &+= UInt64(last) &* UInt64(next)
        adjacentOnePairs &+= UInt64(last & 1 & (next &>> 7))
    }
}

/// A pointer handed to parallel workers that only read through it.
struct SharedBytes: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
}
