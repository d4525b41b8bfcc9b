import Testing
@testable import SP80090B

/// The size model must give libbz2's output size (blockSize100k 5, workFactor 0) exactly:
/// libbz2 itself is the oracle here, on sample texts of every shape the IID track produces.
@Suite("bzip2 size model equals libbz2")
struct BZip2SizeModelTests {
    /// A reproducible stream of samples (64-bit LCG, top bits).
    static func samples(_ count: Int, seed: UInt64, _ transform: (UInt64) -> UInt8) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return transform(state >> 32)
        }
    }

    static func text(_ values: [UInt8]) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: CompressionText.capacity(for: values.count) + 4)
        let length = values.withUnsafeBufferPointer { v in
            buffer.withUnsafeMutableBufferPointer { CompressionText.encode(v, translatingThrough: nil, into: $0) }
        }
        return Array(buffer[0..<length])
    }

    static func check(_ text: [UInt8], _ label: String) {
        var copy = text
        let expected = copy.withUnsafeMutableBufferPointer { BZip2Compressor().compressedSize(of: $0, length: text.count) }
        let model = text.withUnsafeBufferPointer { BZip2SizeCalculator().compressedSize(of: $0) }
        #expect(model == expected, "\(label): model \(String(describing: model)) vs libbz2 \(expected), \(text.count) bytes")
    }

    @Test("random samples of 1, 2, 4, 6 and 8 bits, short and long")
    func randomSamples() {
        for bits in [1, 2, 4, 6, 8] {
            for count in [1, 7, 100, 3_000, 60_000, 400_000] {
                let values = Self.samples(count, seed: UInt64(bits * 1_000 + count)) { UInt8(truncatingIfNeeded: $0 & ((1 << UInt64(bits)) - 1)) }
                Self.check(Self.text(values), "\(bits)-bit × \(count)")
            }
        }
    }

    @Test("biased and sparse samples")
    func biasedSamples() {
        let biased = Self.samples(200_000, seed: 7) { $0 % 100 < 3 ? 1 : 0 }
        Self.check(Self.text(biased), "3 % ones")
        let rare = Self.samples(150_000, seed: 9) { $0 % 5000 == 0 ? 200 : 17 }
        Self.check(Self.text(rare), "rare 200 among 17")
        let normalish = Self.samples(250_000, seed: 11) { v in
            UInt8(truncatingIfNeeded: ((v & 0xFF) + ((v >> 8) & 0xFF) + ((v >> 16) & 0xFF)) / 3)
        }
        Self.check(Self.text(normalish), "sum of three bytes / 3")
    }

    @Test("periodic and ordered data (tied rotations)")
    func structured() {
        Self.check(Self.text([UInt8](repeating: 0, count: 1) + [UInt8](repeating: 1, count: 1)), "two samples")
        Self.check(Self.text((0..<300_000).map { UInt8($0 % 16) }), "period 16")
        Self.check(Self.text((0..<260_000).map { UInt8($0 % 2) }), "alternating bits")
        Self.check(Self.text((0..<256).map { UInt8($0) }), "0…255")
        Self.check(Self.text((0..<200_000).map { UInt8(($0 / 1000) % 256) }), "slow ramp")
        var zeros = [UInt8](repeating: 0, count: 300_000)
        zeros[123_456] = 1
        Self.check(Self.text(zeros), "one 1 among zeros (periodic block)")
    }

    @Test("block boundaries: lengths around multiples of 499,981 bytes")
    func blockBoundaries() {
        let long = Self.text(Self.samples(450_000, seed: 3) { UInt8(truncatingIfNeeded: $0 & 15) })
        let m = BZip2SizeCalculator.maxBlockLength
        for length in [m - 1, m, m + 1, m + 2, 2 * m + 1, 2 * m + 2] where length <= long.count {
            Self.check(Array(long[0..<length]), "prefix of \(length)")
        }
    }

    @Test("input with a run of four equal bytes is left to libbz2")
    func runsRejected() {
        let text = Array("1111 2".utf8)
        #expect(text.withUnsafeBufferPointer { BZip2SizeCalculator().compressedSize(of: $0) } == nil)
    }
}

extension BZip2SizeModelTests {
    @Test("block boundaries moved by held-back runs of two and three digits")
    func runsAtBoundaries() {
        // 8-bit samples of 111/222 and 11/22 (runs of 3 and 2): over twelve sequences the
        // byte at offset 499,981 falls at every position within a run.
        let m = BZip2SizeCalculator.maxBlockLength
        var positions = Set<Int>()
        for seed in 0..<12 {
            let values = Self.samples(170_000, seed: UInt64(100 + seed)) { v in [111, 222, 11, 22, 7][Int(v % 5)] }
            let text = Self.text(values)
            #expect(text.count > m + 10)
            var k = m
            while k > 0 && text[k - 1] == text[m] { k -= 1 }
            positions.insert(m - k)
            Self.check(Array(text[0..<(m + 10)]), "run-heavy text, seed \(seed)")
        }
        #expect(positions.isSuperset(of: [0, 1, 2]), "run offsets seen at the boundary: \(positions.sorted())")
    }
}

