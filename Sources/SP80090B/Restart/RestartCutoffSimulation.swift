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
