import RandomnessCore

/// The seeded shuffles of the permutation test. Permutation j (0-based) is a Fisher–Yates
/// shuffle of the original sequence driven by its own xoshiro256** stream, so it can be
/// regenerated from (seed, j) alone and blocks of permutations can run in any order or in
/// parallel. The stream's state words are four SplitMix64 outputs started from
/// `seed ⊕ mix64(j + 1)`; indices are drawn like the reference (`randomRange64`: Lemire's
/// multiply-and-reject method for a uniform integer in [0, i]).
struct PermutationShuffle: Sendable {
    let seed: UInt64

    /// SplitMix64's output function (Stafford's variant 13).
    @inline(__always)
    static func mix64(_ z0: UInt64) -> UInt64 {
        var z = z0
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The xoshiro256** generator of permutation `index`.
    func generator(forPermutation index: Int) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: seed ^ Self.mix64(UInt64(index) &+ 1))
    }

    /// Overwrites `buffer` with permutation `index` of `original` (same length).
    func permute(_ original: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>, permutation index: Int) {
        precondition(original.count == buffer.count)
        _ = buffer.initialize(fromContentsOf: original)
        var rng = generator(forPermutation: index)
        var i = buffer.count - 1
        while i > 0 {
            let r = rng.uniform(upTo: UInt64(i))
            buffer.swapAt(i, Int(r))
            i -= 1
        }
    }
}
