import RandomnessCore
@testable import SP80090B
import Testing

/// `HealthMonitor.count` (alarms counted, not reported; runs of one value taken in bulk) must
/// leave the tests exactly where `feed` does: the same alarm counts and the same state, so
/// that the alarms after a switch from `feed` to `count` and back are the ones `feed` alone
/// gives. The reference is the sample-by-sample definition (`feed(_ x:)`) of §4.4.
@Suite("health tests: counting mode")
struct HealthCountModeTests {
    /// Data with long stuck runs (one value for 1…5000 samples) between random stretches,
    /// at a given number of distinct values.
    static func stuckAndRandom(count: Int, values: UInt64, seed: UInt64) -> [UInt8] {
        var rng = Xoshiro256StarStar(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            let value = UInt8(rng.uniform(upTo: values - 1))
            let length = Int(rng.uniform(upTo: 4999)) + 1
            if rng.uniform(upTo: 1) == 0 {
                out += [UInt8](repeating: value, count: length)
            } else {
                for _ in 0..<length { out.append(UInt8(rng.uniform(upTo: values - 1))) }
            }
        }
        return Array(out.prefix(count))
    }

    static let cases: [(name: String, samples: [UInt8], h: Double, bits: Int)] = [
        ("all zero, H = 8", [UInt8](repeating: 0, count: 300_007), 8, 8),
        ("stuck and random bytes, H = 8", stuckAndRandom(count: 400_000, values: 256, seed: 1), 8, 8),
        ("stuck and random bytes, H = 2", stuckAndRandom(count: 400_000, values: 256, seed: 2), 2, 8),
        ("stuck and random bits, H = 1", stuckAndRandom(count: 400_000, values: 2, seed: 3), 1, 1),
        ("stuck and random 4-bit, H = 0.5", stuckAndRandom(count: 400_000, values: 16, seed: 4), 0.5, 4),
    ]

    @Test(arguments: 0..<cases.count)
    func countingAgreesWithTheDefinition(index: Int) throws {
        let c = Self.cases[index]
        let parameters = try HealthTestParameters(minEntropy: c.h, bitsPerSymbol: c.bits, falsePositiveProbability: 0x1p-40)
        // The definition, one sample at a time.
        var reference = try HealthMonitor(parameters: parameters)
        var expected: [HealthAlarm] = []
        for x in c.samples { reference.feed(x) { expected.append($0) } }
        #expect(reference.alarmCount > 0, "\(c.name): the case must raise alarms")
        // Chunks alternating between count and feed, at odd sizes.
        var monitor = try HealthMonitor(parameters: parameters)
        var reported: [HealthAlarm] = []
        var start = 0, chunk = 0
        let sizes = [1, 7, 8, 9, 4096, 65_543, 100_003]
        c.samples.withUnsafeBufferPointer { all in
            while start < all.count {
                let end = min(all.count, start + sizes[chunk % sizes.count])
                let slice = UnsafeBufferPointer(rebasing: all[start..<end])
                if chunk % 2 == 0 { monitor.count(slice) } else { monitor.feed(slice) { reported.append($0) } }
                start = end
                chunk += 1
            }
        }
        #expect(monitor.repetitionCount.alarmCount == reference.repetitionCount.alarmCount, "\(c.name)")
        #expect(monitor.adaptiveProportion.alarmCount == reference.adaptiveProportion.alarmCount, "\(c.name)")
        #expect(monitor.samplesTested == c.samples.count)
        // Every reported alarm is one of the definition's, and after the last chunk both are
        // in the same state: the same alarms follow.
        let expectedSet = Set(expected.map { "\($0.test)@\($0.offset)" })
        #expect(reported.allSatisfy { expectedSet.contains("\($0.test)@\($0.offset)") }, "\(c.name)")
        let tail = [UInt8](repeating: c.samples.last!, count: 5000) + Self.stuckAndRandom(count: 20_000, values: 1 << UInt64(c.bits), seed: 99)
        var after: [HealthAlarm] = [], referenceAfter: [HealthAlarm] = []
        tail.withUnsafeBufferPointer { t in
            monitor.feed(t) { after.append($0) }
        }
        for x in tail { reference.feed(x) { referenceAfter.append($0) } }
        #expect(after == referenceAfter, "\(c.name)")
    }

    @Test("a scan keeps the first alarms in detail and counts every alarm")
    func scanCountsBeyondTheLimit() throws {
        let samples = Self.stuckAndRandom(count: 400_000, values: 256, seed: 5)
        let parameters = try HealthTestParameters(minEntropy: 8, bitsPerSymbol: 8, falsePositiveProbability: 0x1p-40)
        var reference = try HealthMonitor(parameters: parameters)
        var expected: [HealthAlarm] = []
        for x in samples { reference.feed(x) { expected.append($0) } }
        let scan = try HealthTestScan(samples: SampleSequence(samples: samples, bitsPerSymbol: 8), parameters: parameters, alarmLimit: 100)
        #expect(scan.repetitionCountAlarms == reference.repetitionCount.alarmCount)
        #expect(scan.adaptiveProportionAlarms == reference.adaptiveProportion.alarmCount)
        #expect(scan.alarms == Array(expected.prefix(100)))
        #expect(scan.alarmsTruncated)
    }
}
