import Foundation
import RandomnessCore
import Testing
@testable import SP80090B

/// SplitMix64, the seeded generator of these tests (seeds are in the test arguments).
struct NonIIDTestRandom {
    private var generator: SplitMix64
    init(state: UInt64) { generator = SplitMix64(seed: state) }
    mutating func next() -> UInt64 { generator.next() }

    /// `count` symbols below k: independent with P(0) ≈ bias when `runs` is false, else runs of
    /// random length 1…16 (predictable data).
    mutating func symbols(_ count: Int, k: Int, bias: Double = 0, runs: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            let u = Double(next() >> 11) / Double(1 << 53)
            let value = bias > 0 && u < bias ? 0 : UInt8(truncatingIfNeeded: next() % UInt64(k))
            let length = runs ? Int(next() % 16) + 1 : 1
            out.append(contentsOf: repeatElement(value, count: min(length, count - out.count)))
        }
        return out
    }
}

/// The fast paths against the straightforward ones they replace, on seeded random data:
/// packed-word and two-symbol specialisations must give the same counts as the reference's
/// general order of events.
@Suite("Non-IID fast paths agree with the general algorithms")
struct NonIIDEquivalenceTests {
    static let cases: [(seed: UInt64, length: Int, bias: Double, runs: Bool)] = [
        (1, 20_000, 0, false), (2, 20_000, 0.7, false), (3, 20_000, 0, true), (4, 5_000, 0.95, false),
        (5, 9_000, 0.5, true), (6, 300, 0, false), (37, 400_000, 0, false), (38, 250_000, 0.3, true),
    ]

    @Test("binary lag (64 predictions per word) = the reference's ring buffers", arguments: 0..<cases.count)
    func lag(index: Int) {
        let c = Self.cases[index]
        var rng = NonIIDTestRandom(state: c.seed)
        let s = rng.symbols(c.length, k: 2, bias: c.bias, runs: c.runs)
        let general = s.withUnsafeBufferPointer { LagPrediction.predict($0, k: 2) }
        let packed = LagPrediction.predictBits(BitSequence(bits: s))
        #expect(general == packed)
    }

    @Test("binary MultiMCW (sliding majorities) = the reference's window counts", arguments: 0..<cases.count)
    func multiMCW(index: Int) {
        let c = Self.cases[index]
        var rng = NonIIDTestRandom(state: c.seed)
        let s = rng.symbols(max(c.length, 5000), k: 2, bias: c.bias, runs: c.runs)
        let general = s.withUnsafeBufferPointer { MultiMCWPrediction.predict($0, k: 2) }
        let binary = s.withUnsafeBufferPointer { MultiMCWPrediction.predictBinary($0) }
        #expect(general == binary)
    }

    /// The reference's binary branches (flat tables) and map branches agree on two symbols.
    @Test("binary MultiMMC and LZ78Y tables = the map-based branch", arguments: 0..<cases.count)
    func contextPredictors(index: Int) {
        let c = Self.cases[index]
        var rng = NonIIDTestRandom(state: c.seed)
        let s = rng.symbols(c.length, k: 2, bias: c.bias, runs: c.runs)
        s.withUnsafeBufferPointer { p in
            #expect(MultiMMCPrediction.predict(p) == MultiMMCPrediction.predictBinary(p))
            #expect(MultiMMCPrediction.predictBinaryByOrder(p) == MultiMMCPrediction.predictBinary(p))
            #expect(LZ78YPrediction.predict(p) == LZ78YPrediction.predictBinary(p))
        }
    }

    @Test("MultiMMC order by order = sample by sample", arguments: [(31, 3, 0.0, false), (32, 16, 0.5, false), (33, 256, 0, false), (34, 5, 0, true), (35, 256, 0, true), (36, 200, 0.9, false)])
    func multiMMCByOrder(seed: UInt64, k: Int, bias: Double, runs: Bool) {
        var rng = NonIIDTestRandom(state: seed)
        for length in [4, 5, 20, 3000, 150_000] {
            let s = rng.symbols(length, k: k, bias: bias, runs: runs)
            s.withUnsafeBufferPointer { p in
                #expect(MultiMMCPrediction.predict(p) == MultiMMCPrediction.predictByOrder(p), "length \(length), k \(k)")
            }
        }
    }

