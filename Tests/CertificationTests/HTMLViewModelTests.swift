import AssessmentEngine
@testable import Certification
import ENT
import Foundation
import RandomnessCore
import SP80022
import SP80090B
import Testing

/// The page's view model: figures formatted as the reference programs print them, verdict
/// classes, the STS table layout for one and for several streams, the SP 800-90B panels.
@Suite("HTML view model")
struct HTMLViewModelTests {
    @Test("verdict badges: word, class and symbol")
    func badges() {
        let expected: [(Verdict, String, String, String)] = [
            (.pass, "PASS", "verdict-pass", "✓"), (.fail, "FAIL", "verdict-fail", "✗"),
            (.suspect, "SUSPECT", "verdict-suspect", "!"), (.notApplicable, "NOT APPLICABLE", "verdict-na", "–"),
        ]
        for (verdict, text, cssClass, symbol) in expected {
            let badge = VerdictBadge(verdict)
            #expect(badge.text == text && badge.cssClass == cssClass && badge.symbol == symbol && badge.value == verdict.rawValue)
        }
    }

    /// The value after `prefix` up to the first character not in a number, in `ent`'s output.
    func entFigure(_ output: String, after prefix: String) throws -> String {
        let range = try #require(output.range(of: prefix))
        return String(output[range.upperBound...].prefix { "0123456789.-".contains($0) })
    }

    @Test("ENT figures appear exactly as Debian's ent prints them (Fixtures/html/ent-*.txt)")
    func entFigures() throws {
        let report = try HTMLFixtures.eightStreams.get()
        let section = ENTSection(try #require(report.suites.ent))
        let rows = Dictionary(uniqueKeysWithValues: section.rows.map { ($0.label, $0) })
        for (file, mode) in [("html/ent-demo-input.txt", ENTMode.byte), ("html/ent-b-demo-input.txt", .bit)] {
            let output = try String(contentsOf: HTMLFixtures.fixture(file), encoding: .isoLatin1)  // ent prints Latin-1 characters
            func value(_ label: String) throws -> String {
                let row = try #require(rows[label])
                return mode == .byte ? row.byteValue : row.bitValue
            }
            #expect(try value("Entropy").hasPrefix(entFigure(output, after: "Entropy = ") + " bits per "))
            #expect(try value("Optimum compression") == entFigure(output, after: "file by ") + " %")
            #expect(try value("Chi-square").hasPrefix(entFigure(output, after: "samples is ") + " ("))
            #expect(try value("Chi-square exceeded") == entFigure(output, after: "would exceed this value ") + " % of the time")
            #expect(try value("Arithmetic mean").hasPrefix(entFigure(output, after: "value of data \(mode == .byte ? "bytes" : "bits") is ") + " (random: "))
            #expect(try value("Monte Carlo π") == entFigure(output, after: "Pi is ") + " (error " + entFigure(output, after: "(error ") + " %)")
            #expect(try value("Serial correlation") == entFigure(output, after: "coefficient is "))
            #expect(try value("Samples") == DisplayFormat.grouped(Int(entFigure(output, after: "of this "))!) + (mode == .byte ? " bytes" : " bits"))
            // ent -c's table: "  value  [char]  occurrences  fraction".
            let counts = output.split(separator: "\n").compactMap { line -> (Int, Int)? in
                let fields = line.split(separator: " ")
                guard fields.count >= 3, let v = Int(fields[0]), let n = Int(fields[fields.count - 2]) else { return nil }
                return (v, n)
            }
            #expect(counts.count == (mode == .byte ? 256 : 2))
            if mode == .bit {
                let total = Double(counts[0].1 + counts[1].1)
                #expect(section.bitCounts == "zeros \(DisplayFormat.grouped(counts[0].1)) (\(DisplayFormat.fixed(Double(counts[0].1) / total * 100, 4)) %), "
                        + "ones \(DisplayFormat.grouped(counts[1].1)) (\(DisplayFormat.fixed(Double(counts[1].1) / total * 100, 4)) %)")
            } else {
                let chart = try #require(section.byteFrequencyChart)
                for (v, n) in counts {
                    let hex = String(v, radix: 16)
                    #expect(chart.contains("<title>byte \(v) (0x\(hex.count == 1 ? "0" + hex : hex)): \(DisplayFormat.grouped(n))</title>"))
                }
            }
        }
        #expect(section.notApplicable.isEmpty)
    }

