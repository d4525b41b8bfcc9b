/// The Burrows–Wheeler transform bzip2 applies to a block: for each cyclic rotation of the
/// block, in sorted order, the byte before it (the last column of the sorted rotations). The
/// column does not depend on how equal rotations are ordered, so any correct sort gives it.
///
/// Sample text (decimal numbers separated by single spaces) is transformed through its pieces.
/// Cutting the cyclic block after every space gives pieces "digits␣"; every rotation starts with
/// a codeword — the bytes up to and including the next space, a suffix of the piece it starts in
/// — followed by whole pieces. Codewords end with the only space they contain, and the space is
/// below every digit, so comparing two rotations byte by byte is comparing their codewords, then
/// the pieces after them, each in byte order. Hence: sort the cyclic rotations of the sequence of
/// piece ranks (a few hundred thousand symbols in place of every byte), then list, for each
/// piece rotation in that order, the codewords in the piece before it, bucketed by codeword rank
/// (a stable counting sort); each codeword's byte before it is fixed by the piece. Blocks that
/// are not such text (no space, a piece of more than three digits away from the block's wrap,
/// other bytes) are sorted byte by byte.
///
/// Buffers are kept between calls; one transform serves one thread.
final class BurrowsWheelerTransform {
    private let sorter = CyclicRotationSorter()
    /// The transformed block (`output[0..<n]` after `transform` of n bytes), each byte given as
    /// its rank among the bytes present in the block (bzip2's `unseqToSeq`, what its
    /// move-to-front stage works on).
    private(set) var output: [UInt8] = []
    /// Piece codes, then piece ranks, in cyclic order starting after the block's first space.
    private var pieces: [UInt16] = []
    private var symbols: [UInt16] = []
    /// Per right-aligned piece code (up to three digits as nibbles digit+1, first digit highest).
    private var codeRank = [UInt16](repeating: 0, count: 4096)
    private var codeCount = [Int](repeating: 0, count: 4096)

    /// Set by the last `transform`: whether the piece path was taken (for tests).
    private(set) var usedPieces = false

    /// Nibble of each byte in a piece code: digit + 1 for '0'…'9', 0 for the space, 0xF000
    /// (overflowing the twelve bits of a code) for anything else.
    private static let nibble: [UInt16] = (0..<256).map { c in
        if c == 0x20 { return 0 }
        if c >= 0x30 && c <= 0x39 { return UInt16(c - 0x30 + 1) }
        return 0xF000
    }

    /// Transforms `block` into `output[0..<block.count]` (through its pieces unless `bytewise`).
    func transform(_ block: UnsafeBufferPointer<UInt8>, bytewise: Bool = false) {
        let n = block.count
        precondition(n > 0)
        if output.count < n { output = [UInt8](repeating: 0, count: n) }
        usedPieces = !bytewise && transformByPieces(block)
        if !usedPieces { transformByBytes(block) }
    }

    /// Transforms a block of sample text whose pieces are known: `block` holds its bytes, its
    /// first space at `firstSpace` and last at `lastSpace`, and the pieces between them are the
    /// tokens of `samples` (each with its space), whose right-aligned codes `codes` gives (at
    /// most three digits). Same output as `transform(_:)`, without reading the block byte by byte.
    func transform(_ block: UnsafeBufferPointer<UInt8>, samples: UnsafeBufferPointer<UInt8>, codes: UnsafeBufferPointer<UInt16>,
                   firstSpace: Int, lastSpace: Int) {
        let n = block.count
        precondition(n > 0 && block[firstSpace] == 0x20 && block[lastSpace] == 0x20)
        if output.count < n { output = [UInt8](repeating: 0, count: n) }
        let t = samples.count
        if pieces.count < t + 1 { pieces = [UInt16](repeating: 0, count: t + 1) }
        pieces.withUnsafeMutableBufferPointer { pieces in
            for j in 0..<t { pieces[j] = codes[Int(samples[j])] }
        }
        usedPieces = transformByPieces(block, firstSpace: firstSpace, lastSpace: lastSpace, innerPieces: t)
        if !usedPieces { transformByBytes(block) }
    }

    /// The bytes present in the block last transformed.
    private(set) var usedBytes = [Bool](repeating: false, count: 256)

