import Capture
import Foundation
@testable import Qualification
import RandomnessCore
import SP80090B
import Testing

/// The qualification steps on data made here: restarts that count up from a random start pass
/// the sanity check but fail the validation (SP 800-90B 3.1.4.2); too little data fails the
/// data step; the health-test cutoffs are the smallest whose false-positive rate is ≤ α.
@Suite struct QualificationAssessmentTests {
    static func config(bits: Int = 8, claim: Double = 7, iid: Bool = false) -> QualificationConfig {
        QualificationConfig(
            device: .init(vendor: "V", model: "M"), noise: .init(origin: .file("noise.bin"), samples: nil, bitsPerSample: bits),
            claim: .init(minEntropy: claim, iid: iid), restart: .init(origin: .file("restart.bin"), command: nil, commandTimeout: 600),
            conditioning: [], health: .init(alpha: 0x1p-20))
    }

    @Test func restartsCountingUpFromARandomStartFailTheValidation() throws {
        var source = try FaultySource(seed: 3)
        let noise = source.next(1_000_000)
        // Row i: s_i, s_i + 1, …, s_i + 999 (mod 256), s_i random: every column is uniform and
        // no value repeats more than 4 times in a row, so the sanity check passes; but each
        // sample predicts the next, so the non-IID predictors on the rows find no entropy.
        let starts = source.next(1000)
        var rows: [UInt8] = []
        for s in starts { for j in 0..<1000 { rows.append(UInt8(truncatingIfNeeded: Int(s) + j)) } }
        let result = try QualificationAssessment.run(config: Self.config(), data: QualificationData(noise: noise, restartRows: rows, conditioned: [:]), jobs: 2)
        let restart = try #require(result.restart)
        #expect(restart.sanityCheck.passed)
        #expect(restart.verdict == .fail && restart.failure == .validation)
        #expect((restart.rowEntropy ?? 8) < 7.0 / 2)
        #expect(result.entropyPerSample == nil)
        let decisions = Dictionary(uniqueKeysWithValues: result.steps.map { ($0.id, $0.decision) })
        #expect(decisions["data"] == .pass && decisions["initial-entropy"] == .pass)
        #expect(decisions["restart"] == .fail && decisions["claim"] == .fail && result.verdict == .fail)
        #expect(result.steps.first { $0.id == "restart" }?.reason.hasPrefix("Validation fails: min(H_r, H_c)") == true)
    }

    @Test func tooLittleDataFailsTheDataStepAndSaysHowMuchIsNeeded() {
        var config = Self.config()
        config.conditioning = [.init(name: "LFSR", vetted: false, inputBits: 16, outputBits: 8, narrowestWidth: 8, outputFile: "c.bin")]
        let data = QualificationData(noise: [UInt8](repeating: 1, count: 20_000), restartRows: [], conditioned: [0: .init(leadingBytes: [], byteCount: 500_000)])
        let step = QualificationAssessment.dataStep(config: config, data: data)
        #expect(step.decision == .fail)
        #expect(step.reason.contains("the raw noise holds 20,000 samples where at least 1,000,000 are required"))
        #expect(step.reason.contains("the conditioned dataset of LFSR holds 500,000 outputs of 8 bits where at least 1,000,000 are required"))
    }

    /// SP 800-90B 4.4: C is the smallest cutoff whose false-positive probability is ≤ α; one
    /// less would exceed α.
    @Test(arguments: [(1.0, 1), (0.5, 1), (3.5, 4), (7.0, 8), (8.0, 8)])
    func healthCutoffsAreTheSmallestWithinAlpha(_ h: Double, _ bits: Int) throws {
        let alpha = 0x1p-20
        let noise = SampleSequence(samples: [UInt8](repeating: 0, count: 16).enumerated().map { UInt8($0.offset % (1 << bits)) }, bitsPerSymbol: bits)
        let p = try HealthTestParameters(minEntropy: h, bitsPerSymbol: bits, falsePositiveProbability: alpha)
        let j = try HealthCutoffJustification(parameters: p, noise: noise)
        #expect(j.repetitionCountFalsePositive <= alpha)
        #expect(exp2(-h * Double(p.repetitionCountCutoff - 2)) > alpha)
        #expect(j.adaptiveProportionFalsePositive <= alpha)
        let oneLess = try SpecialFunctions.binomialSurvival(p.adaptiveProportionCutoff - 2, trials: p.adaptiveProportionWindow, probability: exp2(-h))
        #expect(oneLess > alpha)
    }
}
