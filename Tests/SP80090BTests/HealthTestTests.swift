import Foundation
import Testing
import RandomnessCore
@testable import SP80090B

/// Continuous health tests, SP 800-90B §4.4.
struct HealthTestTests {
    // MARK: Cutoffs

    /// §4.4.1: "for α = 2^−20, an entropy source with H = 2.0 bits per sample would have a
    /// repetition count test cutoff value of 1 + 20/2.0 = 11", and "a noise source evaluated
    /// at eight bits of min-entropy per sample has a cutoff value of six repetitions to ensure a
    /// false-positive rate of approximately once per 10^12 samples" (α = 2^−40).
    @Test func repetitionCountCutoffsFromTheStandard() {
        #expect(RepetitionCountTest.cutoff(minEntropy: 2.0, falsePositiveProbability: 0x1p-20) == 11)
        #expect(RepetitionCountTest.cutoff(minEntropy: 8, falsePositiveProbability: 0x1p-40) == 6)
        // C = 1 + ⌈20/H⌉: 20/0.1 is 200 exactly, 20/0.3 = 66.7 rounds up, 20/6 = 3.3 rounds up.
        #expect(RepetitionCountTest.cutoff(minEntropy: 0.1) == 201)
        #expect(RepetitionCountTest.cutoff(minEntropy: 0.3) == 68)
        #expect(RepetitionCountTest.cutoff(minEntropy: 6) == 5)
        #expect(RepetitionCountTest.cutoff(minEntropy: 1) == 21)
    }

    /// §4.4.2 Table 2, "Example cutoff values of the Adaptive Proportion Test" (α = 2^−20):
    /// binary data, W = 1024, and non-binary data, W = 512.
    @Test func adaptiveProportionCutoffsAreTable2() throws {
        for (h, c) in [(0.2, 941), (0.4, 840), (0.6, 748), (0.8, 664), (1.0, 589)] {
            #expect(try AdaptiveProportionTest.cutoff(minEntropy: h, windowSize: 1024) == c, "binary H = \(h)")
            let p = try HealthTestParameters(minEntropy: h, bitsPerSymbol: 1)
            #expect(p.adaptiveProportionWindow == 1024 && p.adaptiveProportionCutoff == c)
        }
        for (h, c) in [(0.5, 410), (1.0, 311), (2.0, 177), (4.0, 62), (8.0, 13)] {
            #expect(try AdaptiveProportionTest.cutoff(minEntropy: h, windowSize: 512) == c, "non-binary H = \(h)")
            let p = try HealthTestParameters(minEntropy: h, bitsPerSymbol: 8)
            #expect(p.adaptiveProportionWindow == 512 && p.adaptiveProportionCutoff == c)
        }
    }

    @Test func badParametersAreTypedErrors() {
        #expect(throws: HealthTestError.minEntropyOutOfRange(minEntropy: 0, bitsPerSymbol: 8)) { try HealthTestParameters(minEntropy: 0, bitsPerSymbol: 8) }
        #expect(throws: HealthTestError.minEntropyOutOfRange(minEntropy: 1.5, bitsPerSymbol: 1)) { try HealthTestParameters(minEntropy: 1.5, bitsPerSymbol: 1) }
        #expect(throws: HealthTestError.bitsPerSymbolOutOfRange(9)) { try HealthTestParameters(minEntropy: 1, bitsPerSymbol: 9) }
        #expect(throws: HealthTestError.falsePositiveProbabilityOutOfRange(1)) { try HealthTestParameters(minEntropy: 1, bitsPerSymbol: 8, falsePositiveProbability: 1) }
        #expect(throws: HealthTestError.windowSizeOutOfRange(1)) { try HealthTestParameters(minEntropy: 1, bitsPerSymbol: 8, adaptiveProportionWindow: 1) }
        #expect(throws: HealthTestError.cutoffOutOfRange(test: "repetition count", cutoff: 1)) { try RepetitionCountTest(cutoff: 1) }
        #expect(throws: HealthTestError.cutoffOutOfRange(test: "adaptive proportion", cutoff: 0)) { try AdaptiveProportionTest(windowSize: 512, cutoff: 0) }
    }

    // MARK: Synthetic data with known alarms

