import Foundation
import RandomnessCore

/// ea_restart's `simulateBound`, reproducible: each round draws 1000 samples from the worst-case
/// distribution for H_I (symbol ⌊u/p⌋ for u uniform on [0, 1) from 53 random bits, as the
/// reference's `randomUnit`), keeps the largest count among the first ⌈1/p⌉ symbols, and the
/// cutoff is the sorted rounds' entry at index ⌊(1 − α)·N⌋ − 1.
///
/// Reproducibility: xoshiro256** is seeded with four SplitMix64 outputs of `seed`. The rounds
/// are cut into fixed blocks of `blockRounds`; block b runs from the seeded state jumped b times
/// by 2^128 steps (the reference's jump polynomial). Blocks run through `Parallel.map` and their
/// histograms are added in block order, so the result does not depend on `jobs`.
enum RestartCutoffSimulation {
    /// Rounds per parallel block.
    static let blockRounds = 50_000
    static let drawsPerRound = 1000

    /// The histogram of the largest counts (index = count, 0…1000) over `rounds` rounds.
    static func maxCountHistogram(distribution: WorstCaseSymbolDistribution, rounds: Int, seed: UInt64, jobs: Int) -> [Int] {
        let blocks = (rounds + blockRounds - 1) / blockRounds
        var states: [Xoshiro256StarStar] = []
        states.reserveCapacity(blocks)
        var state = Xoshiro256StarStar(seed: seed)
        for _ in 0..<blocks {
            states.append(state)
            state.jump()
        }
        let startStates = states
        let partial = Parallel.map(count: blocks, jobs: jobs) { b -> [Int] in
            let first = b * blockRounds
            let count = min(blockRounds, rounds - first)
            return simulateBlock(distribution: distribution, rounds: count, generator: startStates[b])
        }
        var histogram = [Int](repeating: 0, count: drawsPerRound + 1)
        for h in partial {
            for (i, n) in h.enumerated() { histogram[i] += n }
        }
        return histogram
    }

    /// The reference's quantile: the entry at sorted index ⌊(1 − α)·N⌋ − 1.
    static func quantile(histogram: [Int], rounds: Int, alpha: Double) -> Int {
        let index = Int(((1.0 - alpha) * Double(rounds)).rounded(.down)) - 1
        var seen = 0
        for (value, n) in histogram.enumerated() {
            seen += n
            if seen > index { return value }
        }
        return histogram.count - 1
    }

    private static func simulateBlock(distribution: WorstCaseSymbolDistribution, rounds: Int, generator: Xoshiro256StarStar) -> [Int] {
        var rng = generator
        let p = distribution.p
        let k = distribution.effectiveSymbols
        var histogram = [Int](repeating: 0, count: drawsPerRound + 1)
        // One spare slot: ⌊u/p⌋ can only reach k in a rounding corner, and is not counted there
        // (the reference's counts array also ignores it in the maximum).
        var counts = [UInt16](repeating: 0, count: k + 1)
        counts.withUnsafeMutableBufferPointer { counts in
            for _ in 0..<rounds {
                for s in 0...k { counts[s] = 0 }
                for _ in 0..<drawsPerRound {
                    let u = Double(rng.next() >> 11) * 0x1p-53
                    let index = min(Int((u / p).rounded(.down)), k)
                    counts[index] &+= 1
                }
                var best: UInt16 = 0
                for s in 0..<k where counts[s] > best { best = counts[s] }
                histogram[Int(best)] += 1
            }
        }
        return histogram
    }
}

extension RestartCutoffSimulation {
    /// xoshiro256** 1.0 (Blackman & Vigna), the generator ea_restart uses, with its 2^128 jump.
    struct Xoshiro256StarStar: Sendable {
        private var s0, s1, s2, s3: UInt64

        /// Seeds the four state words with successive SplitMix64 outputs of `seed`.
        init(seed: UInt64) {
            var x = seed
            func splitMix() -> UInt64 {
                x &+= 0x9E37_79B9_7F4A_7C15
                var z = x
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
            s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
        }

        /// A generator with the given state words (not all zero).
        init(state: (UInt64, UInt64, UInt64, UInt64)) {
            (s0, s1, s2, s3) = state
        }

        @inline(__always)
        mutating func next() -> UInt64 {
            let result = rotl(s1 &* 5, 7) &* 9
            let t = s1 << 17
            s2 ^= s0
            s3 ^= s1
            s1 ^= s2
            s0 ^= s3
            s2 ^= t
            s3 = rotl(s3, 45)
            return result
        }

        /// Advances the state by 2^128 calls of `next()`.
        mutating func jump() {
            let polynomial: [UInt64] = [0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C]
            var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
            for word in polynomial {
                for bit in 0..<64 {
                    if word & (1 << UInt64(bit)) != 0 {
                        t0 ^= s0; t1 ^= s1; t2 ^= s2; t3 ^= s3
                    }
                    _ = next()
                }
            }
            s0 = t0; s1 = t1; s2 = t2; s3 = t3
        }

        @inline(__always)
        private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
    }
}
