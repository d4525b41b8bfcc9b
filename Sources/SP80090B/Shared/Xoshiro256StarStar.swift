/// xoshiro256** 1.0 (Blackman & Vigna), the generator the SP 800-90B reference tools use: the
/// IID permutation shuffles (`ea_iid`) and the restart sanity-check simulation (`ea_restart`).
///
/// State: four 64-bit words, not all zero. Output: rotl(s1·5, 7)·9. `jump()` advances the state
/// by 2^128 outputs (the authors' jump polynomial), which gives non-overlapping streams for
/// parallel blocks; `uniform(upTo:)` draws an unbiased integer in [0, high] as the reference's
/// `randomRange64` (Lemire's multiply-and-reject method).
struct Xoshiro256StarStar: Sendable {
    private(set) var s0, s1, s2, s3: UInt64

    /// A generator with the given state words (not all zero).
    init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    /// Seeds the four state words with successive SplitMix64 outputs started from `seed`.
    init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    @inline(__always)
    mutating func next() -> UInt64 {
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
    mutating func uniform(upTo high: UInt64) -> UInt64 {
        if high == .max { return next() }
        let s = high &+ 1
        var m = next().multipliedFullWidth(by: s)
        if m.low < s {
            let t = (0 &- s) % s
            while m.low < t { m = next().multipliedFullWidth(by: s) }
        }
        return m.high
    }

    /// Advances the state by 2^128 calls of `next()`.
    mutating func jump() {
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