    /// 20,000 samples drawn from 8…255 (so 0…7 occur only where placed), with, for H = 6
    /// (RCT C = 5; APT W = 512, C = 25):
    /// - runs of 3 ×5 at 1000, 4 ×17 at 5000, 5 ×4 at 9000, 6 ×10 at 12000;
    /// - APT window 1536 (the fourth) starting with 0 and 24 more 0s every 10 samples; after its
    ///   alarm windows restart at 1777, so 2801 starts one with 7 and 24 more 7s every 3 samples;
    ///   after that alarm they restart at 2874, and 3386 starts one with 7 and only 23 more.
    static func plantedData() -> [UInt8] {
        var g = SplitMix64(seed: 0x4EA1_7800)
        var d = (0..<20_000).map { _ in UInt8(8 + g.next() % 248) }
        for (value, start, length) in [(UInt8(3), 1000, 5), (4, 5000, 17), (5, 9000, 4), (6, 12000, 10)] {
            for k in start..<(start + length) { d[k] = value }
        }
        d[1536] = 0
        for k in 1...24 { d[1536 + 10 * k] = 0 }
        d[2801] = 7
        for k in 1...24 { d[2801 + 3 * k] = 7 }
        d[3386] = 7
        for k in 1...23 { d[3386 + 5 * k] = 7 }
        return d
    }

    static let plantedAlarms: [HealthAlarm] = [
        HealthAlarm(test: .repetitionCount, offset: 1004, count: 5, start: 1000, value: 3),
        HealthAlarm(test: .adaptiveProportion, offset: 1776, count: 25, start: 1536, value: 0),
        HealthAlarm(test: .adaptiveProportion, offset: 2873, count: 25, start: 2801, value: 7),
        HealthAlarm(test: .repetitionCount, offset: 5004, count: 5, start: 5000, value: 4),
        HealthAlarm(test: .repetitionCount, offset: 5009, count: 5, start: 5005, value: 4),
        HealthAlarm(test: .repetitionCount, offset: 5014, count: 5, start: 5010, value: 4),
        HealthAlarm(test: .repetitionCount, offset: 12004, count: 5, start: 12000, value: 6),
        HealthAlarm(test: .repetitionCount, offset: 12009, count: 5, start: 12005, value: 6),
    ]

    @Test func plantedRunsAndWindowsAlarmAtTheirOffsets() throws {
        let parameters = try HealthTestParameters(minEntropy: 6, bitsPerSymbol: 8)
        #expect(parameters.repetitionCountCutoff == 5 && parameters.adaptiveProportionCutoff == 25)
        var monitor = try HealthMonitor(parameters: parameters)
        #expect(monitor.feed(Self.plantedData()) == Self.plantedAlarms)
        #expect(monitor.samplesTested == 20_000)
        #expect(monitor.repetitionCount.alarmCount == 6 && monitor.adaptiveProportion.alarmCount == 2)
        #expect(Self.oracle(Self.plantedData(), parameters) == Self.plantedAlarms)
    }

