/// The exact size of libbz2's output for `BZ2_bzBuffToBuffCompress(…, blockSize100k 5, 0,
/// workFactor 0)` computed without producing it — all the compression statistic needs.
///
/// It follows libbz2 1.0.8 step by step, keeping only bit counts: the input splits into blocks of
/// about 100,000·5 − 19 bytes, exactly where libbz2's input stage closes them (a held-back run
/// of equal bytes moves the boundary by up to 2 bytes); each block is Burrows–Wheeler transformed (cyclic rotations
/// sorted by `CyclicRotationSorter` — any correct sort gives the same last column), move-to-front
/// and RUNA/RUNB coded, and its Huffman tables chosen exactly as `sendMTFValues` does (initial
/// partition, four refinement passes over groups of 50 symbols, `BZ2_hbMakeCodeLengths` with
/// maximum length 17); its bits are the block header (48 + 32 + 1 + 24), the symbol map, the
/// selectors (MTF coded, unary), the delta-coded code lengths and the coded symbols. The stream
/// adds a 32-bit header and an 80-bit trailer, rounded up to whole bytes.
///
/// Valid for input without runs of four or more equal bytes (bzip2's first run-length stage is
/// then the identity); the decimal text of samples never has such runs. Other input returns nil.
final class BZip2SizeCalculator {
    static let blockSize100k = 5
    static let maxBlockLength = 100_000 * blockSize100k - 19
    private static let groupSize = 50
    private static let groups = 6
    private static let iterations = 4
    private static let maxCodeLength = 17

    private let sorter = CyclicRotationSorter()
    private var mtf: [UInt16] = []
    private var histograms: [UInt16] = []
    private var selectors: [UInt8] = []

    /// Compressed size in bytes, or nil when `text` has a run of four equal bytes (or is empty).
    func compressedSize(of text: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = text.count
        guard n > 0 else { return nil }
        // Block boundaries as libbz2's input stage draws them: the current run of equal bytes
        // (1–3 long here) is held back and added to the block whole when a different byte
        // arrives; before each input byte, a block holding ≥ maxBlockLength bytes is closed
        // (the held run starts the next block); at the end the held run joins the last block.
        var bits = 32
        var blockStart = 0
        var blockLength = 0
        var runStart = 0
        var runLength = 0
        for i in 0..<n {
            if blockLength >= Self.maxBlockLength {
                bits += blockBits(UnsafeBufferPointer(rebasing: text[blockStart..<(blockStart + blockLength)]))
                blockStart += blockLength
                blockLength = 0
            }
            if runLength > 0 && text[i] == text[runStart] {
                runLength += 1
                if runLength >= 4 { return nil }
            } else {
                blockLength += runLength
                runStart = i
                runLength = 1
            }
        }
        blockLength += runLength
        bits += blockBits(UnsafeBufferPointer(rebasing: text[blockStart..<(blockStart + blockLength)]))
        bits += 48 + 32
        return (bits + 7) / 8
    }

