import RandomnessCore

/// Reproducible pseudo-random test input: SplitMix64 from a recorded seed.
struct SeededTestBits {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { generator.next() }

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
