import Testing
import RandomnessCore
@testable import SP80022

@Suite struct OverlappingTemplateTests {
    /// The exact probabilities for m = 9, M = 1032 (Hamano & Kaneko 2007), as printed in
    /// STS 2.1.2's overlappingTemplateMatchings.c: 0.364091, 0.185659, 0.139381, 0.100571,
    /// 0.0704323, 0.139865.
    @Test func exactProbabilitiesMatchHamanoKaneko() {
        let pi = OverlappingTemplateTest.exactClassProbabilities(templateLength: 9, blockLength: 1032, classes: 6)
        for (ours, published) in zip(pi, [0.364091, 0.185659, 0.139381, 0.100571, 0.0704323, 0.139865]) {
            #expect(abs(ours - published) < 1e-6)
        }
        #expect(abs(pi.reduce(0, +) - 1) < 1e-12)
    }

    /// The exact recursion against enumeration of every block for small m and M.
    @Test func exactProbabilitiesMatchEnumeration() {
        for (m, M) in [(1, 6), (2, 10), (3, 12), (4, 13)] {
            var counts = [Int](repeating: 0, count: 6)
            for block in 0..<(1 << M) {
                var matches = 0
                for j in 0...(M - m) {
                    let window = (block >> (M - m - j)) & ((1 << m) - 1)
                    if window == (1 << m) - 1 { matches += 1 }
                }
                counts[min(matches, 5)] += 1
            }
            let pi = OverlappingTemplateTest.exactClassProbabilities(templateLength: m, blockLength: M, classes: 6)
            for k in 0..<6 { #expect(abs(pi[k] - Double(counts[k]) / Double(1 << M)) < 1e-14, "m = \(m), M = \(M), k = \(k)") }
        }
    }

    /// STS 2.1.2's Pr(u, η) at η = 1 (m = 9, M = 1032) gives SP 800-22 rev1a §3.8's
    /// π = 0.367879, 0.183940, 0.137955, 0.099634, 0.069935, 0.140657.
    @Test func stsProbabilitiesMatchSection38() throws {
        let pi = try OverlappingTemplateTest.stsClassProbabilities(eta: 1, classes: 6)
        for (ours, published) in zip(pi, [0.367879, 0.183940, 0.137955, 0.099634, 0.069935, 0.140657]) {
            #expect(abs(ours - published) < 1e-6)
        }
    }

    /// Positions where m ones start, against a bit-by-bit scan.
    @Test func runStartsMatchNaiveScan() {
        var rng = SeededTestBits(seed: 0x0A11_0E5)
        for (n, m) in [(1000, 1), (4097, 3), (777, 9), (300, 64)] {
            var words = rng.bits(n).words
            for i in words.indices { words[i] |= rng.next() | rng.next() }  // long runs of ones
            let bits = BitSequence(words: words, count: n)
            let starts = OverlappingTemplateTest.runStarts(bits, length: m)
            for p in 0..<n {
                let expected = p + m <= n && (p..<(p + m)).allSatisfy { bits[$0] == 1 }
                if (starts[p] == 1) != expected { Issue.record("n = \(n), m = \(m), p = \(p)"); break }
            }
        }
    }

    @Test func correctedVariantUsesExactProbabilities() throws {
        var rng = SeededTestBits(seed: 0xC0DE)
        let bits = rng.bits(200_000)
        var parameters = SP80022Parameters()
        let sts = try OverlappingTemplateTest.run(bits, parameters: parameters)
        parameters.corrected = true
        let corrected = try OverlappingTemplateTest.run(bits, parameters: parameters)
        #expect(abs(sts.statistics["pi_0"]! - 0.367879) < 1e-6)
        #expect(abs(corrected.statistics["pi_0"]! - 0.364091) < 1e-6)
        #expect(sts.statistics["nu_0"] == corrected.statistics["nu_0"])
        #expect(sts.pValues != corrected.pValues)
    }

    @Test func notApplicableBelowOneBlock() throws {
        let outcome = try OverlappingTemplateTest.run(SeededTestBits.bits(1031, seed: 1), parameters: SP80022Parameters())
        #expect(outcome.notApplicable != nil)
        #expect(try OverlappingTemplateTest.run(SeededTestBits.bits(1032, seed: 1), parameters: SP80022Parameters()).pValues.count == 1)
    }
}
