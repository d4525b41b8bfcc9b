import ENT
import Foundation
import Testing
@testable import AssessmentEngine
import RandomnessCore
import SP80022
import SP80090B

/// Shards (`ShardPlan`, `ShardPass`) merged with `ShardMerge` give exactly what one pass over
/// the whole input gives (`AssessmentPass`): every ENT figure, every SP 800-22 tally, inline
/// stream, summary and per-stream row, SP 800-90B with its health alarms — for any shard
/// count, stream lengths that split bytes, either bit order, and through the partial result's
/// JSON.
@Suite struct ShardMergeTests {
    static func parameters(bitOrder: BitOrder = .msb, suites: [SuiteID] = [.ent, .sp80022, .sp80090b],
                           streamLength: Int = 1_003, streamCount: Int? = nil) -> AssessmentParameters {
        var sts = StreamingAssessmentTests.sts(length: streamLength, count: streamCount)
        sts.tests = [.frequency, .blockFrequency, .cumulativeSums, .runs, .longestRun, .approximateEntropy, .serial]
        return AssessmentParameters(suites: suites, decoding: DecodingOptions(bitOrder: bitOrder), sp80022: sts,
                                    sp80090b: SP80090BParameters(runIIDTrack: false), sp80090bWindow: 4_000)
    }

    /// The single pass: its outcome and every stream it handed to the table, in order.
    static func single(_ bytes: [UInt8], _ parameters: AssessmentParameters) throws -> (SuiteOutcome, [SP80022StreamResult], String) {
        var rows: [SP80022StreamResult] = []
        var pass = try AssessmentPass(parameters: parameters, name: "in", jobs: 2, totalBytes: bytes.count,
                                      streamTable: { rows.append($0) }, onProgress: nil)
        try bytes.withUnsafeBufferPointer { try pass.add($0) }
        let outcome = try pass.finish()
        return (outcome, rows, pass.digest.hex())
    }

    /// Every shard run on its own (chunks of `chunk` bytes), its outcome sent through JSON,
    /// then merged.
    static func sharded(_ bytes: [UInt8], _ parameters: AssessmentParameters, count: Int, chunk: Int = 4_099)
        throws -> (SuiteOutcome, [SP80022StreamResult], String) {
        let plan = try ShardPlan(parameters: parameters, totalBytes: bytes.count, count: count)
        var outcomes: [ShardOutcome] = []
        var rows: [SP80022StreamResult] = []
        for index in 1...count {
            var pass = try ShardPass(parameters: parameters, plan: plan, index: index, jobs: 2,
                                     onStream: { rows.append($0) }, onProgress: nil)
            var start = pass.ranges.read.lowerBound
            while start < pass.ranges.read.upperBound {
                let end = min(pass.ranges.read.upperBound, start + chunk)
                try bytes[start..<end].withUnsafeBufferPointer { try pass.add($0) }
                start = end
            }
            let outcome = try pass.finish()
            let json = try JSONEncoder().encode(outcome)
            let back = try JSONDecoder().decode(ShardOutcome.self, from: json)
            #expect(back == outcome)
            outcomes.append(back)
        }
        let merged = try ShardMerge.merge(outcomes, plan: plan, parameters: parameters)
        return (merged.outcome, rows, merged.sha256)
    }

    @Test(arguments: [1, 2, 3, 7, 16])
    func mergedEqualsSingleRun(count: Int) throws {
        // 2 stuck runs of 300 bytes after the window, one across the middle: health alarms.
        var bytes = StreamingAssessmentTests.seeded(40_009, seed: 11)
        for i in 10_000..<10_300 { bytes[i] = 0x5A }
        for i in 19_900..<20_200 { bytes[i] = 0xA5 }
        for order in [BitOrder.msb, .lsb] {
            let parameters = Self.parameters(bitOrder: order)
            let (expected, expectedRows, expectedHash) = try Self.single(bytes, parameters)
            let (merged, rows, hash) = try Self.sharded(bytes, parameters, count: count)
            #expect(merged == expected, "\(count) shards, \(order)")
            #expect(rows == expectedRows)
            #expect(hash == expectedHash)
            #expect((expected.results.sp80022?.streamCount ?? 0) > SP80022StreamingBattery.inlineStreamLimit)
            #expect((expected.results.sp80090b?.healthTests?.scan.repetitionCountAlarms ?? 0) > 0)
        }
    }

    /// Stream lengths that are and are not multiples of 8, a stream count below what the input
    /// holds, more shards than streams, and ENT alone.
    @Test func otherSplits() throws {
        let bytes = StreamingAssessmentTests.seeded(12_345, seed: 3)
        let cases: [(AssessmentParameters, Int)] = [
            (Self.parameters(suites: [.ent, .sp80022], streamLength: 1_024), 5),
            (Self.parameters(suites: [.sp80022], streamLength: 999, streamCount: 37), 4),
            (Self.parameters(suites: [.ent, .sp80022], streamLength: 20_001), 9),
            (Self.parameters(suites: [.ent]), 13),
            (Self.parameters(suites: [.ent]), 3_000),
        ]
        for (parameters, count) in cases {
            let (expected, expectedRows, _) = try Self.single(bytes, parameters)
            let (merged, rows, _) = try Self.sharded(bytes, parameters, count: count, chunk: 777)
            #expect(merged == expected, "\(parameters.suites) \(parameters.sp80022?.streamLength ?? 0) × \(count)")
            #expect(rows == expectedRows)
        }
    }

