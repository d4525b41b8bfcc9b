/// A sequence of bits packed into 64-bit words — the type every suite consumes.
///
/// Bit `i` lives in `words[i >> 6]` at position `63 - (i & 63)`: the first bit of a word is
/// its most significant bit, so a word read as an integer shows the bits in sequence order
/// and an m-bit window is a left shift away. Bits past `count` in the last word are zero.
public struct BitSequence: Sendable, Equatable {
    /// The packed bits, MSB first within each word; trailing bits are zero.
    public private(set) var words: [UInt64]
    /// Number of bits.
    public let count: Int

    /// Wraps packed words; bits past `count` are cleared.
    public init(words: [UInt64], count: Int) {
        precondition(count >= 0 && words.count == (count + 63) >> 6, "word count must cover exactly count bits")
        self.words = words
        self.count = count
        let tail = count & 63
        if tail != 0 { self.words[self.words.count - 1] &= ~UInt64(0) << UInt64(64 - tail) }
    }

    /// Packs bytes into bits: with `.msb` the first bit of each byte is its most significant.
    public init(bytes: some Collection<UInt8>, bitOrder: BitOrder = .msb) {
        let byteArray = Array(bytes)
        let count = byteArray.count * 8
        var words = [UInt64](repeating: 0, count: (count + 63) >> 6)
        byteArray.withUnsafeBufferPointer { src in
            words.withUnsafeMutableBufferPointer { dst in
                let reverse = bitOrder == .lsb
                var w = 0
                var i = 0
                while i + 8 <= src.count {
                    var word: UInt64 = 0
                    for k in 0..<8 {
                        let b = reverse ? BitSequence.reversedByte[Int(src[i + k])] : src[i + k]
                        word = word << 8 | UInt64(b)
                    }
                    dst[w] = word
                    w += 1
                    i += 8
                }
                if i < src.count {
                    var word: UInt64 = 0
                    var shift: UInt64 = 56
                    while i < src.count {
                        let b = reverse ? BitSequence.reversedByte[Int(src[i])] : src[i]
                        word |= UInt64(b) << shift
                        shift &-= 8
                        i += 1
                    }
                    dst[w] = word
                }
            }
        }
        self.init(words: words, count: count)
    }

    /// Builds a sequence from individual bit values (0 or 1); for tests and small inputs.
    public init(bits: some Sequence<UInt8>) {
        var builder = BitSequenceBuilder()
        for b in bits { builder.append(bit: b) }
        self = builder.build()
    }

    /// The bit at `index` (0 or 1). O(1).
    @inline(__always)
    public subscript(index: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: words[index >> 6] >> UInt64(63 - (index & 63))) & 1
    }

    /// The 64 bits starting at bit `index`, first bit most significant; bits past the end are 0.
    @inline(__always)
    public func word(startingAt index: Int) -> UInt64 {
        let w = index >> 6
        let shift = UInt64(index & 63)
        let hi = words[w] << shift
        if shift == 0 || w + 1 >= words.count { return hi }
        return hi | words[w + 1] >> (64 - shift)
    }

    /// Number of ones in the whole sequence.
    public var onesCount: Int { popcount(in: 0..<count) }

    /// Number of ones among bits in `range`.
    public func popcount(in range: Range<Int>) -> Int {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of bounds")
        if range.isEmpty { return 0 }
        let first = range.lowerBound >> 6
        let last = (range.upperBound - 1) >> 6
        let headMask = ~UInt64(0) >> UInt64(range.lowerBound & 63)
        let tailBits = range.upperBound & 63
        let tailMask = tailBits == 0 ? ~UInt64(0) : ~UInt64(0) << UInt64(64 - tailBits)
        return words.withUnsafeBufferPointer { w in
            if first == last { return (w[first] & headMask & tailMask).nonzeroBitCount }
            var total = (w[first] & headMask).nonzeroBitCount + (w[last] & tailMask).nonzeroBitCount
            var i = first + 1
            while i < last { total &+= w[i].nonzeroBitCount; i += 1 }
            return total
        }
    }

    /// The bits in `range` as a new sequence (word-aligned copies when possible).
    public func slice(_ range: Range<Int>) -> BitSequence {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "slice out of bounds")
        let n = range.count
        let wordCount = (n + 63) >> 6
        var out = [UInt64](repeating: 0, count: wordCount)
        let start = range.lowerBound
        if start & 63 == 0 {
            let base = start >> 6
            for i in 0..<wordCount { out[i] = words[base + i] }
        } else {
            for i in 0..<wordCount { out[i] = word(startingAt: start + i * 64) }
        }
        return BitSequence(words: out, count: n)
    }

    /// Splits the first `streamCount × length` bits into consecutive streams.
    public func streams(count streamCount: Int, length: Int) -> [BitSequence] {
        precondition(streamCount >= 0 && length > 0 && streamCount * length <= count, "not enough bits for the streams")
        return (0..<streamCount).map { slice($0 * length..<($0 + 1) * length) }
    }

    /// The bits as an array of 0/1 bytes; for tests and the rare per-bit algorithm.
    public var bitArray: [UInt8] { (0..<count).map { self[$0] } }

    /// Byte `b` with its bit order reversed.
    public static let reversedByte: [UInt8] = (0..<256).map { v in
        var r: UInt8 = 0
        for k in 0..<8 where v & (1 << k) != 0 { r |= 1 << (7 - k) }
        return r
    }
}