    /// Byte by byte: sort the rotations of the byte ranks; the output is the byte before each.
    private func transformByBytes(_ block: UnsafeBufferPointer<UInt8>) {
        let n = block.count
        var present = [Bool](repeating: false, count: 256)
        present.withUnsafeMutableBufferPointer { present in
            for c in block { present[Int(c)] = true }
        }
        usedBytes = present
        var rankOf = [UInt16](repeating: 0, count: 256)
        var b = 0
        for c in 0..<256 where present[c] { rankOf[c] = UInt16(b); b += 1 }
        if symbols.count < n { symbols = [UInt16](repeating: 0, count: n) }
        for i in 0..<n { symbols[i] = rankOf[Int(block[i])] }
        symbols.withUnsafeBufferPointer { sorter.sort(UnsafeBufferPointer(rebasing: $0[0..<n]), alphabetSize: b) }
        sorter.order.withUnsafeBufferPointer { order in
            for i in 0..<n {
                var j = Int(order[i]) - 1
                if j < 0 { j += n }
                output[i] = UInt8(truncatingIfNeeded: rankOf[Int(block[j])])
            }
        }
    }

    /// A piece (or codeword) as a comparable key: its digits as nibbles digit+1 from the top
    /// nibble down, the space as the 0 that follows (so "1␣" < "12␣" < "2␣", as in byte order).
    private static func leftAligned(code: UInt32, digits: Int) -> UInt32 { digits == 0 ? 0 : code << UInt32(32 - 4 * digits) }

    /// The piece path reading the block; false (nothing written) when it is not sample text.
    private func transformByPieces(_ block: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let firstSpace = block.firstIndex(of: 0x20), let lastSpace = block.lastIndex(of: 0x20) else { return false }
        // The pieces from block[firstSpace+1 ... lastSpace], as right-aligned codes.
        let inner = lastSpace - firstSpace  // bytes in these pieces
        if pieces.count < inner + 1 { pieces = [UInt16](repeating: 0, count: inner + 1) }
        var t = 0
        let valid: Bool = Self.nibble.withUnsafeBufferPointer { nibble in
            pieces.withUnsafeMutableBufferPointer { pieces in
                var code: UInt16 = 0
                var overflow: UInt16 = 0
                var i = firstSpace + 1
                while i <= lastSpace {
                    let c = block[i]
                    let isSpace = c == 0x20
                    pieces[t] = code
                    t &+= isSpace ? 1 : 0
                    let next = code << 4 | nibble[Int(c)]
                    overflow |= isSpace ? 0 : next
                    code = isSpace ? 0 : next & 0xFFF
                    i += 1
                }
                // A code of four digits or a foreign byte sets bits above the twelve.
                return overflow >> 12 == 0
            }
        }
        guard valid else { return false }
        return transformByPieces(block, firstSpace: firstSpace, lastSpace: lastSpace, innerPieces: t)
    }

