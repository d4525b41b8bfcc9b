import RandomnessCore

/// The SP 800-90B IID track (section 5 and the IID min-entropy of `ea_iid`): MCV min-entropy,
/// chi-square tests, LRS test and permutation tests.
///
/// Any failing test rejects IID, so once one has failed the verdict is certain. With
/// `Schedule.stopAtFirstRejection` the costly permutation tests (10,000 shuffles, most of the
/// track's time on data that is not IID) are skipped when chi-square or LRS has rejected;
/// `IIDOptions.full` overrides that and runs everything to its end.
public enum IIDAssessment {
    /// Whether the permutation tests run after chi-square or LRS has already rejected IID.
    public enum Schedule: Sendable {
        /// As `ea_iid`: every test runs (the permutation counters still stop at their own
        /// first certain failure unless `IIDOptions.full`). `rngcert entropy iid`.
        case reference
        /// No permutation tests once chi-square or LRS has rejected IID, unless
        /// `IIDOptions.full`. The `assess` suite.
        case stopAtFirstRejection
    }

    /// The reference's MIN_SIZE: the bitstring cap of `-t` (and the recommended sample count).
    public static let minimumRecommendedSamples = 1_000_000

    /// Runs the IID track on `samples` (values below `1 << samples.bitsPerSymbol`) with up to
    /// `jobs` workers; the result is identical for any `jobs`.
    public static func run(samples: SampleSequence, options: IIDOptions = IIDOptions(),
                           schedule: Schedule = .reference, jobs: Int = Parallel.defaultJobs) throws -> IIDResult {
        try run(samples: samples, options: options, schedule: schedule, jobs: jobs, phaseEnded: nil)
    }

    /// `run`, calling `phaseEnded` with a name as each phase ends (benchmarks).
    static func run(samples: SampleSequence, options: IIDOptions, schedule: Schedule = .reference, jobs: Int,
                    phaseEnded: ((String) -> Void)?) throws -> IIDResult {
        guard jobs >= 1 else { throw IIDError.invalidOption(name: "jobs", reason: "must be at least 1, got \(jobs)") }
        let data = try IIDSampleData(samples: samples.samples, bitsPerSymbol: samples.bitsPerSymbol)
        let runner = PermutationTestRunner(
            calculator: PermutationStatisticsCalculator(data: data),
            shuffle: PermutationShuffle(seed: options.seed), full: options.full, jobs: jobs,
            engine: options.compressionEngine)
        phaseEnded?("data preparation")
        // Independent parts first, side by side: libbz2 (and the size model) on the original
        // text, the LRS test, and the chi-square tests with the original's cheap statistics.
        let parts: [Prelude] = Parallel.map(count: 3, jobs: jobs) { part in
            switch part {
            case 0: return .compression(runner.compressionCheck())
            case 1: return .lrs(LongestRepeatedSubstringTest.run(data))
            default: return .chiSquare(Result { () throws(NumericsError) in try ChiSquareTests.run(data) }, runner.originalStatistics())
            }
        }
        guard case .compression(let check) = parts[0], case .lrs(let lrs) = parts[1],
              case .chiSquare(let chiSquareOutcome, let originalStatistics) = parts[2] else {
            preconditionFailure("prelude parts out of order")
        }
        let chiSquare = try chiSquareOutcome.get()
        phaseEnded?("chi-square, LRS, original statistics (both engines)")
        let rejectedEarly = IIDRejection.first(chiSquare: chiSquare, lrs: lrs, permutations: nil)
        var permutations: PermutationTestsResult?
        if rejectedEarly == nil || schedule == .reference || options.full {
            permutations = runner.run(original: .init(statistics: originalStatistics, compression: check), phaseEnded: phaseEnded)
        }
        let minEntropy = IIDMinEntropy(data, options: options)
        phaseEnded?("min-entropy")
        return IIDResult(
            options: options, sampleCount: data.count, bitsPerSymbol: data.bitsPerSymbol,
            alphabetSize: data.alphabetSize, binary: data.isBinary, mean: data.rawMean, median: data.median,
            minEntropy: minEntropy,
            chiSquare: chiSquare, longestRepeatedSubstring: lrs, permutationTests: permutations,
            rejectedBy: IIDRejection.first(chiSquare: chiSquare, lrs: lrs, permutations: permutations))
    }

    /// The min-entropy part alone (no tests).
    public static func minEntropy(samples: SampleSequence, options: IIDOptions = IIDOptions()) throws -> IIDMinEntropy {
        IIDMinEntropy(try IIDSampleData(samples: samples.samples, bitsPerSymbol: samples.bitsPerSymbol), options: options)
    }

    /// The parts computed before the permutations.
    private enum Prelude: Sendable {
        case compression(CompressionEngineCheck)
        case lrs(LongestRepeatedSubstringResult)
        case chiSquare(Result<ChiSquareResults, NumericsError>, [Double])
    }
}