/// Appends bits one at a time or in groups into packed words.
public struct BitSequenceBuilder: Sendable {
    private var words: [UInt64] = []
    private var current: UInt64 = 0
    private var filled = 0
    private var total = 0

    public init(reservingBits: Int = 0) { words.reserveCapacity((reservingBits + 63) >> 6) }

    /// Number of bits appended so far.
    public var count: Int { total }

    /// Appends one bit (any non-zero value counts as 1).
    @inline(__always)
    public mutating func append(bit: UInt8) {
        current = current << 1 | UInt64(bit != 0 ? 1 : 0)
        filled += 1
        total += 1
        if filled == 64 { words.append(current); current = 0; filled = 0 }
    }

    /// Appends the low `width` bits of `value`, most significant first (width ≤ 57).
    @inline(__always)
    public mutating func append(value: UInt64, width: Int) {
        precondition(width >= 0 && width <= 57)
        let room = 64 - filled
        let v = value & ((1 << UInt64(width)) &- 1)
        if width < room {
            current = current << UInt64(width) | v
            filled += width
        } else {
            let spill = width - room
            current = current << UInt64(room) | v >> UInt64(spill)
            words.append(current)
            current = v & ((1 << UInt64(spill)) &- 1)
            filled = spill
        }
        total += width
    }

    /// Appends 64 bits, the most significant first.
    @inline(__always)
    public mutating func append(word w: UInt64) {
        if filled == 0 {
            words.append(w)
        } else {
            // `current` holds `filled` bits in its low end; the low `filled` bits of w stay behind.
            words.append(current << UInt64(64 - filled) | w >> UInt64(filled))
            current = w & ((1 << UInt64(filled)) &- 1)
        }
        total += 64
    }

    /// Appends the bits of `bytes`, each byte most significant bit first.
    public mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            var w: UInt64 = 0
            for k in 0..<8 { w = w << 8 | UInt64(bytes[i + k]) }
            append(word: w)
            i += 8
        }
        while i < n { append(value: UInt64(bytes[i]), width: 8); i += 1 }
    }

    /// The packed sequence.
    public func build() -> BitSequence {
        var out = words
        if filled > 0 { out.append(current << UInt64(64 - filled)) }
        return BitSequence(words: out, count: total)
    }
}

extension BitSequence {
    /// The bits packed 8 per byte, most significant first; a partial last byte is
    /// zero-padded. For a sequence made from bytes in `.msb` order this gives those bytes back.
    public var packedBytes: [UInt8] {
        let byteCount = (count + 7) >> 3
        var out = [UInt8](repeating: 0, count: byteCount)
        out.withUnsafeMutableBufferPointer { dst in
            for i in 0..<byteCount {
                dst[i] = UInt8(truncatingIfNeeded: words[i >> 3] >> UInt64(56 - 8 * (i & 7)))
            }
        }
        return out
    }
}