    /// The plan tiles the input: ENT ranges are consecutive, every boundary but the last on a
    /// multiple of 6, streams consecutive, shard 1 reads everything.
    @Test func planTilesTheInput() throws {
        for (total, count) in [(200, 1), (250, 3), (1_000_003, 7), (123_456_789, 100_000)] {
            let plan = try ShardPlan(parameters: Self.parameters(streamLength: 1_000), totalBytes: total, count: count)
            var byteEnd = 0
            var streamEnd = 0
            for i in [1, 2, count / 2, count - 1, count] where (1...count).contains(i) {
                _ = plan.shard(i)
            }
            for i in 1...min(count, 2_000) {
                let r = plan.shard(i)
                #expect(r.bytes.lowerBound == byteEnd && r.streams.lowerBound == streamEnd)
                if i < count { #expect(r.bytes.upperBound % 6 == 0) }
                byteEnd = r.bytes.upperBound
                streamEnd = r.streams.upperBound
            }
            if count <= 2_000 {
                #expect(byteEnd == total && streamEnd == plan.streamCount)
            }
            #expect(plan.shard(1).read == 0..<total)
        }
    }

    /// Outcomes that are not this plan's shards, or whose state was damaged, are errors, never
    /// a trap or a wrong report.
    @Test func mismatchedOrDamagedOutcomesAreErrors() throws {
        let bytes = StreamingAssessmentTests.seeded(9_000, seed: 4)
        let parameters = Self.parameters(suites: [.ent, .sp80022])
        let plan = try ShardPlan(parameters: parameters, totalBytes: bytes.count, count: 3)
        var outcomes: [ShardOutcome] = []
        for index in 1...3 {
            var pass = try ShardPass(parameters: parameters, plan: plan, index: index, jobs: 1, onStream: nil, onProgress: nil)
            try bytes[pass.ranges.read].withUnsafeBufferPointer { try pass.add($0) }
            outcomes.append(try pass.finish())
        }
        _ = try ShardMerge.merge(outcomes, plan: plan, parameters: parameters)
        #expect(throws: ShardMerge.MismatchError.self) { try ShardMerge.merge([outcomes[1], outcomes[0], outcomes[2]], plan: plan, parameters: parameters) }
        #expect(throws: ShardMerge.MismatchError.self) { try ShardMerge.merge(Array(outcomes.prefix(2)), plan: plan, parameters: parameters) }
        // An ENT state that ends inside a Monte Carlo point, or whose counts disagree.
        var damaged = outcomes
        var ent = ENTAccumulator()
        ent.add(Array(bytes[0..<7]))
        damaged[0].ent = ent
        #expect(throws: ShardMerge.MismatchError.self) { try ShardMerge.merge(damaged, plan: plan, parameters: parameters) }
        // A tally whose histogram has lost a bin.
        let json = String(decoding: try JSONEncoder().encode(outcomes[1]), as: UTF8.self)
        let broken = json.replacingOccurrences(of: "\"histogram\":[", with: "\"histogram\":[7,")
        #expect(broken != json)
        damaged = outcomes
        damaged[1] = try JSONDecoder().decode(ShardOutcome.self, from: Data(broken.utf8))
        #expect(throws: ShardMerge.MismatchError.self) { try ShardMerge.merge(damaged, plan: plan, parameters: parameters) }
        // α changed in one tally (a trap in the final analysis before; found by FuzzReport).
        for (from, to) in [("\"alpha\":0.01", "\"alpha\":1.01"), ("\"corrected\":false", "\"corrected\":true")] {
            let changed = json.replacingOccurrences(of: from, with: to)
            #expect(changed != json)
            damaged = outcomes
            damaged[1] = try JSONDecoder().decode(ShardOutcome.self, from: Data(changed.utf8))
            #expect(throws: ShardMerge.MismatchError.self) { try ShardMerge.merge(damaged, plan: plan, parameters: parameters) }
        }
    }

    /// Inputs that cannot be split: other formats than raw, too few bits for the streams asked.
    @Test func unsplittableInputsAreErrors() {
        let ascii = AssessmentParameters(suites: [.ent], decoding: DecodingOptions(format: .ascii01))
        #expect(throws: InputError.self) { try ShardPlan(parameters: ascii, totalBytes: 100, count: 2) }
        #expect(throws: SP80022Error.self) { try ShardPlan(parameters: Self.parameters(streamLength: 1_000, streamCount: 9), totalBytes: 1_000, count: 2) }
        #expect(throws: InputError.self) { try ShardPlan(parameters: Self.parameters(), totalBytes: 100, count: 0) }
        #expect(throws: InputError.self) { try ShardSelection(parsing: "3/2") }
        #expect(throws: InputError.self) { try ShardSelection(parsing: "0/2") }
        #expect(throws: InputError.self) { try ShardSelection(parsing: "1/-2") }
        #expect(throws: InputError.self) { try ShardSelection(parsing: "1/9999999999999999999999") }
        #expect((try? ShardSelection(parsing: "2/8")) == ShardSelection(index: 2, count: 8))
    }
}
