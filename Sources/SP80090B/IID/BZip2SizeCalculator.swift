/// The exact size of libbz2's output for `BZ2_bzBuffToBuffCompress(…, blockSize100k 5, 0,
/// workFactor 0)` computed without producing it — all the compression statistic needs.
///
/// It follows libbz2 1.0.8 step by step, keeping only bit counts: the input splits into blocks of
/// about 100,000·5 − 19 bytes, exactly where libbz2's input stage closes them (a held-back run
/// of equal bytes moves the boundary by up to 2 bytes); each block is Burrows–Wheeler transformed
/// (`BurrowsWheelerTransform`: the last column of the sorted cyclic rotations), move-to-front
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
    /// The block length this calculator closes blocks at: libbz2's, or a shorter one that tests
    /// use to reach many block edges on short inputs (the sizes are then those of a bzip2 with
    /// that block length, which libbz2 cannot be asked for).
    let blockLength: Int

    init(blockLength: Int = BZip2SizeCalculator.maxBlockLength) {
        precondition(blockLength > 0)
        self.blockLength = blockLength
    }
    fileprivate static let groupSize = 50
    private static let groups = 6
    private static let iterations = 4
    private static let maxCodeLength = 17

    private let transform = BurrowsWheelerTransform()
    private var histograms: [UInt16] = []
    private var selectors: [UInt8] = []

    /// Compressed size in bytes, or nil when `text` has a run of four equal bytes (or is empty).
    func compressedSize(of text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard text.count > 0, !Self.hasRunOfFour(text) else { return nil }
        return compressedSize(text: text) { block, _ in blockBits(block) { transform.transform($0) } }
    }

    /// The decimal tokens of sample values: for each sample byte, its token's length and its
    /// right-aligned code (digits as nibbles digit + 1, first digit highest).
    struct SampleTokens: Sendable {
        let lengths: [Int]
        let codes: [UInt16]

        /// Tokens of the values 0…255, or of `rawTable[symbol]` when given.
        init(rawTable: [UInt8]?) {
            var lengths = [Int](repeating: 1, count: 256), codes = [UInt16](repeating: 0, count: 256)
            for symbol in 0..<256 {
                let value = rawTable.map { symbol < $0.count ? Int($0[symbol]) : 0 } ?? symbol
                let digits = Array(String(value).utf8)
                lengths[symbol] = digits.count
                codes[symbol] = digits.reduce(0) { $0 << 4 | UInt16($1 - 0x30 + 1) }
            }
            self.lengths = lengths
            self.codes = codes
        }
    }

    /// Compressed size of `text`, the sample text of `samples` (their tokens, from `tokens`,
    /// separated by single spaces — which never holds four equal bytes in a row): as
    /// `compressedSize(of:)`, the blocks' pieces taken from the samples.
    func compressedSize(ofSampleText text: UnsafeBufferPointer<UInt8>, samples: UnsafeBufferPointer<UInt8>, tokens: SampleTokens) -> Int {
        precondition(text.count > 0 && samples.count > 0)
        let last = samples.count - 1
        return tokens.lengths.withUnsafeBufferPointer { lengths in
            tokens.codes.withUnsafeBufferPointer { codes in
                // Cursor: sample `i`'s token starts at text offset `offset`; its space follows it.
                var i = 0
                var offset = 0
                /// Moves the cursor to the sample whose token or following space holds byte p.
                func locate(_ p: Int) {
                    while i < last && offset + lengths[Int(samples[i])] < p {
                        offset += lengths[Int(samples[i])] + 1
                        i += 1
                    }
                }
                return compressedSize(text: text) { block, start in
                    let end = start + block.count
                    // First space at or after the start: ends the sample holding `start`.
                    locate(start)
                    let firstSample = i
                    let firstSpace = offset + lengths[Int(samples[i])]
                    // Last space before the end: after the sample holding end − 1, or before it.
                    locate(end - 1)
                    let spaceAfter = offset + lengths[Int(samples[i])]
                    let lastSample = spaceAfter == end - 1 ? i : i - 1  // the sample the last space ends
                    let lastSpace = spaceAfter == end - 1 ? spaceAfter : offset - 1
                    guard firstSample < last, firstSpace < end, lastSpace >= start, lastSample >= firstSample else {
                        return blockBits(block) { transform.transform($0) }
                    }
                    let inner = UnsafeBufferPointer(rebasing: samples[(firstSample + 1)..<(lastSample + 1)])
                    return blockBits(block) {
                        transform.transform($0, samples: inner, codes: codes, firstSpace: firstSpace - start, lastSpace: lastSpace - start)
                    }
                }
            }
        }
    }

    /// The stream's size given the bits of each block (`blockBits(block, start offset)`).
    private func compressedSize(text: UnsafeBufferPointer<UInt8>, blockBits: (UnsafeBufferPointer<UInt8>, Int) -> Int) -> Int {
        let n = text.count
        // Block boundaries as libbz2's input stage draws them: the current run of equal bytes
        // (1–3 long here) is held back and added to the block whole when a different byte
        // arrives; a block is closed once it holds ≥ maxBlockLength bytes and input remains (the
        // held run starts the next block); at the end the held run joins the last block. So a
        // block starting at s ends at the first run start r ≥ s + maxBlockLength with r ≤ n − 2
        // (byte r + 1 still to come), or at the end of the input.
        var bits = 32
        var blockStart = 0
        while true {
            var end = n
            var r = blockStart + blockLength
            while r <= n - 2 && text[r] == text[r - 1] { r += 1 }
            if r <= n - 2 { end = r }
            bits += blockBits(UnsafeBufferPointer(rebasing: text[blockStart..<end]), blockStart)
            if end == n { break }
            blockStart = end
        }
        bits += 48 + 32
        return (bits + 7) / 8
    }

    /// Whether `text` holds four equal bytes in a row (bzip2's run-length stage would change it).
    static func hasRunOfFour(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = text.count
        guard n >= 4 else { return false }
        var found: UInt8 = 0
        var i = 0
        while i + 3 < n {
            let a = text[i], b = text[i + 1], c = text[i + 2], d = text[i + 3]
            found |= (a == b ? 1 : 0) & (b == c ? 1 : 0) & (c == d ? 1 : 0)
            i += 1
        }
        return found != 0
    }

    /// Bits of one compressed block, Burrows–Wheeler transformed by `transformBlock`.
    private func blockBits(_ block: UnsafeBufferPointer<UInt8>, _ transformBlock: (UnsafeBufferPointer<UInt8>) -> Void) -> Int {
        let n = block.count
        transformBlock(block)

        // Symbol map (makeMaps_e) and its transmission: 16 bits plus 16 per used range of 16.
        let inUse = transform.usedBytes
        let inUseCount = inUse.reduce(0) { $0 + ($1 ? 1 : 0) }
        var bits = 48 + 32 + 1 + 24 + 16
        for r in 0..<16 where (0..<16).contains(where: { inUse[r * 16 + $0] }) { bits += 16 }

        // Move-to-front with RUNA/RUNB zero runs (generateMTFValues), counted straight into the
        // histograms of the groups of 50 symbols that sendMTFValues codes with one table each
        // (rows of `stride` counts).
        let alphabetSize = inUseCount + 2
        let stride = Self.histogramStride(alphabetSize: alphabetSize)
        let maxSymbols = n + 1  // never more MTF symbols than bytes, plus the end of block
        let maxGroups = (maxSymbols + Self.groupSize - 1) / Self.groupSize
        if histograms.count < maxGroups * stride { histograms = [UInt16](repeating: 0, count: maxGroups * stride) }
        var frequencies = [Int32](repeating: 0, count: alphabetSize)
        let symbolCount: Int = histograms.withUnsafeMutableBufferPointer { histograms in
            frequencies.withUnsafeMutableBufferPointer { frequencies in
                transform.output.withUnsafeBufferPointer { bwt in
                    var coder = MTFCoder(histograms: UnsafeMutableBufferPointer(rebasing: histograms[0..<(maxGroups * stride)]),
                                         frequencies: frequencies, stride: stride)
                    let input = UnsafeBufferPointer(rebasing: bwt[0..<n])
                    if inUseCount <= 16 {
                        coder.codeSmallAlphabet(input, inUseCount: inUseCount)
                    } else {
                        coder.code(input, inUseCount: inUseCount)
                    }
                    coder.emit(UInt16(inUseCount + 1))  // end of block
                    return coder.count
                }
            }
        }
        return bits + huffmanBits(symbolCount: symbolCount, frequencies: frequencies, alphabetSize: alphabetSize)
    }

    /// Histogram rows hold 16 counts when the alphabet fits (vector-sized rows), else one per symbol.
    private static func histogramStride(alphabetSize: Int) -> Int { alphabetSize <= 16 ? 16 : alphabetSize }

    /// The MTF symbols of a block, counted per group of 50 and in total.
    private struct MTFCoder {
        let histograms: UnsafeMutableBufferPointer<UInt16>
        let frequencies: UnsafeMutableBufferPointer<Int32>
        let stride: Int
        private(set) var count = 0
        private var row = 0
        private var inGroup = 0

        init(histograms: UnsafeMutableBufferPointer<UInt16>, frequencies: UnsafeMutableBufferPointer<Int32>, stride: Int) {
            self.histograms = histograms
            self.frequencies = frequencies
            self.stride = stride
            histograms.update(repeating: 0)
        }

        @inline(__always)
        mutating func emit(_ symbol: UInt16) {
            histograms[row &+ Int(symbol)] &+= 1
            frequencies[Int(symbol)] &+= 1
            count &+= 1
            inGroup &+= 1
            if inGroup == BZip2SizeCalculator.groupSize {
                inGroup = 0
                row &+= stride
            }
        }

        /// A run of `zeros` zero positions as RUNA (0) / RUNB (1) digits of bijective base 2.
        @inline(__always)
        mutating func emitZeros(_ zeros: Int) {
            var z = zeros - 1
            while true {
                emit(UInt16(z & 1))
                if z < 2 { break }
                z = (z - 2) / 2
            }
        }

        /// Masks of nibbles 0…k, for k = 0…15.
        private static let lowNibbles: [UInt64] = (0..<16).map { k in k == 15 ? .max : (UInt64(1) << UInt64(4 * (k + 1))) - 1 }

        /// Move-to-front over a list of at most 16 symbols held as nibbles of one word (position j
        /// in nibble j; unused positions hold 15, which then is no symbol in use, or all 16 are used).
        /// `input` holds symbol ranks.
        mutating func codeSmallAlphabet(_ input: UnsafeBufferPointer<UInt8>, inUseCount: Int) {
            var list: UInt64 = 0
            for j in (0..<16).reversed() { list = list << 4 | UInt64(j < inUseCount ? j : 15) }
            var zeros = 0
            let n = input.count
            let bytes = UnsafeRawPointer(input.baseAddress!)
            Self.lowNibbles.withUnsafeBufferPointer { lowNibbles in
                var i = 0
                while i < n {
                    let symbol = UInt64(input[i])
                    i += 1
                    // The lowest zero nibble of list ⊕ symbol·0x11…1 is the symbol's position.
                    let x = list ^ (symbol &* 0x1111_1111_1111_1111)
                    let found = (x &- 0x1111_1111_1111_1111) & ~x & 0x8888_8888_8888_8888
                    let k = found.trailingZeroBitCount >> 2
                    if k == 0 {
                        zeros &+= 1
                        // Inside a run of the front symbol (the Burrows–Wheeler output has long
                        // ones, e.g. the spaces before whole pieces): eight at a time.
                        let eight = symbol &* 0x0101_0101_0101_0101
                        while i + 8 <= n && bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) == eight {
                            zeros &+= 8
                            i += 8
                        }
                    } else {
                        if zeros > 0 { emitZeros(zeros); zeros = 0 }
                        emit(UInt16(k + 1))
                        // Positions 0…k−1 move up one; the symbol goes to the front.
                        let moved = lowNibbles[k]
                        list = (list & ~moved) | ((list << 4) & moved) | symbol
                    }
                }
            }
            if zeros > 0 { emitZeros(zeros) }
        }

        /// Move-to-front over a byte list (any alphabet); `input` holds symbol ranks.
        mutating func code(_ input: UnsafeBufferPointer<UInt8>, inUseCount: Int) {
            var yy = [UInt8](repeating: 0, count: 256)
            for i in 0..<inUseCount { yy[i] = UInt8(i) }
            var zeros = 0
            for ll in input {
                if yy[0] == ll {
                    zeros += 1
                } else {
                    if zeros > 0 { emitZeros(zeros); zeros = 0 }
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
                    emit(UInt16(k + 1))
                }
            }
            if zeros > 0 { emitZeros(zeros) }
        }
    }

    /// Bits of sendMTFValues after the symbol map: table count, selectors, code lengths, symbols.
    /// `histograms` holds the symbol counts of each group of 50 MTF symbols (rows of
    /// `histogramStride` counts).
    private func huffmanBits(symbolCount nMTF: Int, frequencies: [Int32], alphabetSize: Int) -> Int {
        let stride = Self.histogramStride(alphabetSize: alphabetSize)
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

        let groupCount = (nMTF + Self.groupSize - 1) / Self.groupSize
        if selectors.count < groupCount { selectors = [UInt8](repeating: 0, count: groupCount) }
        // The lengths of symbol v under the six tables, one lane per table; lanes past nGroups
        // hold 255, which never wins (a group of m symbols costs at most 17·m under a real table).
        var laneLengths = [SIMD8<UInt16>](repeating: SIMD8(repeating: 255), count: alphabetSize)
        var rfreq = [Int32](repeating: 0, count: Self.groups * alphabetSize)
        // With rows of 16 counts, the table frequencies gather a row at a time.
        var rfreqRows = [SIMD16<UInt32>](repeating: SIMD16(), count: Self.groups)
        for _ in 0..<Self.iterations {
            for v in 0..<alphabetSize {
                for t in 0..<nGroups { laneLengths[v][t] = UInt16(lengths[t][v]) }
            }
            for i in rfreq.indices { rfreq[i] = 0 }
            for t in rfreqRows.indices { rfreqRows[t] = SIMD16() }
            histograms.withUnsafeBufferPointer { h in
                laneLengths.withUnsafeBufferPointer { laneLengths in
                    rfreq.withUnsafeMutableBufferPointer { rfreq in
                        rfreqRows.withUnsafeMutableBufferPointer { rfreqRows in
                            selectors.withUnsafeMutableBufferPointer { selectors in
                                let laneIndex = SIMD8<UInt32>(0, 1, 2, 3, 4, 5, 6, 7)
                                let rows = UnsafeRawPointer(h.baseAddress!)
                                for g in 0..<groupCount {
                                    let row = g * stride
                                    var cost = SIMD8<UInt16>()
                                    for v in 0..<alphabetSize {
                                        cost &+= SIMD8(repeating: h[row + v]) &* laneLengths[v]
                                    }
                                    // The cheapest table, the first one on ties (as libbz2's `<`).
                                    let keyed = (SIMD8<UInt32>(truncatingIfNeeded: cost) &<< 3) | laneIndex
                                    let best = Int(keyed.min() & 7)
                                    selectors[g] = UInt8(best)
                                    if stride == 16 {
                                        let counts = rows.loadUnaligned(fromByteOffset: row * 2, as: SIMD16<UInt16>.self)
                                        rfreqRows[best] &+= SIMD16<UInt32>(truncatingIfNeeded: counts)
                                    } else {
                                        let target = best * alphabetSize
                                        for v in 0..<alphabetSize { rfreq[target + v] &+= Int32(h[row + v]) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if stride == 16 {
                for t in 0..<nGroups {
                    for v in 0..<alphabetSize { rfreq[t * alphabetSize + v] = Int32(rfreqRows[t][v]) }
                }
            }
            for t in 0..<nGroups {
                lengths[t].withUnsafeMutableBufferPointer { len in
                    rfreq.withUnsafeBufferPointer {
                        BZip2HuffmanLengths.make(lengths: len, frequencies: UnsafeBufferPointer(rebasing: $0[(t * alphabetSize)..<((t + 1) * alphabetSize)]),
                                                 alphabetSize: alphabetSize, maxLength: Self.maxCodeLength)
                    }
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
        for v in 0..<alphabetSize {
            for t in 0..<nGroups { laneLengths[v][t] = UInt16(lengths[t][v]) }
        }
        histograms.withUnsafeBufferPointer { h in
            for g in 0..<groupCount {
                let row = g * stride
                var cost = SIMD8<UInt16>()
                for v in 0..<alphabetSize { cost &+= SIMD8(repeating: h[row + v]) &* laneLengths[v] }
                bits += Int(cost[Int(selectors[g])])
            }
        }
        return bits
    }
}