    /// Chunk sizes around the 8-sample words, the 512-sample window and the 64 Ki block,
    /// sample-by-sample feeding and one whole buffer all give the same alarms, equal to a
    /// direct transcription of the standard's pseudocode.
    @Test(arguments: [("small alphabet", 8, 6.0), ("biased bits", 1, 1.0), ("planted", 8, 6.0), ("uniform bytes", 8, 8.0)])
    func chunkingDoesNotChangeTheAlarms(data name: String, bitsPerSymbol: Int, minEntropy: Double) throws {
        let data = Self.stream(name)
        let parameters = try HealthTestParameters(minEntropy: minEntropy, bitsPerSymbol: bitsPerSymbol)
        let expected = Self.oracle(data, parameters)
        if name != "uniform bytes" { #expect(expected.count > 5, "the data should raise alarms") }
        for chunk in [1, 3, 8, 9, 64, 511, 4096, 65_537, data.count] {
            var monitor = try HealthMonitor(parameters: parameters)
            var alarms: [HealthAlarm] = []
            data.withUnsafeBufferPointer { all in
                var start = 0
                while start < all.count {
                    let part = UnsafeBufferPointer(rebasing: all[start..<min(all.count, start + chunk)])
                    if chunk == 1 {
                        monitor.feed(part[0]) { alarms.append($0) }
                    } else {
                        monitor.feed(part) { alarms.append($0) }
                    }
                    start += chunk
                }
            }
            #expect(alarms == expected, "\(name), chunks of \(chunk)")
            #expect(monitor.alarmCount == expected.count)
        }
    }

    /// Uniform data tested at a lower claimed entropy raises nothing: 4,000,000 bytes at H = 6
    /// (RCT false-positive rate 2^−32 per sample) and 4,000,000 bits at H = 0.7 (C = 30, 2^−29).
    @Test func goodDataRaisesNoAlarms() throws {
        var g = SplitMix64(seed: 0x600D)
        let bytes = (0..<4_000_000).map { _ in UInt8(truncatingIfNeeded: g.next() >> 56) }
        let byteScan = try HealthTestScan(samples: SampleSequence(samples: bytes, bitsPerSymbol: 8), parameters: HealthTestParameters(minEntropy: 6, bitsPerSymbol: 8))
        #expect(byteScan.verdict == .pass && byteScan.alarms.isEmpty && byteScan.samplesTested == 4_000_000)
        let bits = (0..<4_000_000).map { _ in UInt8(g.next() >> 63) }
        let bitScan = try HealthTestScan(samples: SampleSequence(samples: bits, bitsPerSymbol: 1), parameters: HealthTestParameters(minEntropy: 0.7, bitsPerSymbol: 1))
        #expect(bitScan.verdict == .pass && bitScan.repetitionCountAlarms == 0 && bitScan.adaptiveProportionAlarms == 0)
        #expect(bitScan.parameters.adaptiveProportionWindow == 1024)
    }

    /// A source stuck on one value alarms once every C samples (the test restarts after each).
    @Test func stuckSourceAlarmsEveryCutoffSamples() throws {
        var rct = try RepetitionCountTest(cutoff: 21)
        var offsets: [Int] = []
        [UInt8](repeating: 1, count: 1000).withUnsafeBufferPointer { rct.feed($0) { offsets.append($0.offset) } }
        #expect(offsets == Array(stride(from: 20, to: 1000, by: 21)))
        var apt = try AdaptiveProportionTest(windowSize: 1024, cutoff: 589)
        var aptOffsets: [Int] = []
        [UInt8](repeating: 1, count: 2000).withUnsafeBufferPointer { apt.feed($0) { aptOffsets.append($0.offset) } }
        #expect(aptOffsets == [588, 1177, 1766])
    }

    @Test func scanCountsEveryAlarmAndKeepsTheFirst() throws {
        let data = Self.stream("small alphabet")
        let parameters = try HealthTestParameters(minEntropy: 6, bitsPerSymbol: 8)
        let all = Self.oracle(data, parameters)
        let scan = try HealthTestScan(samples: SampleSequence(samples: data, bitsPerSymbol: 8), parameters: parameters, alarmLimit: 10)
        #expect(scan.alarms == Array(all.prefix(10)))
        #expect(scan.alarmsTruncated)
        #expect(scan.repetitionCountAlarms == all.filter { $0.test == .repetitionCount }.count)
        #expect(scan.adaptiveProportionAlarms == all.filter { $0.test == .adaptiveProportion }.count)
        #expect(scan.verdict == .fail)
        let full = try HealthTestScan(samples: SampleSequence(samples: data, bitsPerSymbol: 8), parameters: parameters, alarmLimit: nil)
        #expect(full.alarms == all && !full.alarmsTruncated)
        let json = try JSONEncoder().encode(full)
        #expect(try JSONDecoder().decode(HealthTestScan.self, from: json) == full)
    }

    // MARK: Helpers

    static func stream(_ name: String) -> [UInt8] {
        var g = SplitMix64(seed: 0xC4_0C4)
        switch name {
        case "small alphabet": return (0..<300_000).map { _ in UInt8(g.next() >> 62) }
        case "biased bits": return (0..<300_000).map { _ in g.next() % 5 == 0 ? 0 : 1 }
        case "planted": return plantedData()
        default: return (0..<300_000).map { _ in UInt8(g.next() >> 56) }
        }
    }

    /// The pseudocode of §4.4.1 and §4.4.2, sample by sample, each test restarting at its step 1
    /// after an alarm; alarms merged by offset, the RCT's first.
    static func oracle(_ s: [UInt8], _ p: HealthTestParameters) -> [HealthAlarm] {
        var rct: [HealthAlarm] = []
        var i = 0
        while i < s.count {
            let a = s[i], start = i
            var b = 1
            i += 1
            while i < s.count && s[i] == a {
                b += 1
                i += 1
                if b >= p.repetitionCountCutoff {
                    rct.append(HealthAlarm(test: .repetitionCount, offset: i - 1, count: b, start: start, value: a))
                    break
                }
            }
        }
        var apt: [HealthAlarm] = []
        i = 0
        while i < s.count {
            let a = s[i], start = i
            var b = 1
            i += 1
            var k = 1
            while k < p.adaptiveProportionWindow && i < s.count {
                let x = s[i]
                i += 1
                k += 1
                if x == a {
                    b += 1
                    if b >= p.adaptiveProportionCutoff {
                        apt.append(HealthAlarm(test: .adaptiveProportion, offset: i - 1, count: b, start: start, value: a))
                        break
                    }
                }
            }
        }
        return (rct + apt).sorted { ($0.offset, $0.test == .repetitionCount ? 0 : 1) < ($1.offset, $1.test == .repetitionCount ? 0 : 1) }
    }
}
