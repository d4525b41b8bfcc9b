import Foundation
import Testing
import RandomnessCore
@testable import SP80090B

/// The IID track's fast paths against the direct computations they replace, on seeded random
/// and degenerate inputs: exact excursion vs the reference's fused multiply-add loop, packed-bit
/// statistics vs one sample per byte, vectorized lag statistics vs plain loops,
/// the rotation sorter vs a naive sort, the piece-wise Burrows–Wheeler transform vs byte-wise.
@Suite("IID fast paths equal the direct computations")
struct IIDFastPathTests {
    /// A seeded generator: a 64-bit LCG whose states go through SplitMix64's output mix (the
    /// LCG's low bits alone have short periods).
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Samples of a random kind: uniform over `values`, biased towards the first, or in runs.
    static func samples(_ g: inout Generator, count: Int, values: [UInt8]) -> [UInt8] {
        switch g.below(3) {
        case 0: return (0..<count).map { _ in values[g.below(values.count)] }
        case 1: return (0..<count).map { _ in g.below(20) == 0 ? values[g.below(values.count)] : values[0] }
        default:
            var out: [UInt8] = []
            while out.count < count { out += [UInt8](repeating: values[g.below(values.count)], count: 1 + g.below(9)) }
            return Array(out[0..<count])
        }
    }

    static func randomValues(_ g: inout Generator) -> [UInt8] {
        let k = [2, 2, 3, 5, 10, 16, 40, 256][g.below(8)]
        var set = Set<UInt8>()
        while set.count < k { set.insert(UInt8(g.below(256))) }
        return set.sorted()
    }

    /// The reference's excursion loop: |S − (i+1)·mean| with one rounding, maximized.
    static func referenceExcursion(_ raw: [UInt8], mean: Double) -> Double {
        var sum = 0.0
        var best = 0.0
        for (i, v) in raw.enumerated() {
            sum += Double(v)
            best = max(best, abs(sum.addingProduct(-Double(i + 1), mean)))
        }
        return best
    }

