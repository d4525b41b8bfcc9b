import Testing
import RandomnessCore
@testable import SP80022

@Suite struct LinearComplexityTests {
    /// Textbook Berlekamp–Massey over GF(2), one bit at a time (STS's loop).
    static func naiveComplexity(_ s: [UInt8]) -> Int {
        let n = s.count
        var c = [UInt8](repeating: 0, count: n + 1), b = c
        c[0] = 1; b[0] = 1
        var l = 0, m = -1
        for i in 0..<n {
            var d = s[i]
            if l > 0 { for j in 1...l { d ^= c[j] & s[i - j] } }
            if d == 1 {
                let t = c
                for j in 0...n where j + i - m <= n && b[j] == 1 { c[j + i - m] ^= 1 }
                if l <= i / 2 { l = i + 1 - l; m = i; b = t }
            }
        }
        return l
    }

    /// SP 800-22 rev1a §2.10.4: ε = 1101011110001 has linear complexity L = 4.
    @Test func workedExample2104() {
        #expect(BerlekampMassey.linearComplexity(of: bitSequence("1101011110001")) == 4)
        #expect(Self.naiveComplexity(bitSequence("1101011110001").bitArray) == 4)
    }

    @Test func bitSlicedMatchesNaive() {
        var rng = SeededTestBits(seed: 0xB3A55E)
        for (m, blocks, first) in [(1, 70, 0), (2, 65, 3), (13, 64, 0), (63, 10, 1), (64, 129, 0), (65, 64, 7), (127, 3, 0), (500, 100, 11)] {
            let bits = rng.bits(first + m * blocks + 5)
            let fast = BerlekampMassey.linearComplexities(of: bits, blockLength: m, blockCount: blocks, first: first)
            let array = bits.bitArray
            let slow = (0..<blocks).map { Self.naiveComplexity(Array(array[first + $0 * m ..< first + ($0 + 1) * m])) }
            #expect(fast == slow, "M = \(m), blocks = \(blocks)")
        }
    }

    /// Degenerate blocks: all zeros (L = 0), all ones (L = 1), 0…01 (L = M), mixed in one group.
    @Test func degenerateBlocks() {
        let m = 100
        var builder = BitSequenceBuilder()
        for _ in 0..<m { builder.append(bit: 0) }
        for _ in 0..<m { builder.append(bit: 1) }
        for i in 0..<m { builder.append(bit: i == m - 1 ? 1 : 0) }
        var rng = SeededTestBits(seed: 77)
        let random = rng.bits(m)
        for i in 0..<m { builder.append(bit: random[i]) }
        let bits = builder.build()
        let complexities = BerlekampMassey.linearComplexities(of: bits, blockLength: m, blockCount: 4)
        #expect(Array(complexities.prefix(3)) == [0, 1, m])
        #expect(complexities[3] == Self.naiveComplexity(random.bitArray))
    }

    @Test func transposeMatchesDefinition() {
        var rng = SeededTestBits(seed: 0x7A)
        let original = (0..<64).map { _ in rng.next() }
        var t = original
        BerlekampMassey.transpose(&t)
        for r in 0..<64 {
            for c in 0..<64 {
                #expect((t[c] >> UInt64(63 - r)) & 1 == (original[r] >> UInt64(63 - c)) & 1)
            }
        }
    }

    @Test func notApplicableBelowOneBlockAndBadParameter() throws {
        var parameters = SP80022Parameters()
        #expect(try LinearComplexityTest.run(SeededTestBits.bits(499, seed: 2), parameters: parameters).notApplicable != nil)
        #expect(try LinearComplexityTest.run(SeededTestBits.bits(500, seed: 2), parameters: parameters).pValues.count == 1)
        parameters.linearComplexityBlockLength = 0
        #expect(throws: SP80022Error.self) { try LinearComplexityTest.run(bitSequence("0110"), parameters: parameters) }
    }
}

extension LinearComplexityTests {
    /// `corrected` swaps STS's π_0 = 0.01047 for SP 800-22 §3.10's 1/96 (and exact fractions);
    /// the class counts do not change.
    @Test func correctedVariantUsesExactProbabilities() throws {
        let bits = SeededTestBits.bits(300_000, seed: 0x1C)
        var parameters = SP80022Parameters()
        let sts = try LinearComplexityTest.run(bits, parameters: parameters)
        parameters.corrected = true
        let corrected = try LinearComplexityTest.run(bits, parameters: parameters)
        let nu = (0...6).map { sts.statistics["nu_\($0)"]! }
        #expect(nu == (0...6).map { corrected.statistics["nu_\($0)"]! })
        let N = nu.reduce(0, +)
        let exact: [Double] = [1 / 96, 1 / 32, 1 / 8, 1 / 2, 1 / 4, 1 / 16, 1 / 48]
        var chiSquare = 0.0
        for (count, p) in zip(nu, exact) { chiSquare += (count - N * p) * (count - N * p) / (N * p) }
        #expect(abs(corrected.statistics["chi_squared"]! - chiSquare) < 1e-9)
        #expect(abs(exact.reduce(0, +) - 1) < 1e-15)
        #expect(abs(LinearComplexityTest.stsPi.reduce(0, +) - 1.000053) < 1e-9)
    }
}
