import RandomnessCore

/// The extremes of the ±1 random walk of a bit sequence (S_0 = 0 included).
struct RandomWalkExtremes {
    /// max(0, max_k S_k), min(0, min_k S_k) and S_n.
    private(set) var maximum = 0
    private(set) var minimum = 0
    private(set) var final = 0
    /// max_k |S_k|.
    var maximumExcursion: Int { max(maximum, -minimum) }

    init(_ bits: BitSequence) {
        let fullBytes = bits.count / 8
        var s = 0, hi = 0, lo = 0
        bits.words.withUnsafeBufferPointer { words in
            Self.tables.withUnsafeBufferPointer { table in
                var byteIndex = 0
                // Whole words: eight table steps each, most significant byte first.
                while byteIndex + 8 <= fullBytes {
                    let w = words[byteIndex >> 3]
                    var shift: UInt64 = 56
                    for _ in 0..<8 {
                        let entry = table[Int(truncatingIfNeeded: w >> shift) & 0xFF]
                        hi = max(hi, s + Int(entry.maxPrefix))
                        lo = min(lo, s + Int(entry.minPrefix))
                        s += Int(entry.net)
                        shift &-= 8
                    }
                    byteIndex += 8
                }
                while byteIndex < fullBytes {
                    let w = words[byteIndex >> 3]
                    let entry = table[Int(truncatingIfNeeded: w >> UInt64(56 - 8 * (byteIndex & 7))) & 0xFF]
                    hi = max(hi, s + Int(entry.maxPrefix))
                    lo = min(lo, s + Int(entry.minPrefix))
                    s += Int(entry.net)
                    byteIndex += 1
                }
            }
        }
        var i = fullBytes * 8
        while i < bits.count {
            s += bits[i] == 1 ? 1 : -1
            hi = max(hi, s)
            lo = min(lo, s)
            i += 1
        }
        maximum = hi
        minimum = lo
        final = s
    }

    struct ByteSteps {
        var net: Int8
        var maxPrefix: Int8
        var minPrefix: Int8
    }

    /// For each byte (first bit most significant): its net step and the highest and lowest
    /// partial sums over its 8 prefixes.
    static let tables: [ByteSteps] = (0..<256).map { b in
        var s = 0, hi = Int.min, lo = Int.max
        for k in (0..<8).reversed() {
            s += (b >> k) & 1 == 1 ? 1 : -1
            hi = max(hi, s)
            lo = min(lo, s)
        }
        return ByteSteps(net: Int8(s), maxPrefix: Int8(hi), minPrefix: Int8(lo))
    }
}
