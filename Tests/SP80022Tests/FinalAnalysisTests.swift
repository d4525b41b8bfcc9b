import Foundation
import Testing
import RandomnessCore
@testable import SP80022

/// The second-level analysis against STS 2.1.2's finalAnalysisReport.txt, from the fixture
/// runs in Fixtures/sp800-22/sts-2.1.2-final-analysis (see its README for how they were made).
@Suite("SP 800-22 final analysis vs STS 2.1.2")
struct FinalAnalysisTests {
    struct Run: Sendable, CustomStringConvertible {
        let name: String
        let dataSet: String
        let streamCount: Int
        let streamLength: Int
        var description: String { name }
    }

    static let runs = [
        Run(name: "pi-10x100000", dataSet: "data.pi", streamCount: 10, streamLength: 100_000),
        Run(name: "e-100x10000", dataSet: "data.e", streamCount: 100, streamLength: 10_000),
        Run(name: "sha1-10x100000", dataSet: "data.sha1", streamCount: 10, streamLength: 100_000),
    ]

    /// Compares one analysed slot with STS's report row.
    static func compare(_ slot: SP80022SlotAnalysis, _ row: STSReportRow, _ context: String) {
        #expect(slot.histogram == row.histogram, "\(context): histogram")
        if let stsUniformity = row.uniformity {
            let mine = slot.uniformityPValue ?? .nan
            // STS prints %8.6f.
            #expect(abs(mine - stsUniformity) <= 5e-7 + 1e-12, "\(context): uniformity \(mine) vs \(stsUniformity)")
        } else {
            #expect(slot.uniformityPValue == nil, "\(context): STS prints ----")
        }
        #expect(slot.uniformityFailed == row.uniformityFlagged, "\(context): uniformity flag")
        if let pass = row.passCount, let size = row.sampleSize {
            #expect(slot.passCount == pass && slot.sampleSize == size, "\(context): proportion \(slot.passCount)/\(slot.sampleSize) vs \(pass)/\(size)")
        } else {
            #expect(slot.sampleSize == 0, "\(context): STS prints ------")
        }
        #expect(slot.proportionFailed == row.proportionFlagged, "\(context): proportion flag")
    }

    /// STS's own p-values (its results.txt files) through rngcert's final analysis give STS's
    /// report, row for row, for all fifteen tests. Universal is the exception: STS skipped it
    /// at these n and its report shows values read from an empty file; rngcert reports the
    /// test not applicable.
    @Test("STS p-values give STS's report", arguments: runs)
    func stsPValuesGiveSTSReport(run: Run) throws {
        let fixture = try STSFixtureRun(name: run.name, streamCount: run.streamCount, streamLength: run.streamLength)
        #expect(!fixture.report.isEmpty)
        var rowsChecked = 0
        for test in SP80022TestID.allCases {
            let analysis = try SP80022FinalAnalysis.analyze(test, outcomes: try fixture.outcomes(test))
            let rows = fixture.rows(test)
            if test == .universal {
                #expect(try fixture.results(test).isEmpty)
                #expect(rows.count == 1 && rows[0].histogram[0] == run.streamCount && rows[0].passCount == 0)
                #expect(analysis.slots.isEmpty && analysis.verdict == .notApplicable)
                #expect(analysis.notApplicableStreams == run.streamCount)
                continue
            }
            if analysis.slots.isEmpty {
                // Not applicable on every stream (the excursion tests at n = 10 000): STS
                // prints empty rows ("----", "------"), rngcert an analysis without slots.
                #expect(analysis.notApplicableStreams == run.streamCount && analysis.verdict == .notApplicable)
                #expect(!rows.isEmpty && rows.allSatisfy { $0.sampleSize == nil && $0.uniformity == nil && $0.histogram.allSatisfy { $0 == 0 } })
                rowsChecked += rows.count
                continue
            }
            #expect(analysis.slots.count == rows.count, "\(run) \(test.rawValue): slot count")
            for (slot, row) in zip(analysis.slots, rows) {
                Self.compare(slot, row, "\(run) \(test.rawValue)[\(slot.slot)]")
                rowsChecked += 1
            }
        }
        #expect(rowsChecked == fixture.report.count - 1)
    }

    /// The battery on the same input reproduces STS's per-stream p-values (within 1e-6 of the
    /// 6-decimal results.txt) and STS's report rows, for every registered test.
    @Test("battery reproduces STS's streams and report", .enabled(if: Paths.referenceAvailable, "needs ../shared/reference/sp800-22 (absent here)"),
          arguments: runs)
    func batteryReproducesSTS(run: Run) throws {
        let fixture = try STSFixtureRun(name: run.name, streamCount: run.streamCount, streamLength: run.streamLength)
        let bits = try ReferenceDataSet(name: run.dataSet).bits()
        var parameters = SP80022Parameters()
        parameters.streamLength = run.streamLength
        parameters.streamCount = run.streamCount
        // Every stream, as the streamed battery hands them out (the result keeps only some inline).
        var streams: [SP80022StreamResult] = []
        var battery = try SP80022StreamingBattery(parameters: parameters, jobs: 2) { streams.append($0) }
        for stream in bits.streams(count: run.streamCount, length: run.streamLength) { try battery.add(stream) }
        let result = try battery.finish(inputBits: bits.count)
        #expect(result == (try SP80022Battery.run(bits, parameters: parameters, jobs: 2)))
        #expect(streams.count == run.streamCount)
        for (t, test) in result.tests.enumerated() {
            let sts = try fixture.outcomes(test)
            for s in 0..<run.streamCount {
                let mine = streams[s].outcomes[t]
                if sts[s].notApplicable != nil {
                    #expect(mine.notApplicable != nil, "\(run) \(test.rawValue) stream \(s): STS skipped it")
                    continue
                }
                #expect(mine.pValues.count == sts[s].pValues.count, "\(run) \(test.rawValue) stream \(s)")
                for (k, (got, want)) in zip(mine.pValues, sts[s].pValues).enumerated() {
                    #expect(abs(got - want) <= 1e-6, "\(run) \(test.rawValue) stream \(s)[\(k)]: \(got) vs \(want)")
                }
            }
            let analysis = result.analysis[t]
            #expect(analysis.test == test)
            if test == .universal {
                #expect(analysis.verdict == .notApplicable)
                continue
            }
            let rows = fixture.rows(test)
            #expect(analysis.slots.count == rows.count)
            for (slot, row) in zip(analysis.slots, rows) {
                Self.compare(slot, row, "\(run) battery \(test.rawValue)[\(slot.slot)]")
            }
        }
    }

