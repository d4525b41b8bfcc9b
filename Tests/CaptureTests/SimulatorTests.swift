import Capture
import RandomnessCore
import Testing

/// The simulator's determinism, and each fault's defining property measured on its output.
struct SimulatorTests {
    /// The clean source is the generator's outputs, eight little-endian bytes each.
    @Test func cleanSourceIsTheGeneratorsBytes() throws {
        var source = try FaultySource(seed: 9)
        var generator = Xoshiro256StarStar(seed: 9)
        let expected = (0..<16).flatMap { _ -> [UInt8] in
            let v = generator.next()
            return (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }
        }
        #expect(source.next(128) == expected)
    }

    static let everyFault = SimulatorFaults(
        onset: 1000, bias: 0.6, correlation: 0.3, period: 5000, repeatBlock: 77, dropoutLength: 40, dropoutInterval: 3000,
        stuckBit: 5, stuckValue: 1)

    /// The same seed and faults give the same bytes however the output is cut into reads.
    @Test(arguments: [SimulatorFaults(), everyFault, SimulatorFaults(onset: 13, repeatBlock: 7, dropoutLength: 5, dropoutInterval: 50)])
    func outputDoesNotDependOnReadSizes(faults: SimulatorFaults) throws {
        var whole = try FaultySource(seed: 5, faults: faults)
        let reference = whole.next(40_000)
        for sizes in [[1], [7], [3, 1000, 17], [4096], [8, 9]] {
            var pieces = try FaultySource(seed: 5, faults: faults)
            var out: [UInt8] = []
            var k = 0
            while out.count < reference.count {
                out += pieces.next(min(sizes[k % sizes.count], reference.count - out.count))
                k += 1
            }
            #expect(out == reference, "read sizes \(sizes)")
        }
        var again = try FaultySource(seed: 5, faults: faults)
        #expect(again.next(40_000) == reference)
        var otherSeed = try FaultySource(seed: 6, faults: faults)
        #expect(otherSeed.next(40_000) != reference)
    }

    /// Bytes before the onset are the clean source's.
    @Test func faultsStartAtTheOnset() throws {
        var clean = try FaultySource(seed: 3)
        var faulty = try FaultySource(seed: 3, faults: Self.everyFault)
        let a = clean.next(5000), b = faulty.next(5000)
        #expect(a[0..<1000] == b[0..<1000])
        #expect(a[1000...] != b[1000...])
    }

    @Test func stuckBitReadsItsValue() throws {
        var source = try FaultySource(seed: 1, faults: SimulatorFaults(onset: 100, stuckBit: 0, stuckValue: 0))
        let bytes = source.next(100_000)
        #expect(bytes[100...].allSatisfy { $0 & 1 == 0 })
        #expect(bytes[..<100].contains { $0 & 1 == 1 })
        var high = try FaultySource(seed: 1, faults: SimulatorFaults(stuckBit: 7, stuckValue: 1))
        #expect(high.next(10_000).allSatisfy { $0 & 0x80 != 0 })
    }

    @Test func periodRepeats() throws {
        var source = try FaultySource(seed: 2, faults: SimulatorFaults(onset: 10, period: 1000))
        let bytes = source.next(10_010)
        #expect((1010..<10_010).allSatisfy { bytes[$0] == bytes[$0 - 1000] })
        #expect(Set(bytes[10..<1010]).count > 200)
    }

    @Test func blocksAreServedTwice() throws {
        var clean = try FaultySource(seed: 4)
        var source = try FaultySource(seed: 4, faults: SimulatorFaults(repeatBlock: 64))
        let generated = clean.next(64 * 50)
        let bytes = source.next(64 * 100)
        for k in 0..<50 {
            let block = Array(generated[(64 * k)..<(64 * k + 64)])
            #expect(Array(bytes[(128 * k)..<(128 * k + 64)]) == block)
            #expect(Array(bytes[(128 * k + 64)..<(128 * k + 128)]) == block)
        }
    }

    /// Dropouts are runs of exactly LEN zeros (or longer where the data had zeros next to
    /// them), one per gap of mean `dropoutInterval`.
    @Test func dropoutsAreRunsOfZeros() throws {
        var source = try FaultySource(seed: 8, faults: SimulatorFaults(dropoutLength: 100, dropoutInterval: 2000))
        let bytes = source.next(1_000_000)
        var runs = 0, i = 0
        while i < bytes.count {
            if bytes[i] == 0 {
                var j = i
                while j < bytes.count && bytes[j] == 0 { j += 1 }
                if j - i >= 100 { runs += 1 }
                i = j
            } else { i += 1 }
        }
        // 1,000,000 / (2000 + 100) ≈ 476 runs; the gaps are uniform, so ±5σ ≈ ±35·… is generous at ±60.
        #expect(abs(runs - 476) < 60, "runs: \(runs)")
    }

    /// Bias P: the fraction of ones is P within 5σ; correlation R: consecutive bits agree
    /// with probability (1 + R)/2 within 5σ.
    @Test func biasAndCorrelationHaveTheirMeasure() throws {
        var biased = try FaultySource(seed: 11, faults: SimulatorFaults(bias: 0.55))
        let b = biased.next(125_000)
        let n = Double(b.count * 8)
        let ones = Double(b.reduce(0) { $0 + $1.nonzeroBitCount })
        #expect(abs(ones / n - 0.55) < 5 * (0.55 * 0.45 / n).squareRoot())

        var correlated = try FaultySource(seed: 12, faults: SimulatorFaults(correlation: 0.2))
        let c = correlated.next(125_000)
        var agree = 0, pairs = 0
        var previous: UInt8? = nil
        for byte in c {
            for k in (0..<8).reversed() {
                let bit = (byte >> UInt8(k)) & 1
                if let previous { pairs += 1; if previous == bit { agree += 1 } }
                previous = bit
            }
        }
        let p = Double(agree) / Double(pairs)
        #expect(abs(p - 0.6) < 5 * (0.6 * 0.4 / Double(pairs)).squareRoot(), "agreement \(p)")
    }

    @Test func badParametersNameTheOption() {
        let cases: [(SimulatorFaults, String)] = [
            (SimulatorFaults(bias: 1.5), "--bias"), (SimulatorFaults(correlation: 1), "--correlation"),
            (SimulatorFaults(period: 0), "--period"), (SimulatorFaults(repeatBlock: 0), "--repeat-block"),
            (SimulatorFaults(dropoutLength: 0), "--dropout"), (SimulatorFaults(stuckBit: 8), "--stuck-at"),
            (SimulatorFaults(onset: -1), "--after"), (SimulatorFaults(stuckBit: 1, stuckValue: 2), "--stuck-value"),
        ]
        for (faults, option) in cases {
            let error = #expect(throws: CaptureError.self) { _ = try FaultySource(seed: 0, faults: faults) }
            #expect(error?.description.contains(option) == true, "\(String(describing: error))")
        }
    }
}