    /// The piece path once `pieces[0..<innerPieces]` holds the codes of the pieces after the
    /// first space up to the last; false (nothing written) when the wrap piece is not digits.
    private func transformByPieces(_ block: UnsafeBufferPointer<UInt8>, firstSpace: Int, lastSpace: Int, innerPieces t: Int) -> Bool {
        let n = block.count
        // The wrap piece: block[lastSpace+1 ..< n] followed by block[0 ... firstSpace].
        var wrapDigits: [UInt8] = []
        for i in (lastSpace + 1)..<n { wrapDigits.append(block[i]) }
        for i in 0..<firstSpace { wrapDigits.append(block[i]) }
        guard wrapDigits.count <= 7, wrapDigits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        var wrapCode: UInt32 = 0
        for d in wrapDigits { wrapCode = wrapCode << 4 | UInt32(d - 0x30 + 1) }
        let wrapKey = Self.leftAligned(code: wrapCode, digits: wrapDigits.count)

        let wrapIndex = t
        let count = t + 1

        // Ranks of the pieces present, in byte order of the pieces.
        for code in 0..<4096 { codeCount[code] = 0 }
        for j in 0..<t { codeCount[Int(pieces[j])] += 1 }
        struct Piece { var key: UInt32; var code: Int; var digits: [UInt8] }
        var distinct: [Piece] = []
        for code in 0..<4096 where codeCount[code] > 0 {
            var digits: [UInt8] = []
            var c = code
            while c > 0 { digits.insert(UInt8(c & 0xF) - 1 + 0x30, at: 0); c >>= 4 }
            distinct.append(Piece(key: Self.leftAligned(code: UInt32(code), digits: digits.count), code: code, digits: digits))
        }
        if !distinct.contains(where: { $0.key == wrapKey }) {
            distinct.append(Piece(key: wrapKey, code: -1, digits: wrapDigits))
        }
        distinct.sort { $0.key < $1.key }
        var multiplicity = [Int](repeating: 0, count: distinct.count)
        var wrapRank = 0
        for (r, piece) in distinct.enumerated() {
            if piece.code >= 0 {
                codeRank[piece.code] = UInt16(r)
                multiplicity[r] = codeCount[piece.code]
            }
            if piece.key == wrapKey { wrapRank = r }
        }
        multiplicity[wrapRank] += 1
        for i in 0..<256 { usedBytes[i] = false }
        usedBytes[0x20] = true
        for piece in distinct { for d in piece.digits { usedBytes[Int(d)] = true } }
        var rankOfByte = [UInt8](repeating: 0, count: 256)
        var used: UInt8 = 0
        for c in 0..<256 where usedBytes[c] { rankOfByte[c] = used; used += 1 }
        pieces.withUnsafeMutableBufferPointer { pieces in
            codeRank.withUnsafeBufferPointer { codeRank in
                for j in 0..<t { pieces[j] = codeRank[Int(pieces[j])] }
            }
            pieces[wrapIndex] = UInt16(wrapRank)
        }

        // Codewords: every suffix of every piece, ranked in byte order; per piece, what it
        // emits for each of its bytes: (codeword rank, byte before the codeword).
        var codewordKeys: [UInt32] = []
        for piece in distinct {
            for k in 0...piece.digits.count {
                var code: UInt32 = 0
                for d in piece.digits[k...] { code = code << 4 | UInt32(d - 0x30 + 1) }
                codewordKeys.append(Self.leftAligned(code: code, digits: piece.digits.count - k))
            }
        }
        let sortedCodewords = Array(Set(codewordKeys)).sorted()
        var codewordRank: [UInt32: Int] = [:]
        for (r, key) in sortedCodewords.enumerated() { codewordRank[key] = r }
        // Every piece ends in the codeword "␣", the smallest: its bucket is output[0..<count],
        // one byte per piece rotation in order — the byte before the space of the piece before
        // it. The other codewords of a piece (one per digit) go through `width` slots (the most
        // digits of a piece inside the block), unused slots writing to a sink after the output
        // without advancing, so the emission loop has no data-dependent branch; a longer wrap
        // piece emits on its own.
        var width = 0
        for piece in distinct where piece.code >= 0 { width = max(width, piece.digits.count) }
        let longRank = distinct.firstIndex { $0.code < 0 && $0.digits.count > width } ?? -1
        let sink = sortedCodewords.count
        var lastByte = [UInt8](repeating: 0, count: distinct.count)
        var slotCodeword = [Int32](repeating: Int32(sink), count: max(1, distinct.count * width))
        var slotByte = [UInt8](repeating: 0, count: max(1, distinct.count * width))
        var slotStep = [Int](repeating: 0, count: max(1, distinct.count * width))
        var longCodewords: [Int] = [], longBytes: [UInt8] = []
        var cursor = [Int](repeating: 0, count: sortedCodewords.count + 1)
        var e = 0
        for (r, piece) in distinct.enumerated() {
            let m = piece.digits.count
            for k in 0...m {
                let cw = codewordRank[codewordKeys[e]]!
                e += 1
                let byte = rankOfByte[Int(k == 0 ? 0x20 : piece.digits[k - 1])]
                cursor[cw] += multiplicity[r]
                if k == m {
                    precondition(cw == 0, "the space is the smallest codeword")
                    lastByte[r] = byte
                } else if r == longRank {
                    longCodewords.append(cw)
                    longBytes.append(byte)
                } else {
                    slotCodeword[r * width + k] = Int32(cw)
                    slotByte[r * width + k] = byte
                    slotStep[r * width + k] = 1
                }
            }
        }
        precondition(cursor[0] == count)
        var total = 0
        for cw in 0..<sink { let c = cursor[cw]; cursor[cw] = total; total += c }
        precondition(total == n)
        cursor[sink] = n
        if output.count < n + 1 { output += [UInt8](repeating: 0, count: n + 1 - output.count) }

        pieces.withUnsafeBufferPointer { pieces in
            sorter.sort(UnsafeBufferPointer(rebasing: pieces[0..<count]), alphabetSize: distinct.count)
            sorter.order.withUnsafeBufferPointer { order in
                output.withUnsafeMutableBufferPointer { out in
                    lastByte.withUnsafeBufferPointer { lastByte in
                        slotCodeword.withUnsafeBufferPointer { slotCodeword in
                            slotByte.withUnsafeBufferPointer { slotByte in
                                slotStep.withUnsafeBufferPointer { slotStep in
                                    cursor.withUnsafeMutableBufferPointer { cursor in
                                        for r in 0..<count {
                                            var previous = Int(order[r]) - 1
                                            if previous < 0 { previous += count }
                                            let v = Int(pieces[previous])
                                            out[r] = lastByte[v]
                                            if v == longRank {
                                                for (cw, byte) in zip(longCodewords, longBytes) {
                                                    out[cursor[cw]] = byte
                                                    cursor[cw] &+= 1
                                                }
                                                continue
                                            }
                                            let base = v &* width
                                            for k in 0..<width {
                                                let cw = Int(slotCodeword[base &+ k])
                                                out[cursor[cw]] = slotByte[base &+ k]
                                                cursor[cw] &+= slotStep[base &+ k]
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return true
    }
}