    @Test("ENT on an empty input: no chart, reasons shown")
    func entEmpty() {
        let section = ENTSection(ENTAccumulator().suiteResult())
        #expect(section.byteFrequencyChart == nil)
        #expect(section.verdict.cssClass == "verdict-na")
        #expect(section.notApplicable == ["byte mode: no input", "bit mode: no input"])
        #expect(section.rows.first { $0.label == "Chi-square p-value" }?.byteValue == "—")
    }

    @Test("SP 800-22 with eight streams: STS's final analysis table, proportion chart")
    func stsSeveralStreams() throws {
        let result = try #require(try HTMLFixtures.eightStreams.get().suites.sp80022)
        let section = SP80022Section(result)
        #expect(section.multiStream && !section.singleStream)
        #expect(section.proportionChart != nil && section.pValueChart == nil)
        #expect(section.tests.map(\.stsName) == result.analysis.map(\.test.rawValue))
        for (group, analysis) in zip(section.tests, result.analysis) {
            #expect(group.rows.count == analysis.slots.count)
            #expect(group.collapsed == (analysis.slots.count > 2))
            #expect(group.verdict == VerdictBadge(analysis.verdict))
            for (row, slot) in zip(group.rows, analysis.slots) {
                #expect(row.histogram == slot.histogram.map(String.init).joined(separator: " "))
                #expect(row.proportion == "\(slot.passCount)/\(slot.sampleSize)" + (slot.proportionFailed ? " *" : "") || slot.sampleSize == 0)
                #expect(row.passRange == "\(slot.minimumPassCount)–\(slot.maximumPassCount)" || slot.sampleSize == 0)
                #expect((row.uniformity == "—") == (slot.uniformityPValue == nil))
                #expect(row.verdict == VerdictBadge(slot.verdict))
            }
            if analysis.notApplicableStreams > 0 {
                #expect(group.notApplicable?.hasPrefix("Not applicable on \(analysis.notApplicableStreams) of 8 streams: ") == true)
            } else {
                #expect(group.notApplicable == nil)
            }
        }
        #expect(section.collapsedTests.map(\.stsName) == ["NonOverlappingTemplate", "RandomExcursions", "RandomExcursionsVariant"])
        // Eight p-values per slot are too few for STS's uniformity P-value.
        #expect(section.tests.flatMap(\.rows).allSatisfy { $0.uniformity == "—" })
        let slots = result.analysis.flatMap(\.slots)
        let counts = [Verdict.pass, .suspect, .fail].map { v in slots.filter { $0.verdict == v }.count }
        #expect(section.summary == "\(slots.count) p-value slots in 15 tests: \(counts[0]) pass, \(counts[1]) suspect, \(counts[2]) fail.")
        let pValueCount = result.streams.flatMap(\.outcomes).reduce(0) { $0 + $1.pValues.count }
        #expect(section.keyFigures.first { $0.label == "p-values" }?.value.hasPrefix(DisplayFormat.grouped(pValueCount)) == true)
        #expect(section.basis.first?.value.hasPrefix("\(result.verdictBasis.flaggedSlots) of \(result.verdictBasis.slotCount)") == true)
    }

    @Test("SP 800-22 with one stream: the p-values and the strip chart")
    func stsOneStream() throws {
        let result = try #require(try HTMLFixtures.oneStream.get().suites.sp80022)
        let section = SP80022Section(result)
        #expect(section.singleStream && !section.multiStream)
        #expect(section.pValueChart != nil && section.proportionChart == nil)
        let outcomes = try #require(result.streams.first).outcomes
        for (group, outcome) in zip(section.tests, outcomes) {
            #expect(group.stsName == outcome.test.rawValue)
            for (i, p) in outcome.pValues.enumerated() {
                #expect(group.rows[i].pValue == DisplayFormat.pValue(p) + (p < result.alpha ? " *" : ""))
                #expect(group.rows[i].pValueBelowAlpha == (p < result.alpha))
            }
        }
        #expect(section.rule.hasPrefix("One stream"))
    }

    @Test("a test that could run on no stream still has its row")
    func stsTestWithoutPValues() throws {
        // The demo input with every byte's top bit cleared: too biased for the Runs test's
        // prerequisite (|π − 1/2| < 2/√n), so Runs yields no p-value on the one stream.
        let bytes = Array(HTMLFixtures.demoInput.prefix(131_072)).map { $0 & 0x7F }
        var sts = SP80022Parameters()
        sts.streamCount = 1
        let outcome = try Assessment.suites(bytes: bytes, name: "biased", parameters: AssessmentParameters(suites: [.sp80022], sp80022: sts), jobs: 2)
        let result = try #require(outcome.results.sp80022)
        let runs = try #require(result.analysis.first { $0.test == .runs })
        #expect(runs.slots.isEmpty && runs.notApplicableStreams == 1)
        let group = try #require(SP80022Section(result).tests.first { $0.stsName == "Runs" })
        #expect(group.empty && !group.inline && !group.collapsed)
        #expect(group.verdict.cssClass == "verdict-na")
        #expect(group.notApplicable?.hasPrefix("Not applicable on 1 of 1 stream: ") == true)
    }

