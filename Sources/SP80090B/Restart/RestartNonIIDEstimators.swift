import RandomnessCore

extension RestartTrack {
    /// The non-IID track as `ea_restart -n` runs it (restart_main.cpp), with this package's
    /// estimators: on each of the row and column datasets, the samples translated to 0..<k as
    /// the reference translates them, and on those literal samples only (no bitstring, so no
    /// H_bitstring) the estimators of SP 800-90B 6.3.2–6.3.10 — collision, Markov and
    /// compression only for a two-symbol alphabet — under ea_restart's test names. The Most
    /// Common Value estimate is made by `RestartTest` itself. Estimators that cannot produce an
    /// estimate on a dataset are left out of the minimum (the reference's −1 returns).
    ///
    /// The estimators of one dataset run side by side on up to `jobs` workers; the estimates
    /// do not depend on `jobs`.
    public static func nonIIDUsingEstimators(jobs: Int = Parallel.defaultJobs) -> RestartTrack {
        .nonIID(estimators: { data in try RestartNonIIDEstimators.estimates(data, jobs: jobs) })
    }
}

/// The literal-sample estimates of ea_restart's non-IID battery on one dataset.
enum RestartNonIIDEstimators {
    /// ea_restart's test-case names, in its order, for the estimators it runs besides the MCV.
    static func referenceName(_ estimator: NonIIDEstimator) -> String {
        switch estimator {
        case .mostCommonValue: "Most Common Value"
        case .collision: "Collision Test (for bit strings only)"
        case .markov: "Markov Test (for bit strings only)"
        case .compression: "Compression Test (for bit strings only)"
        case .tTuple: "T-Tuple Test"
        case .longestRepeatedSubstring: "LRS Test"
        case .multiMCW: "Multi Most Common in Window Test"
        case .lag: "Lag Prediction Test"
        case .multiMMC: "Multi Markov Model with Counting Test (MultiMMC)"
        case .lz78y: "LZ78Y Test"
        }
    }

    static func estimates(_ data: SampleSequence, jobs: Int) throws -> [RestartDatasetEstimate] {
        let prepared = try NonIIDData(samples: data.samples, subset: nil, bitsPerSymbol: data.bitsPerSymbol)
        let input = prepared.isBinary
            ? EstimatorInput(bits: prepared.literalBits, bytes: prepared.symbols)
            : EstimatorInput(symbols: prepared.symbols, alphabetSize: prepared.alphabetSize)
        // The (cheap) MCV job runs too, to complete the record; RestartTest reports its own.
        let work = input.jobs.sorted { $0.cost(on: input) > $1.cost(on: input) }
        let pieces = Parallel.map(count: work.count, jobs: jobs) { work[$0].run(input) }
        let estimates = NonIIDEstimates(input: input, pieces: pieces)
        return estimates.minEntropies.filter { $0.estimator != .mostCommonValue }.map {
            RestartDatasetEstimate(estimator: referenceName($0.estimator), minEntropy: $0.minEntropy)
        }
    }
}
