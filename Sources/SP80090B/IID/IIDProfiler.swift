import Foundation
import RandomnessCore

/// Benchmark aid: the mean single-threaded cost of each permutation statistic on one
/// permutation of the given samples (the shuffle timed separately). Wall-clock figures; not
/// part of any result.
public enum IIDProfiler {
    public struct Cost: Sendable {
        public var name: String
        /// Mean seconds per permutation.
        public var seconds: Double
    }

    /// Times the shuffle and every statistic over `permutations` permutations (seeded as the
    /// IID track's). Statistics computed together in one pass (the three directional-run
    /// statistics, the two median-run ones, the two collision ones) are timed as a group.
    public static func statisticCosts(samples: SampleSequence, permutations: Int = 5,
                                      engine: IIDOptions.CompressionEngine = .sizeModel) throws -> [Cost] {
        let data = try IIDSampleData(samples: samples.samples, bitsPerSymbol: samples.bitsPerSymbol)
        let calculator = PermutationStatisticsCalculator(data: data)
        let shuffle = PermutationShuffle(seed: IIDOptions.defaultSeed)
        let workspace = calculator.makeWorkspace(engine: engine)
        let groups: [(String, Set<PermutationStatistic>)] = [
            ("excursion", [.excursion]),
            ("directional runs (3)", [.numDirectionalRuns, .lenDirectionalRuns, .numIncreasesDecreases]),
            ("runs based on the median (2)", [.numRunsMedian, .lenRunsMedian]),
            ("collisions (2)", [.avgCollision, .maxCollision]),
        ] + [PermutationStatistic.periodicity1, .periodicity2, .periodicity8, .periodicity16, .periodicity32,
             .covariance1, .covariance2, .covariance8, .covariance16, .covariance32, .compression].map { ($0.rawValue, [$0]) }
        var costs: [Cost] = []
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        var shuffleTime = Duration.zero
        var times = [Duration](repeating: .zero, count: groups.count)
        for j in 0..<permutations {
            shuffleTime += clock.measure { calculator.loadPermutation(j, shuffle: shuffle, into: workspace) }
            for (g, group) in groups.enumerated() {
                times[g] += clock.measure {
                    _ = calculator.statisticsOfLoaded(requested: group.1, workspace: workspace)
                }
            }
        }
        costs.append(Cost(name: "shuffle", seconds: seconds(shuffleTime) / Double(permutations)))
        for (g, group) in groups.enumerated() {
            costs.append(Cost(name: group.0, seconds: seconds(times[g]) / Double(permutations)))
        }
        return costs
    }

    /// Runs the IID track and returns its result with the wall-clock seconds of each phase
    /// (data preparation; chi-square, LRS and the original's statistics; the permutations of
    /// the cheap statistics; those of the compression statistic; the min-entropy).
    public static func phaseTimes(samples: SampleSequence, options: IIDOptions = IIDOptions(),
                                  jobs: Int = Parallel.defaultJobs) throws -> (result: IIDResult, phases: [Cost]) {
        let clock = ContinuousClock()
        var last = clock.now
        var phases: [Cost] = []
        let result = try IIDAssessment.run(samples: samples, options: options, jobs: jobs) { name in
            let now = clock.now
            let d = now - last
            phases.append(Cost(name: name, seconds: Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18))
            last = now
        }
        return (result, phases)
    }
}
