import Foundation
import Testing
import RandomnessCore
@testable import SP80090B

/// Checks of the IID building blocks against the examples of SP 800-90B and against
/// properties the design promises (reproducible, job-independent permutations).
@Suite("IID building blocks")
struct IIDUnitTests {
    @Test("Conversions I and II reproduce the SP 800-90B 5.1 example")
    func conversions() {
        // SP 800-90B 5.1: (1,0,0,0,1,1,1,0,1,1,0,1,1,0,1,1,0,0,1,1) → (4, 6, 2) and (142, 219, 48).
        let bits: [UInt8] = [1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 1]
        var ones = [UInt8](repeating: 0, count: 3), bytes = [UInt8](repeating: 0, count: 3)
        bits.withUnsafeBufferPointer { b in
            ones.withUnsafeMutableBufferPointer { o in
                bytes.withUnsafeMutableBufferPointer { y in BinaryConversions.convert(b, ones: o, bytes: y) }
            }
        }
        #expect(ones == [4, 6, 2])
        #expect(bytes == [142, 219, 48])
    }

    @Test("Compression text is the samples in decimal separated by single spaces")
    func compressionText() {
        // SP 800-90B 5.1.11: (144, 21, 139, 0, 0, 15) becomes "144 21 139 0 0 15".
        let values: [UInt8] = [144, 21, 139, 0, 0, 15]
        var buffer = [UInt8](repeating: 0, count: CompressionText.capacity(for: values.count) + 4)
        let length = values.withUnsafeBufferPointer { v in
            buffer.withUnsafeMutableBufferPointer { CompressionText.encode(v, translatingThrough: nil, into: $0) }
        }
        #expect(String(decoding: buffer[0..<length], as: UTF8.self) == "144 21 139 0 0 15")
    }

    @Test("xoshiro256** matches the published reference output")
    func xoshiro() {
        // First outputs of xoshiro256** from state {1, 2, 3, 4} (Vigna's reference C code).
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        #expect([g.next(), g.next(), g.next()] == [11520, 0, 1509978240])
    }

    @Test("Permutation j depends only on (seed, j) and is a permutation")
    func shuffleRegenerable() {
        let original = (0..<1000).map { UInt8($0 % 251) }
        let shuffle = PermutationShuffle(seed: 42)
        func permutation(_ j: Int) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: original.count)
            original.withUnsafeBufferPointer { o in
                out.withUnsafeMutableBufferPointer { shuffle.permute(o, into: $0, permutation: j) }
            }
            return out
        }
        let p7 = permutation(7)
        _ = permutation(3)
        #expect(permutation(7) == p7)
        #expect(p7 != permutation(8))
        #expect(p7.sorted() == original.sorted())
        #expect(p7 != original)
    }

    @Test("Permutation test results are identical for 1 and 3 jobs, and record the seed")
    func jobIndependence() throws {
        var state: UInt64 = 0x1234
        let samples = (0..<20_000).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 60)
        }
        let sequence = SampleSequence(samples: samples, bitsPerSymbol: 4)
        let a = try IIDAssessment.run(samples: sequence, options: IIDOptions(seed: 99), jobs: 1)
        let b = try IIDAssessment.run(samples: sequence, options: IIDOptions(seed: 99), jobs: 3)
        #expect(a == b)
        let permutations = try #require(a.permutationTests)
        #expect(permutations.seed == 99)
        #expect(permutations.statistics.count == 19)
        for s in permutations.statistics {
            #expect(s.permutationsUsed == s.greater + s.equal + s.less)
            if s.status == .passed { #expect(s.greater + s.equal > 5 && s.equal + s.less > 5) }
        }
        let encoded = try JSONEncoder().encode(a)
        #expect(try JSONDecoder().decode(IIDResult.self, from: encoded) == a)
    }

    @Test("Strongly dependent data fails early; full mode completes every counter")
    func earlyVerdict() throws {
        // A slowly drifting sawtooth: runs, periodicity and covariance statistics sit at the extremes.
        let samples = (0..<4000).map { UInt8(($0 / 7) % 16) }
        let sequence = SampleSequence(samples: samples, bitsPerSymbol: 4)
        let quick = try IIDAssessment.run(samples: sequence, jobs: 2)
        let quickPermutations = try #require(quick.permutationTests)
        #expect(!quickPermutations.passed)
        #expect(quickPermutations.decidedBy != nil)
        let decided = quickPermutations.decidedAfterPermutations!
        #expect(decided >= 9995 && decided <= 10_000)
        #expect(quickPermutations.statistics.first { $0.statistic == .compression }!.status == .notCompleted)
        let full = try IIDAssessment.run(samples: sequence, options: IIDOptions(full: true), jobs: 2)
        let fullPermutations = try #require(full.permutationTests)
        #expect(fullPermutations.notCompleted.isEmpty)
        #expect(!fullPermutations.passed)
        for s in fullPermutations.statistics where s.status == .failed {
            #expect(s.permutationsUsed == 10_000)
        }
    }

    @Test("Bad input is reported with typed errors")
    func errors() {
        #expect(throws: IIDError.singleSymbolAlphabet) {
            try IIDAssessment.run(samples: SampleSequence(samples: [UInt8](repeating: 3, count: 12), bitsPerSymbol: 2), jobs: 1)
        }
        #expect(throws: IIDError.sampleExceedsWidth(offset: 1, value: 4, bitsPerSymbol: 2)) {
            try IIDAssessment.run(samples: SampleSequence(samples: [1, 4, 0, 1, 2, 3, 0, 1, 2, 3], bitsPerSymbol: 2), jobs: 1)
        }
        // The permutation statistics split the samples into 10 parts: fewer cannot be tested.
        #expect(throws: IIDError.tooFewSamples(count: 9, minimum: 10)) {
            try IIDAssessment.run(samples: SampleSequence(samples: [1, 2, 0, 1, 2, 3, 0, 1, 2], bitsPerSymbol: 2), jobs: 1)
        }
    }
}