    /// Bits of one compressed block.
    private func blockBits(_ block: UnsafeBufferPointer<UInt8>) -> Int {
        let n = block.count
        sorter.sort(block)

        // Symbol map (makeMaps_e) and its transmission: 16 bits plus 16 per used range of 16.
        var inUse = [Bool](repeating: false, count: 256)
        for c in block { inUse[Int(c)] = true }
        var toSeq = [UInt8](repeating: 0, count: 256)
        var inUseCount = 0
        for c in 0..<256 where inUse[c] { toSeq[c] = UInt8(inUseCount); inUseCount += 1 }
        var bits = 48 + 32 + 1 + 24 + 16
        for r in 0..<16 where (0..<16).contains(where: { inUse[r * 16 + $0] }) { bits += 16 }

        // Move-to-front with RUNA/RUNB zero runs (generateMTFValues).
        let alphabetSize = inUseCount + 2
        let endOfBlock = UInt16(inUseCount + 1)
        if mtf.count < n + 1 { mtf = [UInt16](repeating: 0, count: n + 1) }
        var frequencies = [Int32](repeating: 0, count: alphabetSize)
        var count = 0
        let toSeqTable = toSeq
        let yy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)
        defer { yy.deallocate() }
        yy.initialize(repeating: 0)
        mtf.withUnsafeMutableBufferPointer { mtf in
            sorter.order.withUnsafeBufferPointer { order in
                for i in 0..<inUseCount { yy[i] = UInt8(i) }
                var zPend = 0
                func flushZeros() {
                    zPend -= 1
                    while true {
                        let symbol: UInt16 = zPend & 1 == 1 ? 1 : 0 // RUNB : RUNA
                        mtf[count] = symbol; count += 1; frequencies[Int(symbol)] += 1
                        if zPend < 2 { break }
                        zPend = (zPend - 2) / 2
                    }
                    zPend = 0
                }
                for i in 0..<n {
                    var j = Int(order[i]) - 1
                    if j < 0 { j += n }
                    let ll = toSeqTable[Int(block[j])]
                    if yy[0] == ll {
                        zPend += 1
                    } else {
                        if zPend > 0 { flushZeros() }
                        var previous = yy[0]
                        var k = 1
                        while true {
                            let current = yy[k]
                            yy[k] = previous
                            if current == ll { break }
                            previous = current
                            k += 1
                        }
                        yy[0] = ll
                        let symbol = UInt16(k + 1)
                        mtf[count] = symbol; count += 1; frequencies[Int(symbol)] += 1
                    }
                }
                if zPend > 0 { flushZeros() }
                mtf[count] = endOfBlock; count += 1; frequencies[Int(endOfBlock)] += 1
            }
        }
        return bits + huffmanBits(symbolCount: count, frequencies: frequencies, alphabetSize: alphabetSize)
    }

    /// Bits of sendMTFValues after the symbol map: table count, selectors, code lengths, symbols.
    private func huffmanBits(symbolCount nMTF: Int, frequencies: [Int32], alphabetSize: Int) -> Int {
        let nGroups = nMTF < 200 ? 2 : nMTF < 600 ? 3 : nMTF < 1200 ? 4 : nMTF < 2400 ? 5 : 6
        var lengths = [[UInt8]](repeating: [UInt8](repeating: 15, count: alphabetSize), count: Self.groups)

        // Initial tables: contiguous symbol ranges of about equal total frequency.
        var nPart = nGroups
        var remaining = nMTF
        var gs = 0
        while nPart > 0 {
            let target = remaining / nPart
            var ge = gs - 1
            var accumulated = 0
            while accumulated < target && ge < alphabetSize - 1 {
                ge += 1
                accumulated += Int(frequencies[ge])
            }
            if ge > gs && nPart != nGroups && nPart != 1 && (nGroups - nPart) % 2 == 1 {
                accumulated -= Int(frequencies[ge])
                ge -= 1
            }
            for v in 0..<alphabetSize { lengths[nPart - 1][v] = (v >= gs && v <= ge) ? 0 : 15 }
            nPart -= 1
            gs = ge + 1
            remaining -= accumulated
        }

        // Per-group symbol histograms: a group's cost under a table is Σ histogram·length.
        let groupCount = (nMTF + Self.groupSize - 1) / Self.groupSize
        if histograms.count < groupCount * alphabetSize { histograms = [UInt16](repeating: 0, count: groupCount * alphabetSize) }
        if selectors.count < groupCount { selectors = [UInt8](repeating: 0, count: groupCount) }
        histograms.withUnsafeMutableBufferPointer { h in
            for i in 0..<(groupCount * alphabetSize) { h[i] = 0 }
            mtf.withUnsafeBufferPointer { mtf in
                var row = 0
                var start = 0
                while start < nMTF {
                    let end = min(nMTF, start + Self.groupSize)
                    for i in start..<end { h[row + Int(mtf[i])] &+= 1 }
                    row += alphabetSize
                    start = end
                }
            }
        }

        var rfreq = [[Int32]](repeating: [Int32](repeating: 0, count: alphabetSize), count: nGroups)
        for _ in 0..<Self.iterations {
            for t in 0..<nGroups { for v in 0..<alphabetSize { rfreq[t][v] = 0 } }
            histograms.withUnsafeBufferPointer { h in
                for g in 0..<groupCount {
                    let row = g * alphabetSize
                    var best = Int.max
                    var bestTable = 0
                    for t in 0..<nGroups {
                        var cost = 0
                        for v in 0..<alphabetSize { cost += Int(h[row + v]) * Int(lengths[t][v]) }
                        if cost < best { best = cost; bestTable = t }
                    }
                    selectors[g] = UInt8(bestTable)
                    for v in 0..<alphabetSize { rfreq[bestTable][v] += Int32(h[row + v]) }
                }
            }
            for t in 0..<nGroups {
                lengths[t].withUnsafeMutableBufferPointer { len in
                    rfreq[t].withUnsafeBufferPointer { BZip2HuffmanLengths.make(lengths: len, frequencies: $0, alphabetSize: alphabetSize, maxLength: Self.maxCodeLength) }
                }
            }
        }

        var bits = 3 + 15
        // Selectors, move-to-front coded, each sent as (position) ones and a zero.
        var position = (0..<nGroups).map { UInt8($0) }
        for g in 0..<groupCount {
            let selector = selectors[g]
            var j = 0
            var tmp = position[0]
            while selector != tmp {
                j += 1
                let tmp2 = tmp
                tmp = position[j]
                position[j] = tmp2
            }
            position[0] = tmp
            bits += j + 1
        }
        // Code lengths: 5 bits for the first, then 2 bits per unit step and a closing bit.
        for t in 0..<nGroups {
            var current = Int(lengths[t][0])
            bits += 5
            for v in 0..<alphabetSize {
                bits += 2 * abs(Int(lengths[t][v]) - current) + 1
                current = Int(lengths[t][v])
            }
        }
        // The coded symbols.
        histograms.withUnsafeBufferPointer { h in
            for g in 0..<groupCount {
                let row = g * alphabetSize
                let table = Int(selectors[g])
                for v in 0..<alphabetSize { bits += Int(h[row + v]) * Int(lengths[table][v]) }
            }
        }
        return bits
    }
}
