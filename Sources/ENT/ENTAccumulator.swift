import RandomnessCore

/// One streaming pass over a byte stream that gathers everything `ent` reports, for byte
/// mode and bit mode at once, in constant memory (a few hundred counters).
///
/// Feed it consecutive chunks of any size with `add(_:jobs:)`; the result does not depend on
/// how the stream is cut. What it keeps:
/// - the occurrences of each byte value; bit-mode counts follow (ones = Σ count·popcount),
///   as do the byte sums Σb and Σb² the serial correlation needs;
/// - Σ b[i]·b[i+1] over adjacent bytes and the number of adjacent 1-1 bit pairs (bits
///   most significant first), plus the first and last byte for `ent`'s wrap-around term;
/// - `ent`'s Monte Carlo tally: consecutive 6-byte groups are points (x = bytes 0–2,
///   y = bytes 3–5, big-endian), inside when x² + y² ≤ (2²⁴ − 1)². `ent` uses whole bytes
///   for this in both modes, so one tally serves both.
///
/// Integer totals are exact; they reproduce `ent`'s double-precision running sums exactly
/// while those stay below 2⁵³ (the byte-product sum reaches that after about 128 GiB).
public struct ENTAccumulator: Codable, Sendable, Equatable {
    /// Whether upper-case Latin-1 letters are folded to lower case first (`ent -f`).
    public let foldsCase: Bool
    /// Bytes seen so far.
    public private(set) var byteCount: Int = 0
    /// Occurrences of each byte value (after folding).
    public private(set) var byteCounts: [UInt64] = Array(repeating: 0, count: 256)
    /// The first and last byte seen (0 while empty).
    public private(set) var firstByte: UInt8 = 0
    public private(set) var lastByte: UInt8 = 0
    /// Σ b[i]·b[i+1] over adjacent bytes, without the wrap-around pair.
    public private(set) var adjacentByteProducts: UInt64 = 0
    /// Adjacent bit pairs (most significant bit of each byte first) that are both 1,
    /// without the wrap-around pair.
    public private(set) var adjacentOneBitPairs: UInt64 = 0
    /// Complete 6-byte Monte Carlo points, and how many fell inside the circle.
    public private(set) var monteCarloPoints: UInt64 = 0
    public private(set) var monteCarloInside: UInt64 = 0
    /// Bytes of an unfinished point (most significant first) and how many there are.
    private var pendingPoint: UInt64 = 0
    private var pendingPointBytes = 0

    public init(foldingCase: Bool = false) {
        foldsCase = foldingCase
    }

    /// Adds the next chunk of the stream. Chunks of a few hundred KiB or more are scanned
    /// on up to `jobs` threads (`Parallel.map`); the result is the same for any `jobs`.
    public mutating func add(_ chunk: UnsafeBufferPointer<UInt8>, jobs: Int = 1) {
        guard let base = chunk.baseAddress, !chunk.isEmpty else { return }
        let count = chunk.count
        // Finish the Monte Carlo point left open by the previous chunk, byte by byte.
        var offset = 0
        while pendingPointBytes > 0 && offset < count {
            addSingleByte(base[offset])
            offset += 1
        }
        let rest = count - offset
        guard rest > 0 else { return }

        // From here a point starts at `offset`. Cut the rest into whole blocks per
        // segment, so every segment but the last is a multiple of 6 bytes long.
        let blocks = (rest + ENTKernels.blockSize - 1) / ENTKernels.blockSize
        let segments = max(1, min(jobs, blocks / Self.minimumBlocksPerSegment))
        let shared = SharedBytes(base: base + offset)
        let folding = foldsCase
        let bounds: [Int] = (0...segments).map { min(rest, ($0 * blocks / segments) * ENTKernels.blockSize) }
        let summaries: [ENTSegmentSummary]
        if segments == 1 {
            summaries = [ENTSegmentSummary.scan(shared.base, rest, folding: folding)]
        } else {
            summaries = Parallel.map(count: segments, jobs: jobs) { k in
                ENTSegmentSummary.scan(shared.base + bounds[k], bounds[k + 1] - bounds[k], folding: folding)
            }
        }
        for summary in summaries { merge(summary) }

        // The trailing bytes of an unfinished point wait for the next chunk.
        let fold = ENTLatin1.foldTable
        for i in (count - rest % 6)..<count {
            pendingPoint = pendingPoint &<< 8 | UInt64(foldsCase ? fold[Int(base[i])] : base[i])
            pendingPointBytes += 1
        }
    }

    /// Segments are at least this many blocks (about 256 KiB), so threads get real work.
    static let minimumBlocksPerSegment = 4

