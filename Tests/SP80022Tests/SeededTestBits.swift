import RandomnessCore

/// Reproducible pseudo-random test input: SplitMix64 from a recorded seed.
struct SeededTestBits {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` uniformly random bits from a fresh generator.
    static func bits(_ count: Int, seed: UInt64) -> BitSequence {
        var generator = SeededTestBits(seed: seed)
        return generator.bits(count)
    }

    /// `count` uniformly random bits.
    mutating func bits(_ count: Int) -> BitSequence {
        let words = (0..<((count + 63) >> 6)).map { _ in next() }
        return BitSequence(words: words, count: count)
    }
}

/// A sequence from a string of '0'/'1' (other characters ignored).
func bitSequence(_ text: String) -> BitSequence {
    BitSequence(bits: text.utf8.compactMap { $0 == UInt8(ascii: "0") ? 0 : $0 == UInt8(ascii: "1") ? 1 : nil })
}
