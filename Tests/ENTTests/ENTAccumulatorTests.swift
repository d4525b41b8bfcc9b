import Foundation
import Testing
import RandomnessCore
@testable import ENT

/// The accumulator's figures against the numbers `ent -t` / `ent -bt` / `ent -ct` print
/// for the same files (ent's own output is the provenance of every expected value), and
/// its independence from how the stream is cut into chunks.
@Suite struct ENTAccumulatorTests {
    /// ent prints %f (6 decimals): the printed value is within half a unit of the last digit.
    static func expectPrinted(_ actual: Double?, _ printed: Double, _ what: String) {
        if printed.isNaN {
            #expect(actual == nil, "\(what): ent prints nan, we computed \(String(describing: actual))")
            return
        }
        guard let actual else {
            Issue.record("\(what): ent prints \(printed), we computed nothing")
            return
        }
        #expect(abs(actual - printed) <= 0.5e-6 * (1 + 1e-9) + abs(printed) * 1e-15,
                "\(what): ours \(actual), ent prints \(printed)")
    }

    @Test(.enabled(if: ENTReferenceProgram.isAvailable, "Debian's ent is not installed; skipped"),
          arguments: ENTSampleFiles.all.map(\.name))
    func figuresMatchEntTerseOutput(_ name: String) throws {
        let bytes = ENTSampleFiles.all.first { $0.name == name }!.bytes
        let directory = try TemporaryDirectory()
        let path = try directory.file(name, bytes)
        var accumulator = ENTAccumulator()
        accumulator.add(bytes)
        for mode in ENTMode.allCases {
            let output = try ENTReferenceProgram.run([mode == .bit ? "-bct" : "-ct", path])
            let expected = try #require(ENTReferenceProgram.terseFigures(output))
            let s = accumulator.statistics(mode: mode)
            let label = "\(name) \(mode)"
            #expect(s.sampleCount == expected.samples, "\(label): sample count")
            Self.expectPrinted(s.entropy, expected.entropy, "\(label) entropy")
            Self.expectPrinted(s.chiSquare, expected.chiSquare, "\(label) chi-square")
            Self.expectPrinted(s.mean, expected.mean, "\(label) mean")
            Self.expectPrinted(s.monteCarloPi, expected.monteCarloPi, "\(label) Monte Carlo π")
            Self.expectPrinted(s.serialCorrelation, expected.serialCorrelation == -100000 ? .nan : expected.serialCorrelation,
                               "\(label) serial correlation")
            // "3,value,count,fraction" lines: the occurrence counts, exactly.
            let countLines = String(decoding: output, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("3,") }
            let counts = countLines.map { UInt64($0.split(separator: ",")[2])! }
            #expect(s.counts == counts, "\(label): occurrence counts")
        }
    }

    /// A naive per-bit, per-byte reading of the stream, as ent's rt_add walks it: the
    /// oracle for the word-level kernels (counts, adjacent products, 1-1 bit pairs, points).
    static func naive(_ bytes: [UInt8]) -> (products: UInt64, onePairs: UInt64, ones: UInt64, points: UInt64, inside: UInt64) {
        var products: UInt64 = 0, onePairs: UInt64 = 0, ones: UInt64 = 0, points: UInt64 = 0, inside: UInt64 = 0
        var previousBit: UInt64? = nil
        for (i, b) in bytes.enumerated() {
            if i > 0 { products += UInt64(bytes[i - 1]) * UInt64(b) }
            for k in (0..<8).reversed() {
                let bit = UInt64(b >> k) & 1
                ones += bit
                if let p = previousBit { onePairs += p & bit }
                previousBit = bit
            }
        }
        var k = 0
        while k + 6 <= bytes.count {
            var x: UInt64 = 0, y: UInt64 = 0
            for j in 0..<3 { x = x * 256 + UInt64(bytes[k + j]); y = y * 256 + UInt64(bytes[k + 3 + j]) }
            points += 1
            if x * x + y * y <= 16_777_215 * 16_777_215 { inside += 1 }
            k += 6
        }
        return (products, onePairs, ones, points, inside)
    }

    @Test(arguments: ENTSampleFiles.all.map(\.name))
    func kernelsMatchNaiveBitwiseReading(_ name: String) {
        let bytes = ENTSampleFiles.all.first { $0.name == name }!.bytes
        var accumulator = ENTAccumulator()
        accumulator.add(bytes)
        let expected = Self.naive(bytes)
        #expect(accumulator.adjacentByteProducts == expected.products)
        #expect(accumulator.adjacentOneBitPairs == expected.onePairs)
        #expect(accumulator.symbolCounts(.bit) == [UInt64(bytes.count * 8) - expected.ones, expected.ones])
        #expect(accumulator.monteCarloPoints == expected.points)
        #expect(accumulator.monteCarloInside == expected.inside)
        var byteCounts = [UInt64](repeating: 0, count: 256)
        for b in bytes { byteCounts[Int(b)] += 1 }
        #expect(accumulator.byteCounts == byteCounts)
    }

    /// Feeds `bytes` in chunks of `size` bytes.
    static func accumulate(_ bytes: [UInt8], chunkSize size: Int, fold: Bool) -> ENTAccumulator {
        var accumulator = ENTAccumulator(foldingCase: fold)
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let end = min(buffer.count, offset + size)
                accumulator.add(UnsafeBufferPointer(rebasing: buffer[offset..<end]))
                offset = end
            }
        }
        return accumulator
    }

    @Test(arguments: [1, 2, 5, 6, 7, 8, 13, 4096, 65_535, 65_536, 65_537, 200_001])
    func chunkSizeDoesNotChangeTheResult(_ chunkSize: Int) {
        var g = SplitMix64(seed: 7)
        let bytes = g.bytes(150_000) + ENTSampleFiles.all.first { $0.name == "latin1-text" }!.bytes
        for fold in [false, true] {
            let whole = Self.accumulate(bytes, chunkSize: bytes.count, fold: fold)
            let chunked = Self.accumulate(bytes, chunkSize: chunkSize, fold: fold)
            #expect(chunked == whole, "chunk size \(chunkSize), fold \(fold)")
            #expect(chunked.suiteResult() == whole.suiteResult())
        }
    }

    @Test func parallelScanGivesTheSameResultForAnyJobs() {
        var g = SplitMix64(seed: 12)
        // Long enough to be cut into several segments; odd length leaves a partial point.
        let bytes = g.bytes(3_000_001)
        for fold in [false, true] {
            var serial = ENTAccumulator(foldingCase: fold)
            serial.add(bytes, jobs: 1)
            for jobs in [2, 3, 8] {
                var parallel = ENTAccumulator(foldingCase: fold)
                parallel.add(Array(bytes[0..<5]), jobs: jobs)   // leaves a point open
                parallel.add(Array(bytes[5...]), jobs: jobs)
                #expect(parallel == serial, "jobs \(jobs), fold \(fold)")
            }
        }
        var naive = ENTAccumulator()
        naive.add(bytes)
        let expected = Self.naive(bytes)
        #expect(naive.adjacentByteProducts == expected.products && naive.adjacentOneBitPairs == expected.onePairs)
        #expect(naive.monteCarloPoints == expected.points && naive.monteCarloInside == expected.inside)
    }

    @Test func streamingAFileInAnyChunkSizeGivesTheSameResult() throws {
        var g = SplitMix64(seed: 99)
        let bytes = g.bytes(300_007)
        let directory = try TemporaryDirectory()
        let source = InputSource(path: try directory.file("stream", bytes))
        var reference = ENTAccumulator()
        reference.add(bytes)
        for chunkSize in [1_000, 4_096, 65_536, 1 << 20] {
            var streamed = ENTAccumulator()
            try source.stream(chunkSize: chunkSize) { streamed.add($0) }
            #expect(streamed == reference, "chunk size \(chunkSize)")
        }
    }

    @Test func foldingMapsLatin1CapitalsOnly() {
        // ent -f folds A–Z, À–Ö, Ø–Þ (+0x20); ×, ß, ÿ and everything else are unchanged.
        for v in 0...255 {
            let folded = ENTLatin1.foldTable[v]
            let isCapital = (0x41...0x5A).contains(v) || (0xC0...0xDE).contains(v) && v != 0xD7
            #expect(folded == UInt8(isCapital ? v + 0x20 : v), "byte \(v)")
        }
        var accumulator = ENTAccumulator(foldingCase: true)
        accumulator.add(Array("AbC\u{0}".utf8))
        #expect(accumulator.byteCounts[0x61] == 1 && accumulator.byteCounts[0x62] == 1 && accumulator.byteCounts[0x63] == 1)
        #expect(accumulator.byteCounts[0x41] == 0)
    }

    @Test func emptyInputHasNoFiguresAndIsNotApplicable() {
        let result = ENTAccumulator().suiteResult()
        for s in [result.byteMode, result.bitMode] {
            #expect(s.sampleCount == 0 && s.entropy == 0 && s.optimumCompressionPercent == 100)
            #expect(s.chiSquare == nil && s.chiSquarePValue == nil && s.mean == nil)
            #expect(s.monteCarloPi == nil && s.serialCorrelation == nil)
            #expect(s.verdict == .notApplicable)
        }
        #expect(result.verdict == .notApplicable)
    }

    @Test func suiteResultRoundTripsThroughJSON() throws {
        var g = SplitMix64(seed: 3)
        for bytes in [g.bytes(5_000), [UInt8](repeating: 0, count: 100), [0x41], []] {
            var accumulator = ENTAccumulator()
            accumulator.add(bytes)
            let result = accumulator.suiteResult()
            let data = try JSONEncoder().encode(result)
            #expect(try JSONDecoder().decode(ENTSuiteResult.self, from: data) == result)
        }
    }
}
