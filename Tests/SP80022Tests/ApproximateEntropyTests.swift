import Foundation
import Testing
import RandomnessCore
@testable import SP80022

/// SP 800-22 rev1a §2.12.8's input: the first 100 bits of the binary expansion of π
/// (after "11."), as printed in the publication.
let piFirst100Bits = "1100100100001111110110101010001000100001011010001100001000110100110001001100011001100010100010111000"

@Suite struct ApproximateEntropyTests {
    /// §2.12.4: ε = 0100110101, m = 3: P-value = 0.261961 (χ² = 10.043859; the publication
    /// misprints χ² as 0.502193).
    @Test func workedExample2124() throws {
        var parameters = SP80022Parameters()
        parameters.approximateEntropyBlockLength = 3
        let outcome = try ApproximateEntropyTest.run(bitSequence("0100110101"), parameters: parameters)
        #expect(abs(outcome.pValues[0] - 0.261961) < 1e-6)
        #expect(abs(outcome.statistics["ApEn"]! - 0.190954) < 1e-6)
        #expect(abs(outcome.statistics["phi_m"]! - -1.643418) < 1e-6)
        #expect(abs(outcome.statistics["phi_m+1"]! - -1.834372) < 1e-6)
    }

    /// §2.12.8: the first 100 bits of π, m = 2: ApEn = 0.665393, χ² = 5.550792, P-value = 0.235301.
    @Test func workedExample2128() throws {
        var parameters = SP80022Parameters()
        parameters.approximateEntropyBlockLength = 2
        let outcome = try ApproximateEntropyTest.run(bitSequence(piFirst100Bits), parameters: parameters)
        #expect(abs(outcome.statistics["ApEn"]! - 0.665393) < 1e-6)
        #expect(abs(outcome.statistics["chi_squared"]! - 5.550792) < 1e-6)
        #expect(abs(outcome.pValues[0] - 0.235301) < 1e-6)
    }

    /// Cyclic window counts against STS's (i + j) mod n loop, including n < m.
    @Test func cyclicHistogramMatchesNaive() {
        var rng = SeededTestBits(seed: 0xAE)
        for (n, m) in [(1, 3), (5, 11), (63, 7), (64, 16), (65, 1), (1000, 10), (4099, 24), (130, 20)] {
            let bits = rng.bits(n)
            let histogram = PatternHistogram.cyclic(bits, width: m)
            var expected: [Int: UInt32] = [:]
            for i in 0..<n {
                var v = 0
                for j in 0..<m { v = v << 1 | Int(bits[(i + j) % n]) }
                expected[v, default: 0] += 1
            }
            var found: [Int: UInt32] = [:]
            for (v, c) in histogram.enumerated() where c > 0 { found[v] = c }
            #expect(found == expected, "n = \(n), m = \(m)")
            if m > 1 {
                let prefix = PatternHistogram.prefixCounts(histogram)
                let direct = PatternHistogram.cyclic(bits, width: m - 1)
                #expect(prefix == direct, "prefix n = \(n), m = \(m)")
            }
        }
    }

    @Test func smallInputsAndParameters() throws {
        var parameters = SP80022Parameters()
        parameters.approximateEntropyBlockLength = 0
        #expect(try ApproximateEntropyTest.run(bitSequence("0110"), parameters: parameters).pValues.count == 1)
        parameters.approximateEntropyBlockLength = 10
        #expect(try ApproximateEntropyTest.run(bitSequence("1"), parameters: parameters).pValues.count == 1)
        #expect(try ApproximateEntropyTest.run(BitSequence(words: [], count: 0), parameters: parameters).notApplicable != nil)
        parameters.approximateEntropyBlockLength = 25
        #expect(throws: SP80022Error.self) { try ApproximateEntropyTest.run(bitSequence("0110"), parameters: parameters) }
    }
}
