import Foundation
import RandomnessCore
import Testing
@testable import SP80090B

/// The IID track stops at the first certain rejection (`IIDAssessment.Schedule
/// .stopAtFirstRejection`, the `assess` suite's): once chi-square or LRS has rejected IID no
/// permutation test runs, and the result says which rule decided; `full` and the reference
/// schedule (`entropy iid`) still run them.
struct IIDEarlyStopTests {
    /// 3-bit IID samples, each written twice: every non-overlapping pair (s[2j], s[2j+1]) lies
    /// on the diagonal, which the chi-square independence test (5.2.1) rejects outright.
    static func doubled(count: Int, seed: UInt64) -> SampleSequence {
        var generator = SplitMix64(seed: seed)
        let samples = (0..<(count / 2)).flatMap { _ -> [UInt8] in
            let s = UInt8(truncatingIfNeeded: generator.next() >> 61)
            return [s, s]
        }
        return SampleSequence(samples: samples, bitsPerSymbol: 3)
    }

    /// 4-bit IID samples (the suite tests' seed, which the IID track does not reject).
    static func iid(count: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next() >> 60) }
    }

    @Test func aChiSquareRejectionRunsNoPermutation() throws {
        let samples = Self.doubled(count: 4000, seed: 0x90B_E501)
        let result = try IIDAssessment.run(samples: samples, schedule: .stopAtFirstRejection, jobs: 2)
        #expect(!result.chiSquare.independence.passed)
        #expect(result.permutationTests == nil)
        #expect(result.rejectedBy == IIDRejection(test: .chiSquareIndependence))
        #expect(result.rejectedBy?.description == "chi-square independence")
        #expect(!result.isIID && result.verdict == .fail)
        // The shape survives JSON: no permutation figures, the deciding rule kept.
        let decoded = try JSONDecoder().decode(IIDResult.self, from: JSONEncoder().encode(result))
        #expect(decoded == result)
    }

    @Test func fullAndTheReferenceScheduleStillRunThePermutations() throws {
        let samples = Self.doubled(count: 4000, seed: 0x90B_E501)
        let full = try IIDAssessment.run(samples: samples, options: IIDOptions(full: true), schedule: .stopAtFirstRejection, jobs: 2)
        let permutations = try #require(full.permutationTests)
        #expect(permutations.full && permutations.notCompleted.isEmpty)
        #expect(full.rejectedBy?.test == .chiSquareIndependence)
        let reference = try IIDAssessment.run(samples: samples, jobs: 2)
        #expect(reference.permutationTests != nil)
        #expect(reference.rejectedBy?.test == .chiSquareIndependence)
    }

    /// A block of 200 samples repeated in IID data: the LRS test (5.2.5) rejects, chi-square
    /// does not, and the permutations are skipped.
    @Test func anLRSRejectionRunsNoPermutation() throws {
        var samples = Self.iid(count: 20_000, seed: 0x5EED_90B1)
        samples.replaceSubrange(10_000..<10_200, with: samples[0..<200])
        let result = try IIDAssessment.run(samples: SampleSequence(samples: samples, bitsPerSymbol: 4),
                                           schedule: .stopAtFirstRejection, jobs: 2)
        #expect(result.chiSquare.passed)
        #expect(!result.longestRepeatedSubstring.passed)
        #expect(result.permutationTests == nil)
        #expect(result.rejectedBy == IIDRejection(test: .longestRepeatedSubstring))
    }

    @Test func iidInputStillRunsThePermutationsAndPasses() throws {
        let samples = SampleSequence(samples: Self.iid(count: 20_000, seed: 0x5EED_90B1), bitsPerSymbol: 4)
        let result = try IIDAssessment.run(samples: samples, schedule: .stopAtFirstRejection, jobs: 2)
        let permutations = try #require(result.permutationTests)
        #expect(permutations.passed && permutations.statistics.count == 19)
        #expect(result.rejectedBy == nil && result.isIID)
    }

    /// In the suite: the reason names the rule and says the permutations did not run;
    /// `iidFull` runs them.
    @Test func theSuiteStopsEarlyUnlessFull() throws {
        let samples = Self.doubled(count: 4000, seed: 0x90B_E501).samples
        let early = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(nonIID: NonIIDOptions(bitsPerSymbol: 3)), jobs: 2)
        let iid = try #require(early.iid)
        #expect(iid.permutationTests == nil && iid.rejectedBy?.test == .chiSquareIndependence)
        #expect(early.reasons.contains { $0.hasPrefix("IID track rejects IID (chi-square independence") && $0.contains("; permutation tests not run)") },
                "\(early.reasons)")
        let full = try SP80090BSuite.run(samples: samples, parameters: SP80090BParameters(nonIID: NonIIDOptions(bitsPerSymbol: 3), iidFull: true), jobs: 2)
        #expect(full.iid?.permutationTests != nil)
    }
}
