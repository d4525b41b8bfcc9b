import Foundation
import Testing
import RandomnessCore
@testable import SP80090B

/// The restart tests (SP 800-90B §3.1.4) against ea_restart's recorded outputs
/// (Fixtures/sp800-90b-restart/expected.json; commands and commit in its README.md).
struct RestartTestTests {
    typealias Fixture = RestartFixtureData

    static func matrix(for run: Fixture.ReferenceRun) throws -> RestartMatrix {
        try RestartMatrix(rowDataset: Fixture.rowDataset(for: run), bitsPerSymbol: run.bitsPerSymbol)
    }

    static var runsWithData: [Fixture.ReferenceRun] {
        Fixture.expected.runs.filter { !$0.shared_reference || Fixture.sharedReferenceAvailable }
    }

    @Test func generatedDatasetsAreTheFixtureFiles() {
        for (name, hash) in Fixture.hashes {
            #expect(Fixture.fnv1a64(Fixture.bytes(name)) == hash, "\(name) differs from generate.py's output")
        }
    }

    @Test func fixtureIsPresent() {
        #expect(Fixture.expected.runs.count >= 25, "\(Fixture.expected.source)")
    }

    /// X_R, X_C, the alphabet and the row and column MCV estimates equal ea_restart's on every
    /// recorded run (including runs stopped after the MCV lines, see README.md).
    @Test func countsAndMostCommonValuesMatchTheReference() throws {
        for run in Self.runsWithData where run.x_max != nil {
            let m = try Self.matrix(for: run)
            #expect(max(m.maxRowCount, m.maxColumnCount) == run.x_max, "\(run.name)")
            #expect(m.distinctSymbolCount == run.distinct_symbols, "\(run.name)")
            for (key, data) in [("row", m.rowDataset), ("column", m.columnDataset)] {
                guard let ref = run.mcv?[key] else { continue }
                let mcv = MostCommonValueEstimate(samples: data.samples, bitsPerSymbol: data.bitsPerSymbol)
                #expect(mcv.modeCount == ref.mode_count, "\(run.name) \(key)")
                #expect(abs(mcv.minEntropy - ref.min_entropy) < 1e-12, "\(run.name) \(key)")
            }
        }
    }

    /// The sanity-check decision agrees with ea_restart's wherever X_max is not within one of
    /// the reference's (randomly simulated) cutoff.
    @Test func sanityDecisionMatchesTheReference() throws {
        for run in Self.runsWithData where run.sanity_passed != nil {
            let m = try Self.matrix(for: run)
            let cutoff = try RestartSanityCutoff.compute(initialEntropy: run.h_i, method: .exact, jobs: 2)
            let check = RestartSanityCheck(matrix: m, cutoff: cutoff)
            let reference = try #require(run.x_cutoff)
            if abs(check.maxCount - reference) > 1 {
                #expect(check.passed == run.sanity_passed, "\(run.name): X_max \(check.maxCount), cutoff \(cutoff.cutoff)")
            }
        }
    }

    /// Complete IID runs (ea_restart -i): verdict, failure kind, H_r, H_c and the assessment.
    @Test func iidTrackMatchesTheReference() throws {
        let runs = Self.runsWithData.filter { $0.complete && $0.track == "iid" }
        #expect(runs.count >= 3)
        for run in runs {
            let result = try RestartTest.run(matrix: try Self.matrix(for: run), initialEntropy: run.h_i, track: .iid(), jobs: 2)
            try Self.compare(result, with: run)
        }
    }

    /// Complete non-IID runs (ea_restart -n) with the reference's own per-estimator values
    /// injected: this checks the plumbing (MCV here, the rest injected), H_r, H_c and the verdict.
    @Test func nonIIDTrackWithInjectedReferenceEstimatesMatchesTheReference() throws {
        let runs = Self.runsWithData.filter { $0.complete && $0.track == "non-iid" }
        #expect(runs.count >= 2)
        for run in runs {
            let m = try Self.matrix(for: run)
            let rows = m.rowDataset.samples, columns = m.columnDataset.samples
            let recorded = (run.estimates ?? []).filter { $0.estimator != "Most Common Value" }
            let estimator: @Sendable (SampleSequence) throws -> [RestartDatasetEstimate] = { data in
                let isRows = data.samples == rows
                #expect(isRows || data.samples == columns)
                return recorded.compactMap { e in
                    guard let h = isRows ? e.h_r : e.h_c, h >= 0 else { return nil }
                    return RestartDatasetEstimate(estimator: e.estimator, minEntropy: h)
                }
            }
            let result = try RestartTest.run(matrix: m, initialEntropy: run.h_i, track: .nonIID(estimators: estimator), jobs: 2)
            try Self.compare(result, with: run)
            if let mcv = run.estimates?.first(where: { $0.estimator == "Most Common Value" }), let rows = result.rows, let cols = result.columns {
                #expect(abs(rows.mostCommonValue.minEntropy - (mcv.h_r ?? .nan)) < 1e-12)
                #expect(abs(cols.mostCommonValue.minEntropy - (mcv.h_c ?? .nan)) < 1e-12)
            }
        }
    }

