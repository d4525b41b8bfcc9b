import RandomnessCore

/// The restart tests of SP 800-90B §3.1.4, as ea_restart runs them: the sanity check on the
/// restart matrix, then the validation of H_I on the row and column datasets.
public enum RestartTest {
    /// Runs the restart tests on `matrix` for the initial entropy estimate H_I.
    ///
    /// 1. Sanity check (§3.1.4.3): X_max = max(X_R, X_C) must not exceed the cutoff for H_I
    ///    (see `RestartCutoffMethod`; `.exact` by default). If it does, the test fails here.
    /// 2. Validation (§3.1.4.2): H_r and H_c are the minima of bits_per_symbol, the Most Common
    ///    Value estimate and, on the non-IID track, the injected estimates, on the row and the
    ///    column dataset. It fails if min(H_r, H_c) < H_I / 2; otherwise the assessed entropy
    ///    is min(H_r, H_c, H_I).
    ///
    /// Refuses, as ea_restart does, H_I outside [0, bits_per_symbol], a one-symbol alphabet and
    /// an H_I implying more equally likely symbols than the data holds. Errors thrown by the
    /// injected functions are passed on. The row and column datasets are assessed through
    /// `Parallel.map`; the result is the same for any `jobs`.
    public static func run(matrix: RestartMatrix, initialEntropy hI: Double, track: RestartTrack,
                           cutoffMethod: RestartCutoffMethod = .exact, jobs: Int = Parallel.defaultJobs) throws -> RestartTestResult {
        let bits = matrix.bitsPerSymbol
        guard hI.isFinite, hI >= 0, hI <= Double(bits) else {
            throw RestartTestError.initialEntropyOutOfRange(initialEntropy: hI, bitsPerSymbol: bits)
        }
        let distinct = matrix.distinctSymbolCount
        guard distinct > 1 else { throw RestartTestError.singleSymbolAlphabet(value: matrix.rowDataset.samples[0]) }
        let implied = WorstCaseSymbolDistribution(initialEntropy: hI).effectiveSymbols
        guard implied <= distinct else {
            throw RestartTestError.initialEntropyExceedsAlphabet(initialEntropy: hI, impliedSymbols: implied, distinctSymbols: distinct)
        }

        let cutoff = try RestartSanityCutoff.compute(initialEntropy: hI, method: cutoffMethod, jobs: jobs)
        let sanity = RestartSanityCheck(matrix: matrix, cutoff: cutoff)
        guard sanity.passed else {
            return RestartTestResult(track: track.kind, bitsPerSymbol: bits, distinctSymbols: distinct, initialEntropy: hI,
                                     sanityCheck: sanity, rows: nil, columns: nil, verdict: .fail, failure: .sanityCheck,
                                     assessedEntropy: nil)
        }

        let datasets = [("row", matrix.rowDataset), ("column", matrix.columnDataset)]
        let assessments = try Parallel.map(count: 2, jobs: jobs) { i in
            try assess(datasets[i].1, name: datasets[i].0, track: track)
        }
        let hR = assessments[0].minEntropy, hC = assessments[1].minEntropy
        let valid = min(hR, hC) >= hI / 2
        return RestartTestResult(track: track.kind, bitsPerSymbol: bits, distinctSymbols: distinct, initialEntropy: hI,
                                 sanityCheck: sanity, rows: assessments[0], columns: assessments[1],
                                 verdict: valid ? .pass : .fail, failure: valid ? nil : .validation,
                                 assessedEntropy: valid ? min(hR, hC, hI) : nil)
    }

    /// The §3.1.4.2 estimates on one dataset.
    static func assess(_ data: SampleSequence, name: String, track: RestartTrack) throws -> RestartDatasetAssessment {
        let mcv = MostCommonValueEstimate(samples: data.samples, bitsPerSymbol: data.bitsPerSymbol)
        var h = min(Double(data.bitsPerSymbol), mcv.minEntropy)
        var estimates: [RestartDatasetEstimate] = []
        var checks: [RestartDatasetCheck]?
        switch track {
        case let .iid(iidTests):
            checks = try iidTests?(data)
        case let .nonIID(estimators):
            estimates = try estimators(data)
            for e in estimates {
                guard e.minEntropy.isFinite, e.minEntropy >= 0 else {
                    throw RestartTestError.invalidEstimate(dataset: name, estimator: e.estimator, value: e.minEntropy)
                }
                h = min(h, e.minEntropy)
            }
        }
        return RestartDatasetAssessment(mostCommonValue: mcv, estimates: estimates, iidChecks: checks, minEntropy: h)
    }
}
