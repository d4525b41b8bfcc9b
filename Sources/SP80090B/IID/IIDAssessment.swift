import RandomnessCore

/// The SP 800-90B IID track (section 5 and the IID min-entropy of `ea_iid`): MCV min-entropy,
/// chi-square tests, LRS test and permutation tests.
public enum IIDAssessment {
    /// The reference's MIN_SIZE: the bitstring cap of `-t` (and the recommended sample count).
    public static let minimumRecommendedSamples = 1_000_000

    /// Runs the IID track on `samples` (values below `1 << samples.bitsPerSymbol`) with up to
    /// `jobs` workers; the result is identical for any `jobs`.
    public static func run(samples: SampleSequence, options: IIDOptions = IIDOptions(),
                           jobs: Int = Parallel.defaultJobs) throws -> IIDResult {
        guard jobs >= 1 else { throw IIDError.invalidOption(name: "jobs", reason: "must be at least 1, got \(jobs)") }
        let data = try IIDSampleData(samples: samples.samples, bitsPerSymbol: samples.bitsPerSymbol)
        let chiSquare = try ChiSquareTests.run(data)
        let lrs = LongestRepeatedSubstringTest.run(data)
        let permutations = PermutationTestRunner(
            calculator: PermutationStatisticsCalculator(data: data),
            shuffle: PermutationShuffle(seed: options.seed), full: options.full, jobs: jobs,
            engine: options.compressionEngine).run()
        return IIDResult(
            options: options, sampleCount: data.count, bitsPerSymbol: data.bitsPerSymbol,
            alphabetSize: data.alphabetSize, binary: data.isBinary, mean: data.rawMean, median: data.median,
            minEntropy: IIDMinEntropy(data, options: options),
            chiSquare: chiSquare, longestRepeatedSubstring: lrs, permutationTests: permutations)
    }

    /// The min-entropy part alone (no tests).
    public static func minEntropy(samples: SampleSequence, options: IIDOptions = IIDOptions()) throws -> IIDMinEntropy {
        IIDMinEntropy(try IIDSampleData(samples: samples.samples, bitsPerSymbol: samples.bitsPerSymbol), options: options)
    }
}