    /// Complete non-IID runs (ea_restart -n) with this package's estimators
    /// (`RestartTrack.nonIIDUsingEstimators`): every estimate ea_restart recorded on the row and
    /// the column dataset (by its test name), H_r, H_c and the verdict, within 1e-6.
    @Test func nonIIDTrackWithTheEstimatorsMatchesTheReference() throws {
        let runs = Self.runsWithData.filter { $0.complete && $0.track == "non-iid" }
        #expect(runs.count >= 4)
        for run in runs {
            let result = try RestartTest.run(matrix: try Self.matrix(for: run), initialEntropy: run.h_i,
                                             track: .nonIIDUsingEstimators(jobs: 2), jobs: 2)
            try Self.compare(result, with: run, tolerance: 1e-6)
            guard let rows = result.rows, let columns = result.columns else { continue }
            let recorded = try #require(run.estimates).filter { $0.estimator != "Most Common Value" }
            #expect(rows.estimates.map(\.estimator) == recorded.map(\.estimator), "\(run.name)")
            #expect(columns.estimates.map(\.estimator) == recorded.map(\.estimator), "\(run.name)")
            for (ours, reference) in zip(rows.estimates, recorded) {
                #expect(abs(ours.minEntropy - (reference.h_r ?? .nan)) <= 1e-6, "\(run.name) rows \(ours.estimator): \(ours.minEntropy) vs \(reference.h_r ?? .nan)")
            }
            for (ours, reference) in zip(columns.estimates, recorded) {
                #expect(abs(ours.minEntropy - (reference.h_c ?? .nan)) <= 1e-6, "\(run.name) columns \(ours.estimator): \(ours.minEntropy) vs \(reference.h_c ?? .nan)")
            }
        }
    }

    static func compare(_ result: RestartTestResult, with run: Fixture.ReferenceRun, tolerance: Double = 1e-12) throws {
        let passed = run.exit_code == 0
        #expect((result.verdict == .pass) == passed, "\(run.name)")
        #expect(result.sanityCheck.passed == run.sanity_passed, "\(run.name)")
        #expect(result.sanityCheck.maxCount == run.x_max, "\(run.name)")
        if run.sanity_passed == false {
            #expect(result.failure == .sanityCheck)
            #expect(result.rows == nil && result.assessedEntropy == nil)
            return
        }
        #expect(result.failure == (passed ? nil : .validation), "\(run.name)")
        // The JSON's Overall case holds H_r and H_c when the validation passed; otherwise they
        // are the minimum of bits_per_symbol and the recorded estimates.
        let hR = try run.h_r ?? #require(run.estimates).compactMap { $0.h_r }.filter { $0 >= 0 }.reduce(Double(run.bitsPerSymbol), min)
        let hC = try run.h_c ?? #require(run.estimates).compactMap { $0.h_c }.filter { $0 >= 0 }.reduce(Double(run.bitsPerSymbol), min)
        #expect(abs((result.rowEntropy ?? .nan) - hR) <= tolerance, "\(run.name) H_r")
        #expect(abs((result.columnEntropy ?? .nan) - hC) <= tolerance, "\(run.name) H_c")
        if passed {
            #expect(abs((result.assessedEntropy ?? .nan) - min(hR, hC, run.h_i)) <= tolerance)
        }
    }