    /// STS re-reads p-values through printf("%f") and fscanf into a float: 0.0078125 is a
    /// tie that printf rounds to even (0.007812), and 0.0099999996 prints as 0.010000 whose
    /// float is just below 0.01, so STS counts it as a failure.
    @Test func stsRereadRoundsLikePrintfAndFloat() {
        #expect(SP80022FinalAnalysis.stsReread(0.0078125) == Double(Float(0.007812)))
        #expect(SP80022FinalAnalysis.stsReread(0.0099999996) == Double(Float(0.01)))
        #expect(SP80022FinalAnalysis.stsReread(0.0099999996) < 0.01)
        let slot = try? SP80022FinalAnalysis.analyzeSlot(.frequency, slot: 0, label: "", pValues: [0.0100000004, 0.5])
        #expect(slot?.passCount == 1)
        let corrected = try? SP80022FinalAnalysis.analyzeSlot(.frequency, slot: 0, label: "", pValues: [0.0100000004, 0.5], corrected: true)
        #expect(corrected?.passCount == 2)
    }

    /// STS's proportion bounds: ⌊(0.99 ± 3√(0.0099/m))·m⌋ — 8…10 for m = 10, 96…101 for
    /// m = 100, and for m = 1000 the upper bound 999 makes a perfect 1000/1000 a failure.
    @Test func proportionBoundsFollowSTS() throws {
        let ten = try SP80022FinalAnalysis.analyzeSlot(.frequency, slot: 0, label: "", pValues: Array(repeating: 0.5, count: 10))
        #expect(ten.minimumPassCount == 8 && ten.maximumPassCount == 10 && !ten.proportionFailed)
        let hundred = try SP80022FinalAnalysis.analyzeSlot(.frequency, slot: 0, label: "",
                                                           pValues: Array(repeating: 0.005, count: 5) + Array(repeating: 0.5, count: 95))
        #expect(hundred.minimumPassCount == 96 && hundred.maximumPassCount == 101)
        #expect(hundred.passCount == 95 && hundred.proportionFailed && hundred.flagged && hundred.verdict == .suspect)
        let thousand = try SP80022FinalAnalysis.analyzeSlot(.frequency, slot: 0, label: "",
                                                            pValues: (0..<1000).map { (Double($0) + 0.5) / 1000 }.map { max($0, 0.011) })
        #expect(thousand.maximumPassCount == 999 && thousand.passCount == 1000 && thousand.proportionFailed)
    }

    /// With one stream STS's bounds accept anything; the slot is marked when its p-value is below α.
    @Test func singleStreamVerdictUsesAlpha() throws {
        let failing = try SP80022FinalAnalysis.analyzeSlot(.frequency, slot: 0, label: "", pValues: [0.004])
        #expect(failing.minimumPassCount == 0 && !failing.proportionFailed && failing.flagged && failing.verdict == .suspect)
        #expect(failing.evidence == 0.004 && failing.flagProbability == 0.01)
        let passing = try SP80022FinalAnalysis.analyzeSlot(.frequency, slot: 0, label: "", pValues: [0.5])
        #expect(passing.verdict == .pass && passing.uniformityPValue == nil)
    }

    /// Random Excursions: only p-values above 0.000000 count (STS); with `corrected` a real
    /// zero p-value stays in the sample. Streams where a test was not applicable never count.
    @Test func excursionSampleRule() throws {
        let outcomes = [
            SP80022TestOutcome(test: .randomExcursions, pValues: [0.5, 0.0000004]),
            .notApplicable(.randomExcursions, reason: "J < 500"),
            SP80022TestOutcome(test: .randomExcursions, pValues: [0.7, 0.3]),
        ]
        let sts = try SP80022FinalAnalysis.analyze(.randomExcursions, outcomes: outcomes)
        #expect(sts.notApplicableStreams == 1 && sts.notApplicableReasons == ["J < 500"])
        #expect(sts.slots.map(\.sampleSize) == [2, 1])
        let corrected = try SP80022FinalAnalysis.analyze(.randomExcursions, outcomes: outcomes, corrected: true)
        #expect(corrected.slots.map(\.sampleSize) == [2, 2])
        #expect(corrected.slots[1].passCount == 1)
    }
}