extension BZip2SizeModelTests {
    @Test("randomized cross-check: seeded sample texts of every width and shape, some cut at block boundaries")
    func randomizedCrossCheck() {
        // Every input is regenerated from this seed (64-bit LCG, top bits).
        var state: UInt64 = 0x5EED_0B22
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        let m = BZip2SizeCalculator.maxBlockLength
        for trial in 0..<72 {
            let bits = 1 + trial % 8
            let range = 1 << bits
            var values = Set<UInt8>()
            let k = trial % 3 == 0 ? range : max(2, below(range) + 1)
            while values.count < min(k, range) { values.insert(UInt8(below(range))) }
            let pool = values.sorted()
            let nearBoundary = trial % 6 == 5
            // Enough samples to pass one or two block boundaries (4 bytes per sample at most).
            let count = nearBoundary ? (m * (1 + trial % 2)) / 2 + 20_000 : 1 + below(60_000)
            let shape = below(5)
            var samples: [UInt8] = []
            samples.reserveCapacity(count)
            while samples.count < count {
                switch shape {
                case 0: samples.append(pool[below(pool.count)])
                case 1: samples.append(below(10) == 0 ? pool[below(pool.count)] : pool[0])
                case 2: samples += [UInt8](repeating: pool[below(pool.count)], count: 1 + below(6))
                case 3: samples.append(pool[samples.count % min(pool.count, 7)])
                default: samples.append(pool[below(2) * (pool.count - 1)])
                }
            }
            var text = Self.text(Array(samples.prefix(count)))
            if nearBoundary {
                let boundary = m * (1 + trial % 2)
                let length = min(text.count, boundary - 3 + below(7))
                text = Array(text[0..<length])
            }
            Self.check(text, "trial \(trial): \(bits)-bit, \(pool.count) values, shape \(shape), \(text.count) bytes")
        }
    }
}

extension BZip2SizeModelTests {
    /// The size through the samples' pieces, for the text of `samples` (raw values through
    /// `rawTable` when given).
    static func sampleSize(_ samples: [UInt8], rawTable: [UInt8]?, calculator: BZip2SizeCalculator) -> (text: [UInt8], size: Int) {
        let raw = rawTable.map { table in samples.map { table[Int($0)] } } ?? samples
        let text = Self.text(raw)
        let size = text.withUnsafeBufferPointer { t in
            samples.withUnsafeBufferPointer {
                calculator.compressedSize(ofSampleText: t, samples: $0, tokens: .init(rawTable: rawTable))
            }
        }
        return (text, size)
    }

    @Test("sample path equals libbz2 on sample texts of every width, across block boundaries")
    func samplePathAgainstLibbz2() {
        var state: UInt64 = 0x5A_3B1E
        func below(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 11) % UInt64(n))
        }
        let calculator = BZip2SizeCalculator()
        for trial in 0..<16 {
            let bits = 1 + trial % 8
            let k = max(2, below(1 << bits) + 1)
            let values = (0..<k).map { _ in UInt8(below(1 << bits)) }
            // 1.0–2.3 blocks of text.
            let count = BZip2SizeCalculator.maxBlockLength / (bits < 4 ? 2 : bits < 7 ? 3 : 4) + below(400_000)
            let samples = (0..<count).map { _ in values[below(values.count)] }
            let (text, size) = Self.sampleSize(samples, rawTable: nil, calculator: calculator)
            var copy = text
            let expected = copy.withUnsafeMutableBufferPointer { BZip2Compressor().compressedSize(of: $0, length: text.count) }
            #expect(size == expected, "trial \(trial): \(bits)-bit, \(count) samples, \(text.count) bytes")
        }
        // Binary symbols standing for two raw values.
        for (low, high) in [(UInt8(0), UInt8(1)), (5, 200), (99, 100), (7, 255)] {
            let samples = (0..<300_000).map { _ in UInt8(below(2)) }
            let (text, size) = Self.sampleSize(samples, rawTable: [low, high], calculator: calculator)
            var copy = text
            let expected = copy.withUnsafeMutableBufferPointer { BZip2Compressor().compressedSize(of: $0, length: text.count) }
            #expect(size == expected, "binary \(low)/\(high)")
        }
    }

    @Test("sample path equals the text path at thousands of block edges (short blocks)")
    func samplePathAtBlockEdges() {
        var state: UInt64 = 0xED6E5
        func below(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 11) % UInt64(n))
        }
        for trial in 0..<400 {
            // Blocks of 1…60 bytes cut tokens at every offset; texts of 1…3000 bytes.
            let calculator = BZip2SizeCalculator(blockLength: 1 + below(60))
            let k = [2, 3, 10, 40, 256][below(5)]
            let values = (0..<k).map { _ in UInt8(below(256)) }
            let count = 1 + below(trial < 200 ? 50 : 800)
            let samples = (0..<count).map { _ in UInt8(below(k)) }
            let rawTable = below(2) == 0 ? values : nil
            let mapped = rawTable == nil ? samples.map { values[Int($0)] } : samples
            let (text, size) = Self.sampleSize(mapped, rawTable: rawTable, calculator: calculator)
            let bytewise = text.withUnsafeBufferPointer { calculator.compressedSize(of: $0) }
            #expect(bytewise == size, "trial \(trial): block \(calculator.blockLength), \(count) samples, \(text.count) bytes")
        }
    }
}