    @Test("SP 800-90B section from the suite: its H, reasons, claims and health-test basis")
    func sp80090bSection() throws {
        let suite = try #require(try HTMLFixtures.withSP80090B.get().suites.sp80090b)
        let section = SP80090BSection(suite)
        #expect(section.verdict == VerdictBadge(suite.verdict))
        let h = try #require(suite.assessedMinEntropy)
        #expect(section.finalEntropy == DisplayFormat.fixed(h, 6))
        #expect(section.finalEntropyScale == "bits per sample, of 8 (\(DisplayFormat.fixed(h / 8 * 100, 2)) %)")
        #expect(section.reasons == suite.reasons && section.hasReasons)
        #expect(section.nonIID != nil && section.iid != nil && section.health != nil && section.restart == nil)
        #expect(suite.healthTests?.basis == .claimedEntropy)
        #expect(section.healthBasis == "Cutoffs from the claimed min-entropy; alarms are judged against the false alarms chance gives a source that meets the claim.")
        let judgement = try #require(suite.healthTests?.judgement)
        #expect(section.health?.judgement == judgement.summary(samplesTested: try #require(suite.healthTests).scan.samplesTested))
        #expect(section.health?.verdict == VerdictBadge(judgement.verdict))
        let na = SP80090BSection(HTMLFixtures.notApplicableSP80090B)
        #expect(na.finalEntropy == nil && na.finalEntropyScale == nil)
        #expect(na.finalEntropyNote?.hasPrefix("No min-entropy assessed") == true)
        #expect(section.overview.first { $0.label == "Claims" }?.value == "min-entropy H = 7.000000; not claimed IID")
        #expect(section.overview.first { $0.label == "Samples" }?.value == "4,096")
    }

    @Test("non-IID panel shows ea_non_iid's estimates (Fixtures/sp800-90b/biased-8bit-small.res)")
    func nonIID() throws {
        let result = try HTMLFixtures.nonIID.get()
        let panel = NonIIDPanel(result)
        let reference = try String(contentsOf: HTMLFixtures.fixture("sp800-90b/biased-8bit-small.res"), encoding: .utf8)
        var seen = 0
        for line in reference.split(separator: "\n") {
            guard line.contains(" Estimate: min entropy = ") else { continue }
            let head = line.components(separatedBy: " Estimate: min entropy = ")
            let value = try #require(Double(head[1]))
            let literal = head[0].hasPrefix("Literal ")
            let name = String(head[0].dropFirst(literal ? 8 : 10))
            let row = try #require(panel.estimators.first { $0.name == name }, "no row for \(name)")
            let shown = try #require(Double(literal ? row.literal : row.bitstring))
            #expect(abs(shown - value) < 1.5e-6, "\(head[0])")
            seen += 1
        }
        #expect(seen == 16)
        #expect(panel.assessed == DisplayFormat.fixed(result.assessedMinEntropy, 6))
        #expect(abs(Double(panel.assessed)! - 3.2906054388283503) < 1.5e-6)  // "Assessed min entropy" in the .res file
        #expect(panel.hasLiteral && panel.hasBitstring)
        #expect(panel.warnings == result.warnings)
        // The lowest bitstring estimate is emphasised (compression, 0.411326, in the .res file).
        #expect(panel.estimators.filter(\.bitstringLowest).map(\.name) == ["Compression"])
    }

    @Test("IID panel: the tests, the 19 permutation statistics and the MCV estimate")
    func iid() throws {
        let result = try HTMLFixtures.iid.get()
        let panel = IIDPanel(result)
        #expect(panel.verdict == VerdictBadge(result.verdict))
        #expect(panel.permutations.count == 19)
        #expect(panel.permutations.map(\.statistic) == PermutationStatistic.allCases.map(\.rawValue))
        #expect(panel.tests.count == 3)
        #expect(panel.assessed == DisplayFormat.fixed(result.minEntropy.hAssessed, 6))
        #expect(panel.overview.contains { $0.value.hasPrefix("\(result.options.seed) (0x") })
        #expect(panel.conclusion.hasPrefix(result.isIID ? "The IID assumption stands" : "The IID assumption is rejected"))
        #expect(panel.permutationsRun)
    }