    @Test("SA-IS = sorting the suffixes directly", arguments: [(7, 2, false), (8, 3, false), (9, 2, true), (10, 256, false), (11, 4, true), (12, 1, false)])
    func suffixArray(seed: UInt64, k: Int, runs: Bool) {
        var rng = NonIIDTestRandom(state: seed)
        for length in [1, 2, 3, 10, 100, 2000] {
            let s = rng.symbols(length, k: k, runs: runs)
            let expected = (0..<length).sorted { a, b in s[a...].lexicographicallyPrecedes(s[b...]) }.map { Int32($0) }
            let sa = SuffixArray.build(s, alphabetSize: k)
            #expect(sa == expected, "length \(length), k \(k)")
            let lcp = SuffixArray.longestCommonPrefixes(s, suffixArray: sa)
            for r in 1..<length {
                let a = s[Int(sa[r - 1])...], b = s[Int(sa[r])...]
                let common = zip(a, b).prefix { $0 == $1 }.count
                #expect(Int(lcp[r]) == common)
            }
        }
    }

    /// Q[t] and S[t] from the packed-window sort, from SA-IS + Kasai, and by counting tuples.
    @Test("repeated-tuple counts: packed windows = suffix array = direct counting", arguments: [(13, 2, 0.0, false), (14, 2, 0.9, false), (15, 5, 0, true), (16, 256, 0, false), (17, 2, 0, true), (18, 16, 0.6, false)])
    func repeatedTuples(seed: UInt64, k: Int, bias: Double, runs: Bool) {
        var rng = NonIIDTestRandom(state: seed)
        for length in [2, 3, 40, 3000] {
            let s = rng.symbols(length, k: k, bias: bias, runs: runs)
            let viaSuffixArray = RepeatedTuples(suffixSortOf: s, alphabetSize: k)
            let viaWindows = k == 2 ? RepeatedTuples(bits: BitSequence(bits: s)) : RepeatedTuples(symbols: s, alphabetSize: k)
            #expect(viaWindows == viaSuffixArray, "length \(length), k \(k)")
            // Direct counts for every t ≤ v.
            for t in stride(from: 1, through: viaSuffixArray.longestRepeat, by: 1) {
                var counts: [ArraySlice<UInt8>: Int] = [:]
                for p in 0...(length - t) { counts[s[p..<(p + t)], default: 0] += 1 }
                #expect(viaSuffixArray.maxOccurrences[t] == counts.values.max())
                #expect(viaSuffixArray.equalPairs[t] == counts.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 })
            }
            // v is the longest repeat: no (v+1)-tuple occurs twice.
            let v = viaSuffixArray.longestRepeat
            if v + 1 <= length {
                let tuples = (0...(length - v - 1)).map { s[$0..<($0 + v + 1)] }
                #expect(Set(tuples).count == tuples.count)
            }
        }
    }

    @Test("long repeats fall back from packed windows to the suffix array")
    func longRepeatFallback() {
        var rng = NonIIDTestRandom(state: 19)
        let block = rng.symbols(500, k: 2)
        let s = block + block + rng.symbols(100, k: 2)
        let tuples = RepeatedTuples(bits: BitSequence(bits: s))
        #expect(tuples.longestRepeat >= 500)
        #expect(tuples == RepeatedTuples(suffixSortOf: s, alphabetSize: 2))
        #expect(RepeatedTuples.fromSortedWindows(keys: s.indices.map { BitSequence(bits: s).word(startingAt: $0) }, perKey: 64, width: 1) == nil)
    }
}