    /// ea_restart stops on `assert(k_effective <= k)` when H_I implies more symbols than the data
    /// holds (ringOsc-nist.bin: 2 distinct values, H_I = 3); here that is a typed error.
    @Test(.enabled(if: RestartFixtureData.sharedReferenceAvailable, "needs ../shared/reference/sp800-90b"))
    func initialEntropyBeyondTheAlphabetIsRefusedLikeTheReference() throws {
        let run = try #require(Fixture.expected.runs.first { $0.assertion_failed == "k_effective <= k" })
        #expect(run.file == "ringOsc-nist.bin")
        let m = try Self.matrix(for: run)
        #expect(throws: RestartTestError.initialEntropyExceedsAlphabet(initialEntropy: 3, impliedSymbols: 8, distinctSymbols: 2)) {
            try RestartTest.run(matrix: m, initialEntropy: run.h_i, track: .iid())
        }
    }

    @Test func resultsAreIdenticalForAnyJobs() throws {
        let m = try RestartMatrix(rowDataset: Fixture.bytes("biased8"), bitsPerSymbol: 8)
        let one = try RestartTest.run(matrix: m, initialEntropy: 3.5, track: .iid(), jobs: 1)
        let two = try RestartTest.run(matrix: m, initialEntropy: 3.5, track: .iid(), jobs: 2)
        #expect(one == two)
        #expect(one.verdict == .pass)
        let data = try JSONEncoder().encode(one)
        #expect(try JSONDecoder().decode(RestartTestResult.self, from: data) == one)
    }

    /// The matrix's column dataset is the transpose: M[i][j] lands at j·r + i.
    @Test func columnDatasetIsTheTranspose() throws {
        let bytes = Fixture.bytes("counter8")
        let m = try RestartMatrix(rowDataset: bytes, bitsPerSymbol: 8)
        for (i, j) in [(0, 0), (0, 999), (999, 0), (123, 456), (999, 999)] {
            #expect(m.columnDataset.samples[j * 1000 + i] == bytes[i * 1000 + j])
        }
        // Each row counts up from its start, so a row holds every value 3 or 4 times.
        #expect(m.maxRowCount == 4)
    }

    @Test func injectedIIDTestsAreRecordedButDoNotDecide() throws {
        let m = try RestartMatrix(rowDataset: Fixture.bytes("counter8"), bitsPerSymbol: 8)
        let result = try RestartTest.run(matrix: m, initialEntropy: 7.5, track: .iid(iidTests: { data in
            [RestartDatasetCheck(test: "always fails", passed: false), RestartDatasetCheck(test: "size", passed: data.count == 1_000_000)]
        }))
        #expect(result.verdict == .pass)
        #expect(result.rows?.iidChecks == [RestartDatasetCheck(test: "always fails", passed: false), RestartDatasetCheck(test: "size", passed: true)])
        #expect(result.track == .iid)
    }

    @Test func badInputsAreTypedErrors() throws {
        #expect(throws: RestartTestError.wrongSampleCount(expected: 1_000_000, actual: 999_999)) {
            try RestartMatrix(rowDataset: [UInt8](repeating: 0, count: 999_999), bitsPerSymbol: 8)
        }
        #expect(throws: RestartTestError.bitsPerSymbolOutOfRange(9)) {
            try RestartMatrix(rowDataset: [UInt8](repeating: 0, count: 1_000_000), bitsPerSymbol: 9)
        }
        var bytes = Fixture.bytes("good1")
        bytes[777] = 2
        #expect(throws: RestartTestError.sampleOutOfRange(offset: 777, value: 2, bitsPerSymbol: 1)) {
            try RestartMatrix(rowDataset: bytes, bitsPerSymbol: 1)
        }
        let good = try RestartMatrix(rowDataset: Fixture.bytes("good8"), bitsPerSymbol: 8)
        for h in [-0.5, 8.01, .nan, .infinity] {
            #expect(throws: RestartTestError.self) { try RestartTest.run(matrix: good, initialEntropy: h, track: .iid()) }
        }
        let constant = try RestartMatrix(rowDataset: [UInt8](repeating: 5, count: 1_000_000), bitsPerSymbol: 4)
        #expect(throws: RestartTestError.singleSymbolAlphabet(value: 5)) {
            try RestartTest.run(matrix: constant, initialEntropy: 1, track: .iid())
        }
        let bad: @Sendable (SampleSequence) throws -> [RestartDatasetEstimate] = { _ in [RestartDatasetEstimate(estimator: "broken", minEntropy: -1)] }
        #expect(throws: RestartTestError.invalidEstimate(dataset: "row", estimator: "broken", value: -1)) {
            try RestartTest.run(matrix: good, initialEntropy: 7, track: .nonIID(estimators: bad), jobs: 1)
        }
    }
}
