import Foundation
import RandomnessCore
import Testing
@testable import SP80090B

/// The SP 800-90B suite glue of `rngcert assess`: which track gives the assessed min-entropy,
/// the verdict policy (claims, IID, health-test alarms), the block selection, determinism and
/// finite JSON. The non-IID figures are checked against ea_non_iid's recorded output
/// (Fixtures/sp800-90b/*.res).
struct SP80090BSuiteTests {
    static let fixtures = NonIIDReferenceData.fixtures

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static func reference(_ name: String) throws -> NonIIDReferenceOutput {
        NonIIDReferenceOutput(text: try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8))
    }

    /// IID samples of `bits` bits from SplitMix64 (seeded; no reference needed: the tests
    /// below only use their being IID, which the IID track must not reject at this seed).
    static func iidSamples(count: Int, bits: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next() >> UInt64(64 - bits)) }
    }

    /// Without claims: the non-IID track's figures are ea_non_iid's, its assessment is the
    /// suite's, the IID track ran, the health tests use the assessed value, and the verdict is pass.
    @Test func defaultsAssessOnTheNonIIDTrackWithTheReferenceFigures() throws {
        let samples = try Self.fixture("biased-2bit.bin")
        let result = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(), jobs: 2)
        let nonIID = try #require(result.nonIID)
        expectNonIIDParity(nonIID, try Self.reference("biased-2bit.res"), name: "biased-2bit")
        #expect(result.bitsPerSymbol == 2 && result.bitsPerSymbolInferred)
        #expect(result.sampleCount == samples.count)
        #expect(result.assessedBy == .nonIID)
        #expect(result.assessedMinEntropy == nonIID.assessedMinEntropy)
        #expect(result.iid != nil)
        let health = try #require(result.healthTests)
        #expect(health.basis == .assessedEntropy)
        #expect(health.scan.parameters.minEntropy == result.assessedMinEntropy)
        #expect(health.scan.parameters.falsePositiveProbability == 0x1p-20)
        #expect(result.verdict == .pass, "\(result.reasons)")
        #expect(result.reasons.first?.contains("non-IID track") == true)
    }

    /// A claim above the assessment fails; one at or below it passes.
    @Test func claimedEntropyIsCheckedAgainstTheAssessment() throws {
        let samples = try Self.fixture("biased-2bit.bin")
        let assessed = try NonIIDAssessment.run(samples: samples, jobs: 2).assessedMinEntropy
        let above = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(runIIDTrack: false, claimedEntropy: assessed + 0.01), jobs: 2)
        #expect(above.verdict == .fail)
        #expect(above.reasons.contains { $0.hasPrefix("claimed entropy") && $0.contains("not met") })
        #expect(above.healthTests?.basis == .claimedEntropy)
        let below = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(runIIDTrack: false, claimedEntropy: assessed / 2), jobs: 2)
        #expect(below.verdict == .pass, "\(below.reasons)")
        #expect(below.healthTests?.scan.parameters.minEntropy == assessed / 2)
        #expect(below.iid == nil && below.reasons.contains("IID track not run"))
    }

    /// With --iid and IID not rejected, the IID track's MCV assessment (ea_iid's h_assessed) is
    /// the suite's.
    @Test func iidClaimTakesTheIIDTracksAssessment() throws {
        let samples = Self.iidSamples(count: 20_000, bits: 4, seed: 0x5EED_90B1)
        let parameters = SP80090BParameters(nonIID: NonIIDOptions(bitsPerSymbol: 4), claimedIID: true)
        let result = try SP80090BSuite.run(samples: samples, parameters: parameters, jobs: 2)
        let iid = try #require(result.iid)
        #expect(iid.isIID)
        #expect(result.assessedBy == .iid)
        #expect(result.assessedMinEntropy == iid.minEntropy.hAssessed)
        let nonIID = try #require(result.nonIID)
        #expect(try #require(result.assessedMinEntropy) >= nonIID.assessedMinEntropy)
        #expect(result.verdict == .pass, "\(result.reasons)")
    }

    /// runs-8bit.bin is far from IID (its first 2000 samples keep the test quick; chi-square
    /// and LRS reject it, so no permutation runs): with --iid the suite fails, without it the
    /// IID track's rejection is only information. Its assessed H (about 0.11 bits per 8-bit
    /// sample) is below the no-claim floor, so both runs claim 0.05 bits.
    @Test func iidRejectionFailsOnlyAnIIDClaim() throws {
        let samples = Array(try Self.fixture("runs-8bit.bin").prefix(2000))
        let claimed = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(claimedEntropy: 0.05, claimedIID: true), jobs: 2)
        #expect(claimed.iid?.isIID == false)
        #expect(claimed.verdict == .fail)
        #expect(claimed.assessedBy == .nonIID)
        #expect(claimed.reasons.contains { $0.hasPrefix("IID claimed but the IID track rejects it") })
        let unclaimed = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(claimedEntropy: 0.05), jobs: 2)
        #expect(unclaimed.iid?.isIID == false)
        #expect(unclaimed.verdict == .pass, "\(unclaimed.reasons)")
        #expect(unclaimed.assessedMinEntropy == claimed.assessedMinEntropy)
    }

    /// Health-test alarms are judged against chance. A stuck stretch of 40 samples planted in
    /// 20,000 IID ones raises several alarms at the claimed entropy's cutoffs where λ =
    /// α·(20,000 + 39) ≈ 0.019 are expected: fail, with the first alarm at the planted offset.
    /// Without a claim the stretch drags the assessed H itself below the no-claim floor (the
    /// LRS estimate sees the run), which fails the suite.
    @Test func aStuckStretchFails() throws {
        var samples = Self.iidSamples(count: 20_000, bits: 8, seed: 0x5EED_90B2)
        let start = 12_345
        for k in start..<(start + 40) { samples[k] = 0xA5 }
        let claimed = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(runIIDTrack: false, claimedEntropy: 6), jobs: 2)
        let check = try #require(claimed.healthTests)
        let rct = check.scan
        #expect(rct.parameters.repetitionCountCutoff == 1 + Int((20.0 / 6).rounded(.up)))
        #expect(rct.repetitionCountAlarms >= 4)
        let first = try #require(rct.alarms.first { $0.test == .repetitionCount })
        #expect(first.start == start && first.offset == start + rct.parameters.repetitionCountCutoff - 1 && first.value == 0xA5)
        #expect(check.judgement.expectedFalseAlarms == 0x1p-20 * Double(20_000 + rct.adaptiveProportionWindows))
        #expect(check.judgement.verdict == .fail && claimed.verdict == .fail)
        #expect(claimed.reasons.last?.contains("are expected by chance") == true && claimed.reasons.last?.contains("): fail") == true,
                "\(claimed.reasons)")
        let unclaimed = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(runIIDTrack: false), jobs: 2)
        #expect(unclaimed.verdict == .fail, "\(unclaimed.reasons)")
        #expect(unclaimed.reasons.contains { $0.contains("below the no-claim floor") }, "\(unclaimed.reasons)")
    }

    /// A single alarm in a short run is what chance gives a good source about once in 50 runs
    /// (P(N ≥ 1) = 1 − e^−λ ≈ 0.019): it passes (before the judgement it failed a claim, and
    /// made an unclaimed suite suspect). The alarm is an Adaptive Proportion one: the window's
    /// first value placed C − 1 more times, spread over one window (a planted run would lower
    /// the assessment itself).
    @Test func aSingleAlarmIsChance() throws {
        var samples = Self.iidSamples(count: 20_000, bits: 8, seed: 0x5EED_90B2)
        let parameters = try HealthTestParameters(minEntropy: 3, bitsPerSymbol: 8)
        let c = parameters.adaptiveProportionCutoff, w = parameters.adaptiveProportionWindow
        let window = 20 * w
        let spacing = (w - 1) / (c - 1)
        for i in 1..<c { samples[window + i * spacing] = samples[window] }
        let claimed = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(runIIDTrack: false, claimedEntropy: 3), jobs: 2)
        let check = try #require(claimed.healthTests)
        #expect(check.scan.parameters == parameters)
        #expect(check.scan.adaptiveProportionAlarms == 1 && check.alarmCount == 1)
        // scipy 1.17.1: scipy.stats.poisson.sf(0, 20039 / 2**20) = 0.018929228313010114
        #expect(check.scan.adaptiveProportionWindows == 39)
        #expect(abs(check.judgement.chanceProbability - 0.018929228313010114) < 1e-12)
        #expect(check.judgement.verdict == .pass)
        #expect(claimed.verdict == .pass, "\(claimed.reasons)")
        #expect(claimed.reasons.last?.contains("1 alarm in 20,000 samples where 0.019 are expected by chance (P = 0.02): pass") == true,
                "\(claimed.reasons)")
    }

    /// Without a claim a near-zero min-entropy never passes: below 1/8 bit per bit of sample
    /// width the suite fails, with the floor in the reason; a claim decides instead.
    @Test func nearZeroEntropyWithoutAClaimFails() throws {
        // 8-bit samples, 99.5 % zeros: H ≈ −log2(0.995) ≈ 0.007 (and less at the upper bound).
        var generator = SplitMix64(seed: 0x90B_F100)
        let samples = (0..<20_000).map { _ -> UInt8 in
            let r = generator.next()
            return r % 200 == 0 ? UInt8(truncatingIfNeeded: r >> 56) | 1 : 0
        }
        let bits = SP80090BParameters(nonIID: NonIIDOptions(bitsPerSymbol: 8), runIIDTrack: false)
        let unclaimed = try SP80090BSuite.run(samples: samples, parameters: bits, jobs: 2)
        let h = try #require(unclaimed.assessedMinEntropy)
        #expect(h > 0 && h < 0.1)
        #expect(unclaimed.verdict == .fail, "\(unclaimed.reasons)")
        #expect(unclaimed.reasons.contains {
            $0.hasPrefix("assessed H = \(SP80090BSuite.fixed(h)) below the no-claim floor 1.000000")
                && $0.hasSuffix("give --claimed-entropy to judge against a claim")
        }, "\(unclaimed.reasons)")
        var claim = bits
        claim.claimedEntropy = h / 2
        let claimed = try SP80090BSuite.run(samples: samples, parameters: claim, jobs: 2)
        #expect(claimed.verdict == .pass, "\(claimed.reasons)")
        #expect(!claimed.reasons.contains { $0.contains("no-claim floor") })
        // The floor scales with the width: 1/8 bit per bit.
        #expect(SP80090BEntropyFloor(bitsPerSymbol: 1).floor == 0.125 && SP80090BEntropyFloor(bitsPerSymbol: 8).floor == 1)
        #expect(SP80090BEntropyFloor(bitsPerSymbol: 2).fails(assessed: 0.2499) && !SP80090BEntropyFloor(bitsPerSymbol: 2).fails(assessed: 0.25))
    }

    /// Samples beyond the estimators' limit: not applicable, and no H at all (nothing was
    /// estimated), no health tests.
    @Test func notApplicableHasNoMinEntropy() throws {
        let tooLarge = NonIIDError.inputTooLarge(samples: 300_000_000, bitsPerSymbol: 8)
        let result = try #require(SP80090BSuite.unassessed(tooLarge, parameters: SP80090BParameters(), declared: 8))
        #expect(result.verdict == .notApplicable)
        #expect(result.assessedMinEntropy == nil)
        #expect(result.healthTests == nil && result.nonIID == nil && result.iid == nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(result), as: UTF8.self)
        #expect(!json.contains("assessedMinEntropy"))
        #expect(try JSONDecoder().decode(SP80090BSuiteResult.self, from: Data(json.utf8)) == result)
    }

    /// Fewer than 10 samples, of any width, one symbol or many, with or without claims: not
    /// applicable with no H and finite JSON (the IID chi-square goodness-of-fit test's ten
    /// sub-sequences are empty there; the reference prints T = nan). 10 samples run.
    @Test(arguments: [1, 2, 4, 8])
    func fewerThanTenSamplesAreNotApplicable(bits: Int) throws {
        let encoder = JSONEncoder()
        for count in 1..<SP80090BSuite.minimumSamples {
            for samples in [Self.iidSamples(count: count, bits: bits, seed: UInt64(count)), [UInt8](repeating: 1, count: count)] {
                for parameters in [SP80090BParameters(), SP80090BParameters(claimedEntropy: 0.5, claimedIID: true)] {
                    let result = try SP80090BSuite.run(samples: samples, parameters: parameters, jobs: 1)
                    #expect(result.verdict == .notApplicable, "\(count) samples of \(bits) bits")
                    #expect(result.assessedMinEntropy == nil && result.healthTests == nil)
                    #expect(result.reasons.joined().contains("at least 10"))
                    _ = try encoder.encode(result)
                }
            }
        }
        let ten = try SP80090BSuite.run(samples: Self.iidSamples(count: 10, bits: bits, seed: 10), parameters: SP80090BParameters(), jobs: 1)
        #expect(ten.verdict != .notApplicable && ten.iid != nil && ten.nonIID != nil)
        #expect(ten.iid?.chiSquare.goodnessOfFit.statistic.isFinite == true)
        _ = try encoder.encode(ten)
        #expect(throws: IIDError.tooFewSamples(count: 9, minimum: 10)) {
            try IIDAssessment.run(samples: SampleSequence(samples: Self.iidSamples(count: 9, bits: bits, seed: 9), bitsPerSymbol: bits))
        }
    }

    /// One symbol: no entropy awarded, the suite fails without running the tracks.
    @Test func aSingleSymbolFails() throws {
        let result = try SP80090BSuite.run(samples: [UInt8](repeating: 3, count: 5000), parameters: SP80090BParameters(), jobs: 1)
        #expect(result.verdict == .fail)
        #expect(result.assessedMinEntropy == 0)
        #expect(result.nonIID == nil && result.iid == nil && result.healthTests == nil)
        #expect(result.bitsPerSymbol == 2)
    }

    /// The block of `subset` is what both tracks and the health tests read, as ea_non_iid -l.
    @Test func subsetSelectsTheBlockLikeTheReference() throws {
        let samples = try Self.fixture("mixed-width-blocks.bin")
        let parameters = SP80090BParameters(nonIID: NonIIDOptions(subset: .init(index: 1, samples: 4000)), runIIDTrack: false)
        let result = try SP80090BSuite.run(samples: samples, parameters: parameters, jobs: 2)
        expectNonIIDParity(try #require(result.nonIID), try Self.reference("mixed-width-blocks-l1.res"), name: "mixed-width-blocks -l 1,4000")
        #expect(result.sampleCount == 4000)
        #expect(result.healthTests?.scan.samplesTested == 4000)
        #expect(throws: NonIIDError.self) {
            try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(nonIID: NonIIDOptions(subset: .init(index: 9, samples: 4000))), jobs: 1)
        }
    }

    @Test func badParametersNameTheParameter() throws {
        let samples = try Self.fixture("biased-2bit.bin")
        #expect(throws: SP80090BSuiteError.claimedEntropyExceedsWidth(claimedEntropy: 3, bitsPerSymbol: 2)) {
            try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(claimedEntropy: 3), jobs: 1)
        }
        let noTrack = SP80090BParameters(runIIDTrack: false, claimedIID: true)
        #expect(throws: SP80090BSuiteError.self) { try noTrack.validate() }
        for alpha in [0.0, 1.0, -1, .nan] {
            #expect(throws: SP80090BSuiteError.self) { try SP80090BParameters(healthTestFalsePositiveProbability: alpha).validate() }
        }
        var inconsistent = SP80090BParameters(nonIID: NonIIDOptions(estimate: .conditioned))
        #expect(throws: Never.self) { try inconsistent.validate() }
        inconsistent.iid?.estimate = .initial
        #expect(throws: SP80090BSuiteError.self) { try inconsistent.validate() }
    }

    /// The same result for any number of jobs, and every number finite (the JSON encoder
    /// refuses NaN and infinities), on data that fails IID and passes it.
    @Test func resultsAreIdenticalForAnyJobsAndEncodeAsJSON() throws {
        let cases: [([UInt8], SP80090BParameters)] = [
            (Array(try Self.fixture("runs-8bit.bin").prefix(2000)), SP80090BParameters()),
            (Self.iidSamples(count: 20_000, bits: 3, seed: 0x5EED_90B3), SP80090BParameters(claimedEntropy: 2, claimedIID: true)),
        ]
        for (samples, parameters) in cases {
            let one = try SP80090BSuite.run(samples: samples, parameters: parameters, jobs: 1)
            let two = try SP80090BSuite.run(samples: samples, parameters: parameters, jobs: 2)
            #expect(one == two)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(one)
            #expect(try JSONDecoder().decode(SP80090BSuiteResult.self, from: data) == one)
        }
    }
}
