import ENT
import Foundation
import Testing
@testable import AssessmentEngine
import RandomnessCore
import SP80022
import SP80090B

/// The one-pass engine (`AssessmentPass`): fed in chunks of any size it gives exactly what the
/// suites give on the whole input in memory; the SP 800-22 table, inline streams and p-value
/// summary; the SP 800-90B window with the health tests over every sample.
@Suite struct StreamingAssessmentTests {
    static func seeded(_ count: Int, seed: UInt64) -> [UInt8] {
        var g = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: g.next()) }
    }

    /// Runs the pass over `bytes` in chunks of `chunk` bytes.
    static func streamed(_ bytes: [UInt8], _ parameters: AssessmentParameters, chunk: Int, jobs: Int,
                         table: ((SP80022StreamResult) throws -> Void)? = nil) throws -> SuiteOutcome {
        var pass = try AssessmentPass(parameters: parameters, name: "in", jobs: jobs, totalBytes: bytes.count,
                                      streamTable: table, onProgress: nil)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            try bytes[start..<end].withUnsafeBufferPointer { try pass.add($0) }
            start = end
        }
        return try pass.finish()
    }

    static func sts(length: Int, count: Int? = nil) -> SP80022Parameters {
        var p = SP80022Parameters()
        p.streamLength = length
        p.streamCount = count
        p.tests = [.frequency, .blockFrequency, .cumulativeSums, .runs, .longestRun, .approximateEntropy, .serial]
        p.serialBlockLength = 4
        p.approximateEntropyBlockLength = 3
        return p
    }

    /// SP 800-22 and ENT through the pass, in odd chunks, with 1 or 2 jobs, against the battery
    /// run on the whole decoded input and ENT on its packed bits: identical results.
    @Test(arguments: [(1, 1), (999, 2), (4096, 1), (1 << 20, 2)])
    func streamedEqualsInMemory(chunk: Int, jobs: Int) throws {
        let bytes = Self.seeded(20_011, seed: 5)
        for decoding in [DecodingOptions(), DecodingOptions(bitOrder: .lsb), DecodingOptions(format: .samples, bitsPerSymbol: 8)] {
            let parameters = AssessmentParameters(suites: [.ent, .sp80022], decoding: decoding, sp80022: Self.sts(length: 10_007))
            let outcome = try Self.streamed(bytes, parameters, chunk: chunk, jobs: jobs)
            let bits = try InputDecoder.bits(from: bytes, options: decoding, name: "in")
            let battery = try SP80022Battery.run(bits, parameters: parameters.sp80022!, jobs: 2)
            #expect(outcome.results.sp80022 == battery)
            #expect(outcome.results.sp80022?.streamCount == bits.count / 10_007)
            var ent = ENTAccumulatorReference()
            ent.add(bits.packedBytes)
            #expect(outcome.results.ent == ent.result)
        }
    }

    /// Inputs whose bit stream does not end on a byte (ascii01, 5-bit samples): ENT reads the
    /// whole bytes only and records the trailing bits as uncounted (no zero padding counted as
    /// data), SP 800-22 every whole stream, SP 800-90B every whole sample — as the in-memory
    /// decoders give them.
    @Test(arguments: [7, 1000, 1 << 20])
    func bitStreamsThatEndMidByte(chunk: Int) throws {
        let random = Self.seeded(24_001, seed: 8)
        let ascii = random.prefix(24_001).map { $0 & 1 == 0 ? UInt8(ascii: "0") : UInt8(ascii: "1") }
        let samples = random.prefix(4_001).map { $0 & 0x1F }
        for (input, decoding) in [(ascii, DecodingOptions(format: .ascii01)), (samples, DecodingOptions(format: .samples, bitsPerSymbol: 5))] {
            let parameters = AssessmentParameters(suites: [.ent, .sp80022, .sp80090b], decoding: decoding, sp80022: Self.sts(length: 1_003),
                                                  sp80090b: SP80090BParameters(runIIDTrack: false))
            let outcome = try Self.streamed(input, parameters, chunk: chunk, jobs: 2)
            let bits = try InputDecoder.bits(from: input, options: decoding, name: "in")
            #expect(bits.count % 8 != 0)
            var ent = ENTAccumulatorReference()
            ent.add(Array(bits.packedBytes.dropLast()))
            var expected = ent.result
            expected.uncountedTrailingBits = bits.count % 8
            #expect(outcome.results.ent == expected, "\(decoding)")
            #expect(outcome.results.ent?.byteMode.sampleCount == bits.count / 8)
            #expect(outcome.results.sp80022 == (try SP80022Battery.run(bits, parameters: parameters.sp80022!, jobs: 1)))
            let decoded = try InputDecoder.samples(from: input, options: decoding, name: "in")
            let reference = try SP80090BSuite.run(samples: decoded, parameters: parameters.sp80090b!, jobs: 2)
            #expect(outcome.results.sp80090b == reference, "\(decoding)")
        }
    }

    /// ascii01 of 9 characters is one byte and one uncounted bit for ENT (not 16 bits of which
    /// 7 are padding); of 16 characters, two bytes and nothing uncounted.
    @Test func ascii01PaddingIsNotCountedByENT() throws {
        let parameters = AssessmentParameters(suites: [.ent], decoding: DecodingOptions(format: .ascii01))
        let nine = try Self.streamed(Array("010101011".utf8), parameters, chunk: 4, jobs: 1)
        #expect(nine.results.ent?.byteMode.sampleCount == 1 && nine.results.ent?.bitMode.sampleCount == 8)
        #expect(nine.results.ent?.uncountedTrailingBits == 1)
        let sixteen = try Self.streamed(Array("0101010110101010".utf8), parameters, chunk: 5, jobs: 1)
        #expect(sixteen.results.ent?.byteMode.sampleCount == 2 && sixteen.results.ent?.uncountedTrailingBits == nil)
        let five = try Self.streamed(Array("01011".utf8), parameters, chunk: 5, jobs: 1)
        #expect(five.results.ent?.byteMode.sampleCount == 0 && five.results.ent?.uncountedTrailingBits == 5)
        #expect(five.results.ent?.verdict == .notApplicable)
    }

    /// The tallies give the analysis `SP80022FinalAnalysis.analyze` gives from every outcome,
    /// and the inline selection keeps the 100 streams with the smallest p-values, in order.
    @Test func inlineStreamsAndSummary() throws {
        let bytes = Self.seeded(130 * 125, seed: 9)   // 130 streams of 1,000 bits
        var parameters = Self.sts(length: 1000)
        parameters.tests = [.frequency, .runs, .cumulativeSums]
        var all: [SP80022StreamResult] = []
        let outcome = try Self.streamed(bytes, AssessmentParameters(suites: [.sp80022], sp80022: parameters), chunk: 777, jobs: 2,
                                        table: { all.append($0) })
        let result = try #require(outcome.results.sp80022)
        #expect(result.streamCount == 130 && all.count == 130)
        #expect(all.map(\.index) == Array(0..<130))
        #expect(result.streams.count == SP80022StreamingBattery.inlineStreamLimit)
        #expect(result.streams.map(\.index) == result.streams.map(\.index).sorted())
        let minimum = { (s: SP80022StreamResult) in s.outcomes.flatMap(\.pValues).min()! }
        let kept = Set(result.streams.map(\.index))
        let largestKept = result.streams.map(minimum).max()!
        for stream in all where !kept.contains(stream.index) { #expect(minimum(stream) >= largestKept) }
        for (t, test) in result.tests.enumerated() {
            #expect(result.analysis[t] == (try SP80022FinalAnalysis.analyze(test, outcomes: all.map { $0.outcomes[t] }).withVerdicts(from: result.analysis[t])))
        }
        let pValues = all.flatMap { $0.outcomes.flatMap(\.pValues) }
        #expect(result.pValueSummary.count == pValues.count)
        #expect(result.pValueSummary.belowAlpha == pValues.filter { $0 < 0.01 }.count)
        #expect(result.pValueSummary.lowest?.pValue == pValues.min())
    }

    /// Streams of a length that is not a whole number of bytes cut exactly where the in-memory
    /// battery cuts them.
    @Test(arguments: [101, 1003, 1001])
    func oddStreamLengths(length: Int) throws {
        let bytes = Self.seeded(600, seed: 21)
        var parameters = Self.sts(length: length)
        parameters.tests = [.frequency, .runs]
        let outcome = try Self.streamed(bytes, AssessmentParameters(suites: [.sp80022], sp80022: parameters), chunk: 3, jobs: 2)
        var all = SP80022Parameters(); all = parameters
        let bits = BitSequence(bytes: bytes)
        #expect(outcome.results.sp80022 == (try SP80022Battery.run(bits, parameters: all, jobs: 1)))
    }

    /// The window: the estimators read the first N samples, the health tests all of them; with
    /// a window as large as the input the result is the suite's on the whole input.
    @Test func sp80090bWindow() throws {
        let bytes = Self.seeded(30_000, seed: 17).map { $0 & 0x0F }
        let suite = SP80090BParameters(runIIDTrack: false, claimedEntropy: 2)
        let decoding = DecodingOptions(format: .samples, bitsPerSymbol: 4)
        let windowed = try Self.streamed(bytes, AssessmentParameters(suites: [.sp80090b], decoding: decoding, sp80090b: suite,
                                                                      sp80090bWindow: 10_000), chunk: 4099, jobs: 2)
        let result = try #require(windowed.results.sp80090b)
        #expect(result.sampleCount == 10_000 && result.inputSampleCount == 30_000)
        #expect(result.healthTests?.scan.samplesTested == 30_000)
        let direct = try SP80090BSuite.run(samples: SampleSequence(samples: Array(bytes.prefix(10_000)), bitsPerSymbol: 4),
                                           parameters: { var p = suite; p.nonIID.bitsPerSymbol = 4; return p }(), jobs: 2)
        #expect(result.nonIID == direct.nonIID && result.assessedMinEntropy == direct.assessedMinEntropy)
        let whole = try Self.streamed(bytes, AssessmentParameters(suites: [.sp80090b], decoding: decoding, sp80090b: suite,
                                                                   sp80090bWindow: nil), chunk: 1000, jobs: 1)
        let reference = try SP80090BSuite.run(samples: SampleSequence(samples: bytes, bitsPerSymbol: 4),
                                              parameters: { var p = suite; p.nonIID.bitsPerSymbol = 4; return p }(), jobs: 2)
        #expect(whole.results.sp80090b == reference)
    }

    /// `samples` input without a width: inferred from the window, as ea_non_iid infers it; a
    /// later sample too wide for it is an error naming its offset.
    @Test func inferredWidthFromTheWindow() throws {
        var bytes = Self.seeded(3000, seed: 3).map { $0 & 0x07 }
        let parameters = AssessmentParameters(suites: [.ent, .sp80090b], decoding: DecodingOptions(format: .samples),
                                              sp80090b: SP80090BParameters(runIIDTrack: false), sp80090bWindow: 2000)
        let outcome = try Self.streamed(bytes, parameters, chunk: 500, jobs: 2)
        #expect(outcome.bitsPerSymbol == 3)
        bytes[2500] = 0x40
        #expect(throws: InputError.sampleTooWide(path: "in", offset: 2500, value: 0x40, bitsPerSymbol: 3)) {
            _ = try Self.streamed(bytes, parameters, chunk: 500, jobs: 2)
        }
    }
}

/// ENT's result on bytes in memory, for comparison.
struct ENTAccumulatorReference {
    private var accumulator = ENTAccumulator()
    mutating func add(_ bytes: [UInt8]) { accumulator.add(bytes) }
    var result: ENTSuiteResult { accumulator.suiteResult() }
}

extension SP80022TestAnalysis {
    /// This analysis with the slot and test verdicts of `other` (the policy sets them over all tests).
    func withVerdicts(from other: SP80022TestAnalysis) -> SP80022TestAnalysis {
        var copy = self
        copy.verdict = other.verdict
        for i in copy.slots.indices where i < other.slots.count { copy.slots[i].verdict = other.slots[i].verdict }
        return copy
    }
}
