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
    fileprivate static let groupSize = 50
    private static let groups = 6
    private static let iterations = 4
    private static let maxCodeLength = 17

    private let transform = BurrowsWheelerTransform()
    private var histograms: [UInt16] = []
    private var selectors: [UInt8] = []

    /// Compressed size in bytes, or nil when `text` has a run of four equal bytes (or is empty).
    func compressedSize(of text: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = text.count
        guard n > 0, !Self.hasRunOfFour(text) else { return nil }
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
            var r = blockStart + Self.maxBlockLength
            while r <= n - 2 && text[r] == text[r - 1] { r += 1 }
            if r <= n - 2 { end = r }
            bits += blockBits(UnsafeBufferPointer(rebasing: text[blockStart..<end]))
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

    /// Bits of one compressed block.
    private func blockBits(_ block: UnsafeBufferPointer<UInt8>) -> Int {
        let n = block.count
        transform.transform(block)

        // Symbol map (makeMaps_e) and its transmission: 16 bits plus 16 per used range of 16.
        var inUse = [Bool](repeating: false, count: 256)
        inUse.withUnsafeMutableBufferPointer { inUse in
            for c in block { inUse[Int(c)] = true }
        }
        var toSeq = [UInt8](repeating: 0, count: 256)
        var inUseCount = 0
        for c in 0..<256 where inUse[c] { toSeq[c] = UInt8(inUseCount); inUseCount += 1 }
        var bits = 48 + 32 + 1 + 24 + 16
        for r in 0..<16 where (0..<16).contains(where: { inUse[r * 16 + $0] }) { bits += 16 }

        // Move-to-front with RUNA/RUNB zero runs (generateMTFValues), counted straight into the
        // histograms of the groups of 50 symbols that sendMTFValues codes with one table each.
        let alphabetSize = inUseCount + 2
        let maxSymbols = n + 1  // never more MTF symbols than bytes, plus the end of block
        let maxGroups = (maxSymbols + Self.groupSize - 1) / Self.groupSize
        if histograms.count < maxGroups * alphabetSize { histograms = [UInt16](repeating: 0, count: maxGroups * alphabetSize) }
        var frequencies = [Int32](repeating: 0, count: alphabetSize)
        let symbolCount: Int = histograms.withUnsafeMutableBufferPointer { histograms in
            frequencies.withUnsafeMutableBufferPointer { frequencies in
                toSeq.withUnsafeBufferPointer { toSeq in
                    transform.output.withUnsafeBufferPointer { bwt in
                        var coder = MTFCoder(histograms: histograms, frequencies: frequencies, alphabetSize: alphabetSize)
                        let input = UnsafeBufferPointer(rebasing: bwt[0..<n])
                        if inUseCount <= 16 {
                            coder.codeSmallAlphabet(input, toSeq: toSeq, inUseCount: inUseCount)
                        } else {
                            coder.code(input, toSeq: toSeq, inUseCount: inUseCount)
                        }
                        coder.emit(UInt16(inUseCount + 1))  // end of block
                        return coder.count
                    }
                }
            }
        }
        return bits + huffmanBits(symbolCount: symbolCount, frequencies: frequencies, alphabetSize: alphabetSize)
    }

    /// The MTF symbols of a block, counted per group of 50 and in total.
    private struct MTFCoder {
        let histograms: UnsafeMutableBufferPointer<UInt16>
        let frequencies: UnsafeMutableBufferPointer<Int32>
        let alphabetSize: Int
        private(set) var count = 0
        private var row = 0
        private var inGroup = 0

        init(histograms: UnsafeMutableBufferPointer<UInt16>, frequencies: UnsafeMutableBufferPointer<Int32>, alphabetSize: Int) {
            self.histograms = histograms
            self.frequencies = frequencies
            self.alphabetSize = alphabetSize
            let groups = (histograms.count / alphabetSize)
            for i in 0..<(groups * alphabetSize) { histograms[i] = 0 }
        }

        @inline(__always)
        mutating func emit(_ symbol: UInt16) {
            histograms[row &+ Int(symbol)] &+= 1
            frequencies[Int(symbol)] &+= 1
            count &+= 1
            inGroup &+= 1
            if inGroup == BZip2SizeCalculator.groupSize {
                inGroup = 0
                row &+= alphabetSize
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

        /// Move-to-front over a list of at most 16 symbols held as nibbles of one word (position j
        /// in nibble j; unused positions hold 15, which then is no symbol in use, or all 16 are used).
        mutating func codeSmallAlphabet(_ input: UnsafeBufferPointer<UInt8>, toSeq: UnsafeBufferPointer<UInt8>, inUseCount: Int) {
            var list: UInt64 = 0
            for j in (0..<16).reversed() { list = list << 4 | UInt64(j < inUseCount ? j : 15) }
            var zeros = 0
            for c in input {
                let symbol = UInt64(toSeq[Int(c)])
                // The lowest zero nibble of list ⊕ symbol·0x11…1 is the symbol's position.
                let x = list ^ (symbol &* 0x1111_1111_1111_1111)
                let found = (x &- 0x1111_1111_1111_1111) & ~x & 0x8888_8888_8888_8888
                let k = found.trailingZeroBitCount >> 2
                if k == 0 {
                    zeros &+= 1
                } else {
                    if zeros > 0 { emitZeros(zeros); zeros = 0 }
                    emit(UInt16(k + 1))
                    // Positions 0…k−1 move up one; the symbol goes to the front.
                    let moved: UInt64 = k == 15 ? .max : (UInt64(1) << UInt64(4 * (k + 1))) &- 1
                    list = (list & ~moved) | ((list << 4) & moved) | symbol
                }
            }
            if zeros > 0 { emitZeros(zeros) }
        }

        /// Move-to-front over a byte list (any alphabet).
        mutating func code(_ input: UnsafeBufferPointer<UInt8>, toSeq: UnsafeBufferPointer<UInt8>, inUseCount: Int) {
            var yy = [UInt8](repeating: 0, count: 256)
            for i in 0..<inUseCount { yy[i] = UInt8(i) }
            var zeros = 0
            for c in input {
                let ll = toSeq[Int(c)]
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
    /// `histograms` holds the symbol counts of each group of 50 MTF symbols.
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

        let groupCount = (nMTF + Self.groupSize - 1) / Self.groupSize
        if selectors.count < groupCount { selectors = [UInt8](repeating: 0, count: groupCount) }
        // The lengths of symbol v under the six tables, one lane per table; lanes past nGroups
        // hold 255, which never wins (a group of m symbols costs at most 17·m under a real table).
        var laneLengths = [SIMD8<UInt16>](repeating: SIMD8(repeating: 255), count: alphabetSize)
        var rfreq = [Int32](repeating: 0, count: Self.groups * alphabetSize)
        for _ in 0..<Self.iterations {
            for v in 0..<alphabetSize {
                for t in 0..<nGroups { laneLengths[v][t] = UInt16(lengths[t][v]) }
            }
            for i in rfreq.indices { rfreq[i] = 0 }
            histograms.withUnsafeBufferPointer { h in
                laneLengths.withUnsafeBufferPointer { laneLengths in
                    rfreq.withUnsafeMutableBufferPointer { rfreq in
                        selectors.withUnsafeMutableBufferPointer { selectors in
                            let laneIndex = SIMD8<UInt32>(0, 1, 2, 3, 4, 5, 6, 7)
                            for g in 0..<groupCount {
                                let row = g * alphabetSize
                                var cost = SIMD8<UInt16>()
                                for v in 0..<alphabetSize {
                                    cost &+= SIMD8(repeating: h[row + v]) &* laneLengths[v]
                                }
                                // The cheapest table, the first one on ties (as libbz2's `<`).
                                let keyed = (SIMD8<UInt32>(truncatingIfNeeded: cost) &<< 3) | laneIndex
                                let best = Int(keyed.min() & 7)
                                selectors[g] = UInt8(best)
                                let target = best * alphabetSize
                                for v in 0..<alphabetSize { rfreq[target + v] &+= Int32(h[row + v]) }
                            }
                        }
                    }
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
                let row = g * alphabetSize
                var cost = SIMD8<UInt16>()
                for v in 0..<alphabetSize { cost &+= SIMD8(repeating: h[row + v]) &* laneLengths[v] }
                bits += Int(cost[Int(selectors[g])])
            }
        }
        return bits
    }
}
