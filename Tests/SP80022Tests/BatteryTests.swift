import Foundation
import Testing
import RandomnessCore
@testable import SP80022

@Suite("SP 800-22 battery")
struct BatteryTests {
    /// Deterministic pseudo-random bits (xorshift64*), for tests that need no reference data.
    static func randomBits(_ count: Int, seed: UInt64) -> BitSequence {
        var state = seed
        var words = [UInt64](repeating: 0, count: (count + 63) / 64)
        for i in words.indices {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            words[i] = state &* 0x2545_F491_4F6C_DD1D
        }
        return BitSequence(words: words, count: count)
    }

    @Test func resultsAreIdenticalForAnyJobs() throws {
        let bits = Self.randomBits(3 * 400_000 + 123, seed: 42)
        var parameters = SP80022Parameters()
        parameters.streamLength = 400_000
        let one = try SP80022Battery.run(bits, parameters: parameters, jobs: 1)
        let two = try SP80022Battery.run(bits, parameters: parameters, jobs: 2)
        let many = try SP80022Battery.run(bits, parameters: parameters, jobs: 7)
        #expect(one == two && one == many)
        #expect(one.streamCount == 3 && one.inputBits == 3 * 400_000 + 123)
        #expect(one.streams.map(\.bitOffset) == [0, 400_000, 800_000])
        #expect(one.tests == SP80022Registry.registeredTests)
        // Every stream ran every registered test, Universal included (n ≥ 387 840), except the
        // excursion tests where a stream's walk has fewer than 500 cycles (J ≈ 505 at this n).
        let excursions: Set<SP80022TestID> = [.randomExcursions, .randomExcursionsVariant]
        #expect(one.streams.allSatisfy { $0.outcomes.allSatisfy {
            $0.notApplicable == nil || (excursions.contains($0.test) && $0.notApplicable!.contains("insufficient number of cycles"))
        } })
        let encoded = try JSONEncoder().encode(one)
        #expect(try JSONDecoder().decode(SP80022SuiteResult.self, from: encoded) == one)
    }

    @Test func streamLayout() throws {
        var parameters = SP80022Parameters()
        parameters.streamLength = 1000
        #expect(try SP80022Battery.layout(bitCount: 4500, parameters: parameters) == .init(streamCount: 4, streamLength: 1000))
        parameters.streamCount = 5
        #expect(throws: SP80022Error.insufficientInput(streamCount: 5, streamLength: 1000, availableBits: 4500)) {
            try SP80022Battery.layout(bitCount: 4500, parameters: parameters)
        }
        parameters.streamCount = nil
        #expect(throws: SP80022Error.noStreams(streamLength: 1000, availableBits: 999)) {
            try SP80022Battery.layout(bitCount: 999, parameters: parameters)
        }
        parameters.streamCount = 0
        #expect(throws: SP80022Error.invalidParameter(name: "streamCount", value: "0", reason: "must be between 1 and \(Int32.max)")) {
            try SP80022Battery.run(Self.randomBits(2000, seed: 1), parameters: parameters, jobs: 1)
        }
    }

    @Test func parameterErrorsNameTheParameter() {
        var parameters = SP80022Parameters()
        parameters.serialBlockLength = 30
        do {
            try parameters.validate()
            Issue.record("serial m = 30 was accepted")
        } catch {
            #expect(error.description.contains("serialBlockLength"))
        }
        parameters = SP80022Parameters()
        parameters.tests = [.frequency, .frequency]
        #expect(throws: SP80022Error.self) { try parameters.validate() }
    }

    /// Only requested and registered tests run, in STS order whatever the request order.
    @Test func runsRequestedRegisteredTestsInSTSOrder() throws {
        var parameters = SP80022Parameters()
        parameters.streamLength = 10_000
        parameters.tests = [.universal, .runs, .frequency, .serial]
        let result = try SP80022Battery.run(Self.randomBits(20_000, seed: 9), parameters: parameters, jobs: 2)
        let expected: [SP80022TestID] = [.frequency, .runs, .universal, .serial].filter { SP80022Registry.registration(of: $0) != nil }
        #expect(result.tests == expected)
        // Universal cannot run at n = 10 000: not applicable on every stream, and so for the test.
        let universal = try #require(result.analysis.first { $0.test == .universal })
        #expect(universal.verdict == .notApplicable && universal.notApplicableStreams == 2 && universal.slots.isEmpty)
        #expect(result.verdict != .notApplicable)
    }

    /// A constant stream fails: Frequency, Cumulative Sums, Longest Run, Rank and FFT reject
    /// it and Runs is not applicable.
    @Test func constantInputFails() throws {
        var parameters = SP80022Parameters()
        parameters.streamLength = 100_000
        let ones = BitSequence(words: Array(repeating: ~UInt64(0), count: (200_000 + 63) / 64), count: 200_000)
        let result = try SP80022Battery.run(ones, parameters: parameters, jobs: 2)
        #expect(result.verdict == .fail)
        for analysis in result.analysis {
            for slot in analysis.slots { #expect(slot.histogram.allSatisfy { $0 >= 0 } && slot.sampleSize <= 2) }
            for stream in result.streams { for outcome in stream.outcomes { #expect(outcome.pValues.allSatisfy { $0.isFinite }) } }
        }
        let runs = result.analysis.first { $0.test == .runs }
        #expect(runs?.verdict == .notApplicable)
    }

    /// Short and odd stream lengths around every threshold: each outcome is a finite p-value
    /// or not applicable with a reason, never a crash.
    /// (Below n = 100 the battery refuses the length: `SP80022Parameters.validate`.)
    @Test(arguments: [100, 101, 127, 128, 129, 1023, 1024, 1025, 6271, 6272, 387_839, 387_840])
    func shortStreamsNeverCrash(n: Int) throws {
        func check(_ outcomes: [SP80022TestOutcome]) {
            for outcome in outcomes {
                if let reason = outcome.notApplicable {
                    #expect(!reason.isEmpty && outcome.pValues.isEmpty)
                } else {
                    #expect(!outcome.pValues.isEmpty)
                    #expect(outcome.pValues.allSatisfy { $0.isFinite && $0 >= -1e-12 && $0 <= 1 + 1e-12 }, "\(outcome.test.rawValue) n = \(n): \(outcome.pValues)")
                }
                #expect(outcome.statistics.values.allSatisfy { $0.isFinite }, "\(outcome.test.rawValue) n = \(n): \(outcome.statistics)")
            }
        }
        var parameters = SP80022Parameters()
        parameters.streamLength = n
        parameters.streamCount = 2
        let bits = Self.randomBits(2 * n + 5, seed: UInt64(n))
        let direct = try SP80022Registry.registrations.map { try $0.run(bits.slice(0..<n), parameters: parameters) }
        check(direct)
        guard direct.allSatisfy({ $0.pValues.allSatisfy { $0.isFinite } }) else { return }
        // The battery refuses streams shorter than any test can use (the tests above still
        // run on them one by one).
        guard n >= SP80022Parameters.minimumStreamLength else {
            #expect(throws: SP80022Error.self) { try parameters.validate() }
            return
        }
        let result = try SP80022Battery.run(bits, parameters: parameters, jobs: 2)
        for stream in result.streams { check(stream.outcomes) }
        let universal = result.streams[0].outcomes.first { $0.test == .universal }
        #expect((universal?.notApplicable == nil) == (n >= 387_840))
    }

    @Test func registryCoversEveryTestOnce() {
        let ids = SP80022Registry.registrations.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(SP80022Registry.registeredTests + SP80022Registry.unregisteredTests) == Set(SP80022TestID.allCases))
    }
}
