import Testing
import RandomnessCore
@testable import SP80022

/// Short inputs with STS 2.1.2's answers: the 100-bit example sequence of SP 800-22 §2.1.8
/// and the 128-bit one of §2.4.8, run through the reference `assess 100` / `assess 128`
/// (one stream, ASCII input, default parameters except where noted; 6-decimal results.txt).
@Suite("SP 800-22 known answers (STS 2.1.2 on the SP 800-22 examples)")
struct KnownAnswerTests {
    static let example100 = bits("1100100100001111110110101010001000100001011010001100001000110100110001001100011001100010100010111000")
    static let example128 = bits("11001100000101010110110001001100111000000000001001001101010100010001001111010110100000001101011111001100111001101101100010110010")

    static func bits(_ text: String) -> BitSequence {
        BitSequence(bits: text.utf8.map { $0 == UInt8(ascii: "1") ? 1 : 0 })
    }

    static func pValues<T: SP80022Test>(_ test: T.Type, _ bits: BitSequence, _ parameters: SP80022Parameters = SP80022Parameters()) throws -> [Double] {
        let outcome = try T.run(bits, parameters: parameters)
        #expect(outcome.notApplicable == nil, "\(T.id.rawValue): \(outcome.notApplicable ?? "")")
        return outcome.pValues
    }

    static func close(_ got: [Double], _ want: [Double]) -> Bool {
        got.count == want.count && zip(got, want).allSatisfy { abs($0 - $1) <= 5e-7 + 1e-12 }
    }

    @Test func example100() throws {
        let e = Self.example100
        #expect(e.count == 100)
        #expect(Self.close(try Self.pValues(FrequencyTest.self, e), [0.109599]))
        var m10 = SP80022Parameters()
        m10.blockFrequencyBlockLength = 10   // STS: parameter 1 set to 10 (χ² = 7.2, N = 10)
        #expect(Self.close(try Self.pValues(BlockFrequencyTest.self, e, m10), [0.706438]))
        #expect(Self.close(try Self.pValues(CumulativeSumsTest.self, e), [0.219194, 0.114866]))
        #expect(Self.close(try Self.pValues(RunsTest.self, e), [0.500798]))
        #expect(Self.close(try Self.pValues(DiscreteFourierTransformTest.self, e), [0.646355]))
    }

    @Test func example128() throws {
        let e = Self.example128
        #expect(Self.close(try Self.pValues(FrequencyTest.self, e), [0.215925]))
        #expect(Self.close(try Self.pValues(BlockFrequencyTest.self, e), [0.215925]))   // M = 128, N = 1
        #expect(Self.close(try Self.pValues(CumulativeSumsTest.self, e), [0.154200, 0.314554]))
        #expect(Self.close(try Self.pValues(RunsTest.self, e), [0.620729]))
        #expect(Self.close(try Self.pValues(LongestRunOfOnesTest.self, e), [0.180609]))   // M = 8, K = 3
        #expect(Self.close(try Self.pValues(DiscreteFourierTransformTest.self, e), [0.516412]))
    }

    /// Where STS 2.1.2 writes a placeholder or nothing, the test is not applicable: Rank with
    /// n < 1024 (STS: 0.000000), Universal with n < 387 840 (STS: nothing), Longest Run with
    /// n < 128 (STS: nothing), Block Frequency with M > n (STS: igamc(0, 0) = 1.000000).
    @Test func notApplicableWhereSTSSkips() throws {
        let e = Self.example100
        let defaults = SP80022Parameters()
        #expect(try BinaryMatrixRankTest.run(e, parameters: defaults).notApplicable != nil)
        #expect(try UniversalTest.run(e, parameters: defaults).notApplicable != nil)
        #expect(try LongestRunOfOnesTest.run(e, parameters: defaults).notApplicable != nil)
        #expect(try BlockFrequencyTest.run(e, parameters: defaults).notApplicable != nil)
        let ranked = try BinaryMatrixRankTest.run(BitSequence(bits: Array(repeating: 1, count: 1024)), parameters: defaults)
        #expect(ranked.notApplicable == nil && ranked.statistics["N"] == 1)
    }

    /// Runs: STS skips the computation when |π − 1/2| > 2/√n (writing p = 0); here it is not
    /// applicable with the reason.
    @Test func runsPrerequisite() throws {
        // π = 0.75: |π − 1/2| = 0.25 > 2/√100 = 0.2.
        let biased = BitSequence(bits: Array(repeating: 1, count: 75) + Array(repeating: 0, count: 25))
        let outcome = try RunsTest.run(biased, parameters: SP80022Parameters())
        #expect(outcome.notApplicable?.contains("prerequisite") == true && outcome.pValues.isEmpty)
    }

    /// The word-level kernels against per-bit definitions on odd lengths and offsets.
    @Test(arguments: [1, 2, 63, 64, 65, 127, 128, 129, 1000, 4099])
    func kernelsMatchDefinitions(n: Int) {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D &+ UInt64(n)
        let raw: [UInt8] = (0..<n).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(state >> 63)
        }
        // Runs of ones are made long now and then to cross word boundaries.
        let values = raw.enumerated().map { i, b in (i / 70) % 3 == 0 ? 1 : b }
        let bits = BitSequence(bits: values)

        var transitions = 0
        for k in 0..<max(0, n - 1) where values[k] != values[k + 1] { transitions += 1 }
        #expect(RunsTest.transitions(bits) == transitions)

        var s = 0, hi = 0, lo = 0
        for v in values { s += v == 1 ? 1 : -1; hi = max(hi, s); lo = min(lo, s) }
        let walk = RandomWalkExtremes(bits)
        #expect(walk.maximum == hi && walk.minimum == lo && walk.final == s)

        for (start, end) in [(0, n), (n / 3, n), (n / 2, n / 2 + min(n / 2, 77))] where start < end {
            var best = 0, run = 0
            for v in values[start..<end] { run = v == 1 ? run + 1 : 0; best = max(best, run) }
            #expect(LongestRunOfOnesTest.longestRunOfOnes(bits, in: start..<end) == best, "range \(start)..<\(end)")
        }
    }

    /// GF(2) rank by word elimination against a per-bit Gauss–Jordan on structured matrices.
    @Test func rankMatchesBitElimination() {
        func slowRank(_ rows: [UInt32]) -> Int {
            var m = rows.map { r in (0..<32).map { (r >> (31 - $0)) & 1 } }
            var rank = 0
            for c in 0..<32 {
                guard let p = (rank..<32).first(where: { m[$0][c] == 1 }) else { continue }
                m.swapAt(p, rank)
                for i in 0..<32 where i != rank && m[i][c] == 1 { for j in 0..<32 { m[i][j] ^= m[rank][j] } }
                rank += 1
            }
            return rank
        }
        var state: UInt64 = 7
        func next() -> UInt32 { state = state &* 6364136223846793005 &+ 1442695040888963407; return UInt32(truncatingIfNeeded: state >> 32) }
        for trial in 0..<300 {
            var rows = (0..<32).map { _ in next() }
            // Force dependence: copy or combine rows, or clear some.
            for _ in 0..<(trial % 6) {
                let a = Int(next() % 32), b = Int(next() % 32), c = Int(next() % 32)
                rows[a] = trial % 2 == 0 ? rows[b] ^ rows[c] : 0
            }
            let expected = slowRank(rows)
            var copy = rows
            let got = copy.withUnsafeMutableBufferPointer { BinaryMatrixRankTest.rank(of: $0) }
            #expect(got == expected, "trial \(trial)")
        }
    }
}
