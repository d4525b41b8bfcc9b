import Foundation
import RandomnessCore
import Testing
@testable import SP80090B

/// Health-test alarms judged against chance (`SP80090BHealthJudgement`): λ = α·(n + w), the
/// Poisson tail P(N ≥ A) against scipy, and the thresholds fail < 1e-6 ≤ suspect < 1e-3 ≤ pass.
struct SP80090BHealthJudgementTests {
    /// Agreement to 1e-12 relative (GSL's incomplete gamma against scipy's).
    static func close(_ x: Double, _ reference: Double) -> Bool {
        x == reference || abs(x - reference) <= 1e-12 * abs(reference)
    }

    /// 64 Mi samples in windows of 512 at α = 2^-20: λ = (67,108,864 + 131,072) / 2^20 = 64.125.
    static func judge64Mi(alarms: Int) throws -> SP80090BHealthJudgement {
        try SP80090BHealthJudgement(repetitionCountAlarms: alarms, adaptiveProportionAlarms: 0,
                                    samplesTested: 67_108_864, windowsTested: 131_072, falsePositiveProbability: 0x1p-20)
    }

    /// A large capture of a good source: 3 alarms where 64 are expected by chance pass.
    @Test func threeAlarmsIn64MiSamplesPass() throws {
        let j = try Self.judge64Mi(alarms: 3)
        #expect(j.expectedFalseAlarms == 64.125)
        #expect(j.opportunities == 67_108_864 + 131_072)
        // scipy 1.17.1: scipy.stats.poisson.sf(2, 64.125) = 1.0
        #expect(j.chanceProbability == 1.0)
        #expect(j.verdict == .pass)
        #expect(j.summary(samplesTested: 67_108_864) == "3 alarms in 67,108,864 samples where 64.1 are expected by chance (P = 1.00): pass")
    }

    /// The tail against scipy across pass, suspect and fail at λ = 64.125.
    @Test(arguments: [
        // scipy 1.17.1: scipy.stats.poisson.sf(A - 1, 64.125)
        (64, 0.5228430252465929, Verdict.pass),
        (65, 0.4730462006059965, .pass),
        (90, 0.0013154451562877774, .pass),
        (95, 0.0001851997995404721, .suspect),
        (100, 2.0407151434860284e-05, .suspect),
        (105, 1.776145965956365e-06, .suspect),
        (110, 1.2321135011714466e-07, .fail),
        (200, 6.696669810144876e-42, .fail),
    ])
    func tailAt64Mi(alarms: Int, reference: Double, verdict: Verdict) throws {
        let j = try Self.judge64Mi(alarms: alarms)
        #expect(Self.close(j.chanceProbability, reference), "P(N ≥ \(alarms)) = \(j.chanceProbability), scipy \(reference)")
        #expect(j.verdict == verdict)
    }

    /// A stuck or broken source alarms thousands of times: the tail underflows to 0 and fails.
    @Test func manyAlarmsFail() throws {
        // scipy 1.17.1: scipy.stats.poisson.sf(4999, 64.125) = 0.0
        let j = try Self.judge64Mi(alarms: 5000)
        #expect(j.chanceProbability == 0 && j.verdict == .fail)
        #expect(j.summary(samplesTested: 67_108_864).hasSuffix("(P = < 1e-300): fail"))
        let stuck = try SP80090BHealthJudgement(repetitionCountAlarms: 13_421_772, adaptiveProportionAlarms: 5_162_220,
                                                samplesTested: 67_108_864, windowsTested: 5_162_220, falsePositiveProbability: 0x1p-20)
        #expect(stuck.chanceProbability == 0 && stuck.verdict == .fail)
    }

    /// A short run (20,000 samples, 39 windows): λ = 20,039 / 2^20; one alarm is chance, two
    /// and three are suspect, four fail.
    @Test(arguments: [
        // scipy 1.17.1: scipy.stats.poisson.sf(A - 1, 20039 / 2**20)
        (0, 1.0, Verdict.pass),
        (1, 0.018929228313010114, .pass),
        (2, 0.00018029910441141092, .suspect),
        (3, 1.1467146890114642e-06, .suspect),
        (4, 5.473380911349047e-09, .fail),
    ])
    func shortRun(alarms: Int, reference: Double, verdict: Verdict) throws {
        let j = try SP80090BHealthJudgement(repetitionCountAlarms: alarms, adaptiveProportionAlarms: 0,
                                            samplesTested: 20_000, windowsTested: 39, falsePositiveProbability: 0x1p-20)
        #expect(j.expectedFalseAlarms == 20_039.0 / 1_048_576)
        #expect(Self.close(j.chanceProbability, reference), "P(N ≥ \(alarms)) = \(j.chanceProbability), scipy \(reference)")
        #expect(j.verdict == verdict)
    }

    /// The thresholds themselves, and no opportunities at all.
    @Test func thresholdsAndEdges() throws {
        #expect(SP80090BHealthJudgement.verdict(chanceProbability: 1e-6) == .suspect)
        #expect(SP80090BHealthJudgement.verdict(chanceProbability: 0.999e-6) == .fail)
        #expect(SP80090BHealthJudgement.verdict(chanceProbability: 1e-3) == .pass)
        #expect(SP80090BHealthJudgement.verdict(chanceProbability: 0.999e-3) == .suspect)
        let empty = try SP80090BHealthJudgement(repetitionCountAlarms: 0, adaptiveProportionAlarms: 0, samplesTested: 0,
                                                windowsTested: 0, falsePositiveProbability: 0x1p-20)
        #expect(empty.expectedFalseAlarms == 0 && empty.chanceProbability == 1 && empty.verdict == .pass)
    }

    /// The scan counts the APT's opportunities: windows ended at W samples or at an alarm,
    /// the same when the alarms are only counted (bulk) as when they are kept.
    @Test func scanCountsCompletedWindows() throws {
        let parameters = try HealthTestParameters(minEntropy: 4, bitsPerSymbol: 8)
        var generator = SplitMix64(seed: 0x90B_3001)
        let clean = (0..<(512 * 10 + 100)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let scan = try HealthTestScan(samples: SampleSequence(samples: clean, bitsPerSymbol: 8), parameters: parameters)
        #expect(scan.adaptiveProportionAlarms == 0 && scan.adaptiveProportionWindows == 10)
        // A stuck source: every window ends at its alarm after C samples.
        let stuck = [UInt8](repeating: 7, count: 100_000)
        let c = parameters.adaptiveProportionCutoff
        for limit in [nil, 0] as [Int?] {
            let s = try HealthTestScan(samples: SampleSequence(samples: stuck, bitsPerSymbol: 8), parameters: parameters, alarmLimit: limit)
            #expect(s.adaptiveProportionAlarms == 100_000 / c && s.adaptiveProportionWindows == 100_000 / c, "limit \(String(describing: limit))")
            let j = try SP80090BHealthJudgement(scan: s)
            #expect(j.opportunities == 100_000 + 100_000 / c && j.verdict == .fail)
        }
    }
}
