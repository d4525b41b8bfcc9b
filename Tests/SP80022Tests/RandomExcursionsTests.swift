import Testing
import RandomnessCore
@testable import SP80022

@Suite struct RandomExcursionsTests {
    /// SP 800-22 rev1a §2.14.4: ε = 0110110101: J = 3; for x = +1, ν = 1, 1, 0, 1, 0, 0.
    /// The publication prints χ² = 4.333033 and P-value = 0.502529, but its own ν and π give
    /// χ² = 0.5²/1.5 + 0.25²/0.75 + 0.375 + 0.8125²/0.1875 + 2·0.09375 = 13/3 exactly (as STS
    /// computes), so the P-value is checked only to the publication's rounding of χ² (1e-4).
    @Test func excursionsWorkedExample2144() throws {
        let walk = RandomWalkCycles(bitSequence("0110110101"))
        #expect(walk.cycles == 3)
        let outcome = try RandomExcursionsTest.evaluate(walk, n: 10, applyCycleLimits: false)
        let i = try #require(outcome.labels.firstIndex(of: "x = 1"))
        #expect((0..<6).map { walk.perCycle[$0 * 8 + 4] } == [1, 1, 0, 1, 0, 0])
        #expect(abs(outcome.statistics["chi_squared[x = 1]"]! - 13.0 / 3.0) < 1e-12)
        #expect(abs(outcome.pValues[i] - 0.502529) < 1e-4)
    }

    /// SP 800-22 rev1a §2.15.4: ε = 0110110101: J = 3, ξ(+1) = 4, P-value = 0.683091.
    @Test func variantWorkedExample2154() throws {
        let walk = RandomWalkCycles(bitSequence("0110110101"))
        let outcome = try RandomExcursionsVariantTest.evaluate(walk, n: 10, applyCycleLimit: false)
        let i = try #require(outcome.labels.firstIndex(of: "x = 1"))
        #expect(outcome.statistics["visits[x = 1]"] == 4)
        #expect(abs(outcome.pValues[i] - 0.683091) < 1e-6)
    }

    /// The word-skipping walk against a bit-by-bit transcription of STS's loops.
    @Test func walkMatchesBitByBitScan() {
        var rng = SeededTestBits(seed: 0xE8C)
        var inputs: [BitSequence] = [bitSequence("1"), bitSequence("10"), bitSequence("0101")]
        for n in [63, 64, 65, 1000, 20_000, 100_003] { inputs.append(rng.bits(n)) }
        // A drifting walk: long stretches far from zero, then back.
        var builder = BitSequenceBuilder()
        for k in 0..<5000 { builder.append(bit: k % 1000 < 600 ? 1 : UInt8(rng.next() & 1)); builder.append(bit: k % 1000 >= 600 ? 0 : UInt8(rng.next() & 1)) }
        inputs.append(builder.build())
        for bits in inputs {
            let walk = RandomWalkCycles(bits)
            let n = bits.count
            var s = 0, zeros = 0, cycles = 0
            var current = [Int](repeating: 0, count: 8)
            var perCycle = [Int](repeating: 0, count: 48)
            var total = [Int](repeating: 0, count: 19)
            func close() {
                cycles += 1
                for i in 0..<8 { perCycle[min(current[i], 5) * 8 + i] += 1; current[i] = 0 }
            }
            for i in 0..<n {
                s += bits[i] == 1 ? 1 : -1
                if s == 0 { zeros += 1; close() }
                if s != 0 && abs(s) <= 9 { total[s + 9] += 1 }
                if s != 0 && abs(s) <= 4 { current[s < 0 ? s + 4 : s + 3] += 1 }
            }
            if s != 0 { close() }
            #expect(walk.zeros == zeros && walk.cycles == cycles, "n = \(n)")
            #expect(walk.perCycle == perCycle, "n = \(n)")
            #expect(walk.totalVisits == total, "n = \(n)")
        }
    }

    /// STS's skip rules: too few cycles (both tests); more than max(1000, n/100) zeros
    /// (Random Excursions only).
    @Test func notApplicableRules() throws {
        let parameters = SP80022Parameters()
        let short = SeededTestBits.bits(10_000, seed: 9)  // J is about 80 < 500
        let e1 = try RandomExcursionsTest.run(short, parameters: parameters)
        let v1 = try RandomExcursionsVariantTest.run(short, parameters: parameters)
        #expect(e1.notApplicable?.contains("insufficient number of cycles") == true)
        #expect(v1.notApplicable?.contains("insufficient number of cycles") == true)
        #expect(e1.pValues.isEmpty && v1.pValues.isEmpty)

        let alternating = bitSequence(String(repeating: "01", count: 50_000))  // 50,000 zeros
        let e2 = try RandomExcursionsTest.run(alternating, parameters: parameters)
        let v2 = try RandomExcursionsVariantTest.run(alternating, parameters: parameters)
        #expect(e2.notApplicable?.contains("more than max(1000, n/100)") == true)
        #expect(v2.notApplicable == nil && v2.pValues.count == 18)
        #expect(v2.statistics["J"] == 50_000)

        #expect(try RandomExcursionsTest.run(bitSequence("1"), parameters: parameters).notApplicable != nil)
        #expect(try RandomExcursionsVariantTest.run(BitSequence(words: [], count: 0), parameters: parameters).notApplicable != nil)
    }
}