    @Test("IID panel: permutation tests not run after a chi-square rejection show no figures")
    func iidRejectedEarly() throws {
        let result = try HTMLFixtures.iidRejectedEarly.get()
        let panel = IIDPanel(result)
        #expect(!panel.permutationsRun && panel.permutations.isEmpty)
        #expect(panel.permutationNote == "Not run: IID already rejected by chi-square independence.")
        #expect(panel.conclusion.contains("decided by chi-square independence; permutation tests not run"), "\(panel.conclusion)")
        #expect(panel.verdict == VerdictBadge(.fail))
    }

    @Test("health panel lists a planted alarm at the offset the Repetition Count Test defines")
    func health() throws {
        // 100,000 samples cycling 0…255, with a run of 64 zeros planted at offset 50,000.
        let scan = try HTMLFixtures.health.get()
        let parameters = scan.parameters
        let panel = HealthPanel(scan)
        #expect(panel.hasAlarms && panel.verdict.cssClass == "verdict-fail")
        // §4.4.1: the alarm is raised when the run reaches C = 1 + ⌈20/H⌉ = 4 samples. Sample
        // 49,999 is 49,999 mod 256 = 79, so the run of zeros starts at 50,000.
        let c = parameters.repetitionCountCutoff
        #expect(c == 4)
        let first = try #require(panel.alarms.first { $0.test == "Repetition Count" })
        #expect(first.start == "50,000" && first.offset == DisplayFormat.grouped(50_000 + c - 1) && first.value == "0 (0x00)")
        #expect(panel.summary.contains("alarm"))
        #expect(panel.judgement == nil && panel.flagged)
        // Judged: 64 zeros at C = 4 raise at least 16 alarms where about 0.1 is expected by chance: fail.
        let judgement = try SP80090BHealthJudgement(scan: scan)
        let judged = HealthPanel(scan, judgement: judgement)
        #expect(judgement.verdict == .fail && judged.flagged && judged.verdict.cssClass == "verdict-fail")
        #expect(judged.judgement == judgement.summary(samplesTested: scan.samplesTested))
        #expect(judged.overview.contains { $0.label == "Expected false alarms λ" })
        let clean = HealthPanel(try HealthTestScan(samples: SampleSequence(samples: (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }, bitsPerSymbol: 8),
                                                   parameters: parameters))
        #expect(!clean.hasAlarms && clean.summary == "No alarm in 10,000 samples.")
    }

    @Test("restart panel: sanity check, H_r and H_c, the awarded entropy")
    func restart() throws {
        let result = try HTMLFixtures.restart.get()
        let panel = RestartPanel(result)
        #expect(panel.verdict == VerdictBadge(result.verdict))
        #expect(panel.datasets.map(\.dataset) == ["Rows (H_r)", "Columns (H_c)"])
        #expect(panel.datasets[0].minEntropy == DisplayFormat.fixed(try #require(result.rowEntropy), 6))
        #expect(panel.result == "min(H_r, H_c, H_I) = \(DisplayFormat.fixed(try #require(result.assessedEntropy), 6)) bits per sample")
        #expect(panel.failure == nil && panel.chart != nil)
    }

    @Test("verification commands carry this report's fingerprint, input and digests")
    func verification() throws {
        var report = try HTMLFixtures.eightStreams.get()
        report.input.path = "captures/run 1/o'neil.bin"
        let unsigned = VerificationSection(report: report, reportSHA256: "ab")
        #expect(!unsigned.signed && unsigned.fingerprint == nil)
        #expect(unsigned.steps.map(\.commands) == ["sha256sum report.json", "sha256sum 'captures/run 1/o'\\''neil.bin'"])
        #expect(unsigned.steps.map(\.expected) == ["ab", report.input.sha256])
        let signed = try HTMLFixtures.signer().stamped(report)
        let section = VerificationSection(report: signed, reportSHA256: "cd")
        let fingerprint = try #require(signed.signer?.fingerprint)
        #expect(section.signed && section.fingerprint == fingerprint)
        #expect(section.rngcertCommands.hasPrefix("rngcert verify report.json --fingerprint \(fingerprint)\n"))
        #expect(section.steps[0].expected == fingerprint)
        #expect(section.steps[1].commands == "openssl pkeyutl -verify -pubin -inkey signer.pub -rawin -in report.json -sigfile report.json.sig")
        var limited = report
        limited.command.parameters.byteLimit = 4096
        #expect(VerificationSection(report: limited, reportSHA256: "ef").steps[1].commands == "head -c 4096 'captures/run 1/o'\\''neil.bin' | sha256sum")
    }
}
