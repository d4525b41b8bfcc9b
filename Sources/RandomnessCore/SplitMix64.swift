/// SplitMix64 (Steele, Lea, Flood 2014; Vigna's `splitmix64.c`): state += 0x9E3779B97F4A7C15,
/// then z = (z ^ z>>30)·0xBF58476D1CE4E5B9, z = (z ^ z>>27)·0x94D049BB133111EB, z ^ z>>31.
/// Expands a 64-bit seed into xoshiro256**'s state, as its authors recommend, and makes
/// reproducible test data.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