    /// Adds the next bytes of the stream.
    public mutating func add(_ bytes: some Sequence<UInt8>, jobs: Int = 1) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { add($0, jobs: jobs) }
        if done == nil { add(Array(bytes), jobs: jobs) }
    }

    /// Adds one byte, continuing the open Monte Carlo point.
    private mutating func addSingleByte(_ raw: UInt8) {
        let b = foldsCase ? ENTLatin1.foldTable[Int(raw)] : raw
        var summary = ENTSegmentSummary()
        summary.byteCount = 1
        summary.counts[Int(b)] = 1
        summary.firstByte = b
        summary.lastByte = b
        summary.adjacentOnePairs = UInt64((b & (b &>> 1)).nonzeroBitCount)
        merge(summary)
        pendingPoint = pendingPoint &<< 8 | UInt64(b)
        pendingPointBytes += 1
        if pendingPointBytes == 6 {
            monteCarloPoints &+= 1
            monteCarloInside &+= ENTKernels.isInsideCircle(pendingPoint) ? 1 : 0
            pendingPoint = 0
            pendingPointBytes = 0
        }
    }

    /// Appends a segment that follows everything seen so far.
    private mutating func merge(_ s: ENTSegmentSummary) {
        if byteCount == 0 {
            firstByte = s.firstByte
        } else {
            adjacentByteProducts &+= UInt64(lastByte) &* UInt64(s.firstByte)
            adjacentOneBitPairs &+= UInt64(lastByte & 1 & (s.firstByte &>> 7))
        }
        for v in 0..<256 { byteCounts[v] &+= s.counts[v] }
        adjacentByteProducts &+= s.adjacentProducts
        adjacentOneBitPairs &+= s.adjacentOnePairs
        monteCarloPoints &+= s.points
        monteCarloInside &+= s.inside
        lastByte = s.lastByte
        byteCount += s.byteCount
    }
}

extension ENTAccumulator {
    /// Appends the state of the bytes that follow (a later shard's, started fresh), as if
    /// they had been added here. Returns false, changing nothing, when this state ends inside
    /// a Monte Carlo point (the later bytes would have completed it) or either state is not
    /// well formed.
    public mutating func append(_ next: ENTAccumulator) -> Bool {
        guard isWellFormed, next.isWellFormed, next.foldsCase == foldsCase else { return false }
        guard next.byteCount > 0 else { return true }
        guard pendingPointBytes == 0 else { return false }
        if byteCount == 0 {
            firstByte = next.firstByte
        } else {
            adjacentByteProducts &+= UInt64(lastByte) &* UInt64(next.firstByte)
            adjacentOneBitPairs &+= UInt64(lastByte & 1 & (next.firstByte &>> 7))
        }
        for v in 0..<256 { byteCounts[v] &+= next.byteCounts[v] }
        adjacentByteProducts &+= next.adjacentByteProducts
        adjacentOneBitPairs &+= next.adjacentOneBitPairs
        monteCarloPoints &+= next.monteCarloPoints
        monteCarloInside &+= next.monteCarloInside
        lastByte = next.lastByte
        byteCount += next.byteCount
        pendingPoint = next.pendingPoint
        pendingPointBytes = next.pendingPointBytes
        return true
    }

    /// Whether the counts agree with each other (a state read back from a file may not).
    public var isWellFormed: Bool {
        guard byteCounts.count == 256, byteCount >= 0, (0..<6).contains(pendingPointBytes) else { return false }
        var total: UInt64 = 0
        for c in byteCounts {
            let (sum, overflow) = total.addingReportingOverflow(c)
            if overflow { return false }
            total = sum
        }
        return total == UInt64(byteCount) && monteCarloInside <= monteCarloPoints
            && monteCarloPoints &* 6 &+ UInt64(pendingPointBytes) == UInt64(byteCount)
    }

    /// Occurrences of each symbol in `mode`: the 256 byte counts, or [zeros, ones].
    public func symbolCounts(_ mode: ENTMode) -> [UInt64] {
        switch mode {
        case .byte:
            return byteCounts
        case .bit:
            var ones: UInt64 = 0
            for v in 0..<256 { ones &+= byteCounts[v] &* UInt64(v.nonzeroBitCount) }
            return [UInt64(byteCount) &* 8 &- ones, ones]
        }
    }

    /// The serial-correlation sums `ent` keeps, as exact integers: Σ u[i]·u[i+1] over
    /// adjacent symbols (without the wrap-around), Σ u, Σ u², and the first and last symbol.
    func serialCorrelationSums(_ mode: ENTMode) -> (products: UInt64, sum: UInt64, sumOfSquares: UInt64, first: UInt64, last: UInt64) {
        switch mode {
        case .byte:
            var sum: UInt64 = 0
            var squares: UInt64 = 0
            for v in 0..<256 {
                sum &+= UInt64(v) &* byteCounts[v]
                squares &+= UInt64(v * v) &* byteCounts[v]
            }
            return (adjacentByteProducts, sum, squares, UInt64(firstByte), UInt64(lastByte))
        case .bit:
            let ones = symbolCounts(.bit)[1]
            return (adjacentOneBitPairs, ones, ones, UInt64(firstByte &>> 7), UInt64(lastByte & 1))
        }
    }
}
