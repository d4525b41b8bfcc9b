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
        #expect(result.assessedMinEntropy >= nonIID.assessedMinEntropy)
        #expect(result.verdict == .pass, "\(result.reasons)")
    }

    /// runs-8bit.bin is far from IID (its first 2000 samples keep the test quick: a rejection
    /// is certain only near the end of the 10,000 permutations): with --iid the suite fails,
    /// without it the IID track's rejection is only information.
    @Test func iidRejectionFailsOnlyAnIIDClaim() throws {
        let samples = Array(try Self.fixture("runs-8bit.bin").prefix(2000))
        let claimed = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(claimedIID: true), jobs: 2)
        #expect(claimed.iid?.isIID == false)
        #expect(claimed.verdict == .fail)
        #expect(claimed.assessedBy == .nonIID)
        #expect(claimed.reasons.contains { $0.hasPrefix("IID claimed but the IID track rejects it") })
        let unclaimed = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(), jobs: 2)
        #expect(unclaimed.iid?.isIID == false)
        #expect(unclaimed.verdict == .pass, "\(unclaimed.reasons)")
        #expect(unclaimed.assessedMinEntropy == claimed.assessedMinEntropy)
    }

    /// A stuck stretch planted in IID data: the Repetition Count Test alarms at the claimed
    /// entropy's cutoff (fail) and at the assessed one's (suspect), at the planted offset.
    @Test func healthTestAlarmsFailAClaimAndOtherwiseMakeTheSuiteSuspect() throws {
        var samples = Self.iidSamples(count: 20_000, bits: 8, seed: 0x5EED_90B2)
        let start = 12_345
        for k in start..<(start + 40) { samples[k] = 0xA5 }
        let claimed = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(runIIDTrack: false, claimedEntropy: 6), jobs: 2)
        let rct = try #require(claimed.healthTests).scan
        #expect(rct.parameters.repetitionCountCutoff == 1 + Int((20.0 / 6).rounded(.up)))
        #expect(rct.repetitionCountAlarms >= 1)
        let first = try #require(rct.alarms.first { $0.test == .repetitionCount })
        #expect(first.start == start && first.offset == start + rct.parameters.repetitionCountCutoff - 1 && first.value == 0xA5)
        #expect(claimed.verdict == .fail)
        let unclaimed = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(runIIDTrack: false), jobs: 2)
        #expect(try #require(unclaimed.healthTests).alarmCount >= 1)
        #expect(unclaimed.verdict == .suspect, "\(unclaimed.reasons)")
        #expect(unclaimed.reasons.last?.contains("alarm") == true)
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
