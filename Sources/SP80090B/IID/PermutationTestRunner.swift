import RandomnessCore

/// Runs the permutation tests with early stopping, deterministically for any number of jobs.
///
/// Counting follows `ea_iid`: for each permutation, C0 += (T > T_orig), C1 += (T = T_orig),
/// C2 += (T < T_orig); a statistic passes for good once C0 + C1 > 5 and C1 + C2 > 5 and is no
/// longer computed. It fails when, after all permutations, C0 + C1 ≤ 5 or C1 + C2 ≤ 5; that is
/// certain as soon as the permutations left cannot lift the smaller sum above 5.
///
/// Permutations are counted in index order (permutation j is fixed by (seed, j)), so the
/// counters do not depend on how blocks of permutations are spread over workers. The cheap
/// statistics run first; bzip2 runs only while the verdict is still open. Unless `full` is set,
/// the first certain failure stops every unfinished statistic.
struct PermutationTestRunner {
    static let permutationCount = 10_000

    let calculator: PermutationStatisticsCalculator
    let shuffle: PermutationShuffle
    let full: Bool
    let jobs: Int
    let engine: IIDOptions.CompressionEngine

    /// What the permutations are compared with: the statistics of the original data, and the
    /// compression engine check (whose libbz2 value is the original's compression statistic).
    struct Original: Sendable {
        var statistics: [Double]
        var compression: CompressionEngineCheck
    }

    private struct Counter {
        var greater = 0, equal = 0, less = 0, used = 0
        var status: PermutationStatisticResult.Status?
    }

    /// The cheap statistics of the original data (the compression statistic comes from the check).
    func originalStatistics() -> [Double] {
        calculator.permutable.withUnsafeBufferPointer { buffer in
            calculator.statistics(of: buffer, requested: Set(PermutationStatistic.cheap), workspace: calculator.makeWorkspace(engine: .libbz2))
        }
    }

    /// The compression engine check of the original data.
    func compressionCheck() -> CompressionEngineCheck { calculator.compressionCheck(requested: engine) }

    func run() -> PermutationTestsResult {
        run(original: Original(statistics: originalStatistics(), compression: compressionCheck()))
    }

    /// The permutation tests against `prepared`; `phaseEnded` (benchmarks) is called with a name
    /// as the cheap statistics and the compression statistic finish.
    func run(original prepared: Original, phaseEnded: ((String) -> Void)? = nil) -> PermutationTestsResult {
        var original = prepared.statistics
        original[PermutationStatistic.compression.index] = Double(prepared.compression.libbz2Original)
        let pool = WorkspacePool(calculator: calculator, engine: prepared.compression.used)
        var counters = [Counter](repeating: Counter(), count: PermutationStatistic.allCases.count)
        var decision: (statistic: PermutationStatistic, after: Int)?

        // Round sizes: never fewer permutations than some active statistic still needs to pass
        // (so a round rarely overshoots the end of a phase), growing geometrically up to
        // `maxRound` for the cheap statistics; bzip2 rounds stay at that minimum. Every round is
        // a whole number of permutations per worker.
        let workers = max(1, jobs)
        let phases: [(statistics: [PermutationStatistic], firstRound: Int, maxRound: Int)] = [
            (PermutationStatistic.cheap, 4 * workers, 16 * workers),
            ([.compression], workers, workers),
        ]
        for phase in phases where decision == nil {
            var next = 0
            var roundSize = phase.firstRound
            var active = phase.statistics
            while !active.isEmpty && next < Self.permutationCount && decision == nil {
                let needed = active.map { c -> Int in
                    let k = c.index
                    return max(6 - counters[k].greater - counters[k].equal, 6 - counters[k].equal - counters[k].less, 1)
                }.max() ?? 1
                let wanted = (max(needed, roundSize) + workers - 1) / workers * workers
                let size = min(wanted, Self.permutationCount - next)
                let values = evaluate(permutations: next..<(next + size), requested: Set(active), pool: pool)
                for (offset, row) in values.enumerated() {
                    let j = next + offset
                    let remaining = Self.permutationCount - (j + 1)
                    for s in active {
                        let k = s.index
                        let t = row[k], t0 = original[k]
                        if t > t0 { counters[k].greater += 1 } else if t == t0 { counters[k].equal += 1 } else { counters[k].less += 1 }
                        counters[k].used = j + 1
                        let high = counters[k].greater + counters[k].equal
                        let low = counters[k].equal + counters[k].less
                        if high > 5 && low > 5 {
                            counters[k].status = .passed
                        } else if counters[k].status == nil && (high + remaining <= 5 || low + remaining <= 5) {
                            counters[k].status = .failed
                            if decision == nil && !full { decision = (s, j + 1) }
                        }
                    }
                    // A certain failure keeps counting to the end in full mode.
                    active.removeAll { counters[$0.index].status == .passed || (counters[$0.index].status == .failed && !full) }
                    if decision != nil || active.isEmpty { break }
                }
                next += size
                roundSize = min(2 * roundSize, phase.maxRound)
            }
            phaseEnded?(phase.statistics.count == 1 ? "permutations: compression" : "permutations: other statistics")
        }
        if full, let failed = PermutationStatistic.allCases.first(where: { counters[$0.index].status == .failed }) {
            decision = (failed, counters[failed.index].used)
        }

        let statistics = PermutationStatistic.allCases.map { s in
            let c = counters[s.index]
            return PermutationStatisticResult(
                statistic: s, original: original[s.index], greater: c.greater, equal: c.equal, less: c.less,
                permutationsUsed: c.used, status: c.status ?? .notCompleted)
        }
        return PermutationTestsResult(
            seed: shuffle.seed, permutationCount: Self.permutationCount, full: full, statistics: statistics,
            passed: statistics.allSatisfy { $0.status == .passed },
            decidedBy: decision?.statistic, decidedAfterPermutations: decision?.after,
            notCompleted: statistics.filter { $0.status == .notCompleted }.map(\.statistic),
            compressionEngine: prepared.compression)
    }

    /// Statistic rows for a contiguous range of permutations, in index order, one permutation
    /// per task so the workers stay evenly loaded.
    private func evaluate(permutations range: Range<Int>, requested: Set<PermutationStatistic>, pool: WorkspacePool) -> [[Double]] {
        let calculator = self.calculator
        let shuffle = self.shuffle
        return Parallel.map(count: range.count, jobs: max(1, jobs)) { offset in
            pool.withWorkspace { workspace in
                calculator.statistics(ofPermutation: range.lowerBound + offset, shuffle: shuffle,
                                      requested: requested, workspace: workspace)
            }
        }
    }
}