    @Test("exact excursion equals the fused multiply-add loop (raw values and packed bits)")
    func excursion() {
        var g = Generator(state: 0xE7C5)
        for trial in 0..<200 {
            let count = 1 + g.below(trial < 100 ? 300 : 30_000)
            let values = trial % 3 == 0 ? [UInt8(g.below(256)), UInt8(g.below(256))].sorted() : Self.randomValues(&g)
            guard values[0] != values.last! else { continue }
            let raw = Self.samples(&g, count: count, values: values)
            let mean = Double(raw.reduce(0) { $0 + Int($1) }) / Double(raw.count)
            let expected = Self.referenceExcursion(raw, mean: mean)
            let e = ExcursionStatistic(mean: mean, sampleCount: raw.count)
            #expect(raw.withUnsafeBufferPointer { e.maximum($0) } == expected, "trial \(trial)")
            if values.count == 2 {
                let low = values[0], high = values[1]
                let packed = PermutationStatisticsCalculator.pack(raw.map { $0 == high ? 1 : 0 })
                let b = ExcursionStatistic(mean: mean, sampleCount: raw.count, binaryValues: (low, high))
                #expect(packed.withUnsafeBufferPointer { b.maximum(packed: $0, count: raw.count, low: low, high: high) } == expected,
                        "binary trial \(trial)")
            }
        }
    }

    @Test("binary statistics from packed bits equal those from one sample per byte")
    func packedStatistics() throws {
        var g = Generator(state: 0xB175)
        for trial in 0..<40 {
            let count = 2 + g.below(3000)
            let bits = Self.samples(&g, count: count, values: [0, 1])
            guard Set(bits).count == 2 else { continue }
            let packed = PermutationStatisticsCalculator.pack(bits)
            // Runs based on the median (binary median 0.5: runs of equal bits).
            let byBytes = bits.withUnsafeBufferPointer { b in
                [UInt8(0), 1].withUnsafeBufferPointer { PermutationStatisticsCalculator.medianRuns(b, atLeastMedian: $0) }
            }
            let byBits = packed.withUnsafeBufferPointer { PermutationStatisticsCalculator.bitRuns($0, count: count, longest: true) }
            #expect(byBits.count == byBytes.count && byBits.longest == byBytes.longest, "trial \(trial)")
            // Conversion II is the packing.
            var onesRef = [UInt8](repeating: 0, count: packed.count), bytesRef = onesRef
            bits.withUnsafeBufferPointer { b in
                onesRef.withUnsafeMutableBufferPointer { o in bytesRef.withUnsafeMutableBufferPointer { BinaryConversions.convert(b, ones: o, bytes: $0) } }
            }
            #expect(bytesRef == packed, "trial \(trial)")
        }
    }

    @Test("vectorized periodicity and covariance equal plain loops")
    func lagStatistics() {
        var g = Generator(state: 0x1A65)
        for trial in 0..<60 {
            let count = 1 + g.below(trial < 30 ? 200 : 100_000)
            let x = Self.samples(&g, count: count, values: Self.randomValues(&g))
            for p in [1, 2, 8, 16, 32, 33, 100] {
                var equal = 0
                var products: UInt64 = 0
                if count > p {
                    for i in 0..<(count - p) {
                        equal += x[i] == x[i + p] ? 1 : 0
                        products += UInt64(x[i]) * UInt64(x[i + p])
                    }
                }
                x.withUnsafeBufferPointer { b in
                    #expect(PermutationStatisticsCalculator.periodicity(b, lag: p) == equal, "trial \(trial) lag \(p)")
                    #expect(PermutationStatisticsCalculator.covariance(b, lag: p) == products, "trial \(trial) lag \(p)")
                }
            }
        }
    }

    /// Rotation i of `s` compared with rotation j, naively.
    static func rotationLess(_ s: [UInt16], _ i: Int, _ j: Int) -> Bool {
        let n = s.count
        for h in 0..<n {
            let a = s[(i + h) % n], b = s[(j + h) % n]
            if a != b { return a < b }
        }
        return false
    }

    @Test("cyclic rotation sorter orders rotations (random, periodic, long ties)")
    func rotationSorter() {
        var g = Generator(state: 0x5027)
        let sorter = CyclicRotationSorter()
        var cases: [(symbols: [UInt16], alphabet: Int)] = []
        for _ in 0..<150 {
            let n = 1 + g.below(300)
            let b = [1, 2, 3, 4, 17, 257, 1000][g.below(7)]
            switch g.below(4) {
            case 0: cases.append(((0..<n).map { _ in UInt16(g.below(b)) }, b))
            case 1: cases.append(((0..<n).map { _ in g.below(30) == 0 ? UInt16(g.below(b)) : 0 }, b))
            case 2:
                let period = (0..<(1 + g.below(7))).map { _ in UInt16(g.below(b)) }
                cases.append(((0..<n).map { period[$0 % period.count] }, b))
            default: cases.append(([UInt16](repeating: UInt16(b - 1), count: n), b))
            }
        }
        // Long enough for the radix paths, and long ties that need prefix doubling.
        cases.append(((0..<20_000).map { _ in UInt16(g.below(17)) }, 17))
        cases.append(((0..<20_000).map { _ in g.below(200) == 0 ? 1 : 0 }, 2))
        cases.append(((0..<3_000).map { UInt16(($0 / 3) % 5) }, 5))
        for (index, c) in cases.enumerated() {
            c.symbols.withUnsafeBufferPointer { sorter.sort($0, alphabetSize: c.alphabet) }
            let order = sorter.order[0..<c.symbols.count].map(Int.init)
            #expect(Set(order).count == c.symbols.count, "case \(index): not a permutation")
            var sorted = true
            for r in 1..<max(1, order.count) where Self.rotationLess(c.symbols, order[r], order[r - 1]) { sorted = false }
            #expect(sorted, "case \(index): n \(c.symbols.count), alphabet \(c.alphabet)")
        }
    }

    /// Sample text: values in decimal separated by spaces.
    static func text(_ values: [UInt8]) -> [UInt8] {
        Array(values.map(String.init).joined(separator: " ").utf8)
    }

    @Test("piece-wise Burrows–Wheeler transform equals the byte-wise one")
    func burrowsWheeler() {
        var g = Generator(state: 0xB3D1)
        let transform = BurrowsWheelerTransform()
        var blocks: [[UInt8]] = [" ", "7 ", " 7", "12", "1 1 1 1", "255 255 255 ", "0 0 0 0 0 0 1", "10 1 10 1", "  3  4 ", "1 12 123 1234 5"]
            .map { Array($0.utf8) }
        for _ in 0..<300 {
            let t = Self.text(Self.samples(&g, count: 1 + g.below(3000), values: Self.randomValues(&g)))
            // A block boundary may cut anywhere, inside a number included.
            let start = g.below(min(t.count, 8))
            let end = max(start + 1, t.count - g.below(min(t.count, 8)))
            blocks.append(Array(t[start..<end]))
        }
        var usedPieces = 0
        for (index, block) in blocks.enumerated() {
            let bytewise = block.withUnsafeBufferPointer { b -> [UInt8] in
                transform.transform(b, bytewise: true)
                return Array(transform.output[0..<b.count])
            }
            let piecewise = block.withUnsafeBufferPointer { b -> [UInt8] in
                transform.transform(b)
                return Array(transform.output[0..<b.count])
            }
            if transform.usedPieces { usedPieces += 1 }
            #expect(piecewise == bytewise, "block \(index): \(String(decoding: block.prefix(40), as: UTF8.self))")
        }
        #expect(usedPieces >= 290, "piece path taken for \(usedPieces) of \(blocks.count) blocks")
    }

    @Test("the compression engine check falls back to libbz2 when the size model disagrees")
    func engineCheck() throws {
        let agree = CompressionEngineCheck(requested: .sizeModel, libbz2Original: 1234, sizeModelOriginal: 1234)
        #expect(agree.used == .sizeModel && !agree.fellBack)
        let disagree = CompressionEngineCheck(requested: .sizeModel, libbz2Original: 1234, sizeModelOriginal: 1235)
        #expect(disagree.used == .libbz2 && disagree.fellBack)
        let unmodelled = CompressionEngineCheck(requested: .sizeModel, libbz2Original: 1234, sizeModelOriginal: nil)
        #expect(unmodelled.used == .libbz2 && unmodelled.fellBack)
        let asked = CompressionEngineCheck(requested: .libbz2, libbz2Original: 1234, sizeModelOriginal: nil)
        #expect(asked.used == .libbz2 && !asked.fellBack)

        var g = Generator(state: 0xC4EC)
        let samples = (0..<30_000).map { _ in UInt8(g.below(16)) }
        let sequence = SampleSequence(samples: samples, bitsPerSymbol: 4)
        let model = try IIDAssessment.run(samples: sequence, jobs: 2)
        let check = try #require(model.permutationTests).compressionEngine
        #expect(check.requested == .sizeModel && check.used == .sizeModel)
        #expect(check.sizeModelOriginal == check.libbz2Original)
        let original = try #require(model.permutationTests).statistics.first { $0.statistic == .compression }!.original
        #expect(original == Double(check.libbz2Original))
        // libbz2 throughout gives the same result (but for the engine record).
        var libbz2 = try IIDAssessment.run(samples: sequence, options: IIDOptions(compressionEngine: .libbz2), jobs: 2)
        #expect(libbz2.permutationTests?.compressionEngine.used == .libbz2)
        libbz2.options.compressionEngine = .sizeModel
        libbz2.permutationTests?.compressionEngine = check
        #expect(libbz2 == model)
    }

    /// The longest repeated substring by comparing every pair of positions.
    static func naiveLongestRepeat(_ s: [UInt8]) -> Int {
        var best = 0
        for i in 0..<s.count {
            for j in (i + 1)..<s.count {
                var l = 0
                while j + l < s.count && s[i + l] == s[j + l] { l += 1 }
                best = max(best, l)
            }
        }
        return best
    }

    @Test("longest repeated substring by sorted windows equals hashing and the naive search")
    func longestRepeat() {
        var g = Generator(state: 0x1B5)
        for trial in 0..<120 {
            let small = trial < 80
            let count = 2 + g.below(small ? 300 : 200_000)
            let k = [2, 2, 3, 16, 200, 256][g.below(6)]
            let symbols = Self.samples(&g, count: count, values: (0..<k).map { UInt8($0) })
            let fast = LongestRepeatedSubstringTest.longestRepeatLength(symbols)
            let hashed = symbols.withUnsafeBufferPointer { LongestRepeatedSubstringTest.longestRepeatByHashing($0, atLeast: 0) }
            #expect(fast == hashed, "trial \(trial): \(count) symbols < \(k)")
            if small { #expect(fast == Self.naiveLongestRepeat(symbols), "trial \(trial)") }
        }
    }
}
