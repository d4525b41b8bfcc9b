/// xoshiro256** 1.0 (Blackman & Vigna 2018, `xoshiro256starstar.c`), the generator of the
/// SP 800-90B reference tools (`ea_iid`'s shuffles, `ea_restart`'s simulation) and of the
/// fault simulator. Not cryptographic.
///
/// Output rotl(s1·5, 7)·9; then t = s1<<17, s2 ^= s0, s3 ^= s1, s1 ^= s2, s0 ^= s3, s2 ^= t,
/// s3 = rotl(s3, 45). Seeding fills the state with four SplitMix64 outputs; `jump()` advances
/// by 2^128 outputs (non-overlapping streams for parallel blocks); `uniform(upTo:)` draws an
/// unbiased integer in [0, high] as the reference's `randomRange64` (Lemire 2018).
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    public private(set) var s0, s1, s2, s3: UInt64

    /// The state s0…s3 = four successive SplitMix64 outputs from `seed`.
    public init(seed: UInt64) {
        var mix = SplitMix64(seed: seed)
        (s0, s1, s2, s3) = (mix.next(), mix.next(), mix.next(), mix.next())
    }

    /// A generator with this exact state (not all zero).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    /// The state words.
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// A uniform integer in [0, high] without modular bias (Lemire 2018, as `randomRange64`).
    @inline(__always)
    public mutating func uniform(upTo high: UInt64) -> UInt64 {
        if high == .max { return next() }
        let s = high &+ 1
        var m = next().multipliedFullWidth(by: s)
        if m.low < s {
            let t = (0 &- s) % s
            while m.low < t { m = next().multipliedFullWidth(by: s) }
        }
        return m.high
    }

    /// A double uniform in [0, 1) from the top 53 bits.
    @inline(__always)
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Advances the state by 2^128 calls of `next()`.
    public mutating func jump() {
        let polynomial: [UInt64] = [0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C]
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in polynomial {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 {
                    t0 ^= s0
                    t1 ^= s1
                    t2 ^= s2
                    t3 ^= s3
                }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
