import Foundation
import RandomnessCore
import Testing
@testable import SP80090B

/// Options, typed errors and the data preparation of `ea_non_iid` (utils.h read_file_subset).
@Suite("Non-IID options and input preparation")
struct NonIIDOptionsTests {
    static func samples(_ count: Int, seed: UInt64, k: Int) -> [UInt8] {
        var rng = NonIIDTestRandom(state: seed)
        return rng.symbols(count, k: k)
    }

    @Test("bad options and inputs are typed errors naming the parameter")
    func errors() {
        let data = Self.samples(1000, seed: 21, k: 16)
        #expect(throws: NonIIDError.invalidBitsPerSymbol(9)) {
            try NonIIDAssessment.run(samples: data, options: NonIIDOptions(bitsPerSymbol: 9))
        }
        #expect(throws: NonIIDError.invalidBitsPerSymbol(0)) {
            try NonIIDAssessment.run(samples: data, options: NonIIDOptions(bitsPerSymbol: 0))
        }
        #expect(throws: NonIIDError.subsetOutOfRange(index: 4, samples: 250, available: 1000)) {
            try NonIIDAssessment.run(samples: data, options: NonIIDOptions(subset: .init(index: 4, samples: 250)))
        }
        #expect(throws: NonIIDError.invalidSubset(index: -1, samples: 10)) {
            try NonIIDAssessment.run(samples: data, options: NonIIDOptions(subset: .init(index: -1, samples: 10)))
        }
        #expect(throws: NonIIDError.emptyInput) { try NonIIDAssessment.run(samples: [], options: NonIIDOptions()) }
        #expect(throws: NonIIDError.singleSymbolAlphabet(symbol: 7, count: 50)) {
            try NonIIDAssessment.run(samples: [UInt8](repeating: 7, count: 50), options: NonIIDOptions())
        }
        // All zeros: the reference infers width 0 and stops on the one-symbol alphabet.
        #expect(throws: NonIIDError.singleSymbolAlphabet(symbol: 0, count: 10)) {
            try NonIIDAssessment.run(samples: [UInt8](repeating: 0, count: 10), options: NonIIDOptions())
        }
        var wide = data
        wide[123] = 0x20
        #expect(throws: NonIIDError.samplesWiderThanDeclared(sampleBits: 6, bitsPerSymbol: 4, offset: 123)) {
            try NonIIDAssessment.run(samples: wide, options: NonIIDOptions(bitsPerSymbol: 4))
        }
        let message = NonIIDError.subsetOutOfRange(index: 4, samples: 250, available: 1000).description
        #expect(message.contains("-l 4,250") && message.contains("1000"))
        #expect(NonIIDError.invalidBitsPerSymbol(9).description.contains("bits_per_symbol"))
    }

    @Test("-l selects block index × samples, the last one partial; samples 0 means everything")
    func subset() throws {
        let data = Self.samples(1000, seed: 22, k: 256)
        let block = try NonIIDData(samples: data, subset: .init(index: 3, samples: 300), bitsPerSymbol: nil)
        #expect(block.rawSamples == Array(data[900..<1000]))
        let all = try NonIIDData(samples: data, subset: .init(index: 5, samples: 0), bitsPerSymbol: nil)
        #expect(all.rawSamples == data)
    }

    @Test("width inference and translation as the reference: highest bit set, ranks of the symbols present")
    func inference() throws {
        // Symbols {1, 2, 5, 7}: 3 bits, 4 distinct, translated to ranks 0…3; the bitstring keeps
        // the raw values.
        let data: [UInt8] = [1, 2, 5, 7, 7, 5, 2, 1]
        let prepared = try NonIIDData(samples: data, subset: nil, bitsPerSymbol: nil)
        #expect(prepared.bitsPerSymbol == 3)
        #expect(prepared.alphabetSize == 4)
        #expect(prepared.translated)
        #expect(prepared.symbols == [0, 1, 2, 3, 3, 2, 1, 0])
        #expect(prepared.bitstring().bitArray == [0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1])
        // SampleSequence's inference (used by the CLI) is the same rule for any data with a
        // non-zero sample: the highest set bit of all samples OR-ed together.
        for value in 1...255 {
            let reference = 8 - UInt8(value).leadingZeroBitCount
            #expect(SampleSequence.inferredBitsPerSymbol(of: [0, UInt8(value), 0]) == reference)
        }
        // Declared wider than needed: kept, with the reference's warning.
        let declared = try NonIIDAssessment.run(samples: Self.samples(5000, seed: 23, k: 16), options: NonIIDOptions(bitsPerSymbol: 6), jobs: 1)
        #expect(declared.bitsPerSymbol == 6)
        #expect(declared.warnings.contains("Symbols appear to be narrower than described."))
        #expect(declared.bitstring?.length == 30_000)
    }

    @Test("two distinct symbols run once, on the samples; -c runs on the bitstring only")
    func tracks() throws {
        let binary = (try NonIIDData(samples: [0, 5, 5, 0], subset: nil, bitsPerSymbol: nil))
        #expect(binary.isBinary && binary.bitsPerSymbol == 3 && binary.symbols == [0, 1, 1, 0])
        let data = Self.samples(7000, seed: 24, k: 2).map { $0 * 5 }
        let initial = try NonIIDAssessment.run(samples: data, jobs: 1)
        #expect(initial.bitstring == nil && initial.hBitstring == nil)
        #expect(initial.literal?.collision != nil && initial.literal?.compression != nil)
        #expect(initial.assessedMinEntropy == min(3.0, initial.hOriginal!))
        let conditioned = try NonIIDAssessment.run(samples: data, options: NonIIDOptions(estimate: .conditioned), jobs: 1)
        #expect(conditioned.literal == nil && conditioned.hOriginal == nil)
        #expect(conditioned.bitstring?.length == 21_000)
        #expect(conditioned.assessedMinEntropy == min(3.0, 3.0 * conditioned.hBitstring!))
        let truncated = try NonIIDAssessment.run(samples: Self.samples(200_000, seed: 25, k: 64), options: NonIIDOptions(allBits: false), jobs: 2)
        #expect(truncated.bitstring?.length == 1_000_000)
        #expect(truncated.literal?.length == 200_000)
    }

    @Test("estimators that cannot run are listed, never part of the minimum")
    func notApplicable() throws {
        let result = try NonIIDAssessment.run(samples: Self.samples(700, seed: 26, k: 256), jobs: 2)
        let literal = try #require(result.literal)
        #expect(literal.tTuple == nil && literal.multiMCW == nil)
        #expect(Set(literal.notApplicable.map(\.estimator)) == [.tTuple, .multiMCW])
        #expect(result.bitstring?.compression == nil)
        #expect(result.bitstring?.notApplicable.map(\.estimator) == [.compression])
        #expect(literal.minEntropies.allSatisfy { $0.minEntropy >= 0 })
        #expect(result.hOriginal == min(8.0, literal.minEntropies.map(\.minEntropy).min()!))
    }

    @Test("results are identical for any number of jobs and encode to JSON")
    func determinism() throws {
        let data = Self.samples(30_000, seed: 27, k: 8)
        let one = try NonIIDAssessment.run(samples: data, jobs: 1)
        let two = try NonIIDAssessment.run(samples: data, jobs: 2)
        let four = try NonIIDAssessment.run(samples: data, jobs: 4)
        #expect(one == two && two == four)
        let json = try JSONEncoder().encode(one)
        #expect(try JSONDecoder().decode(NonIIDResult.self, from: json) == one)
        // The SampleSequence entry point takes its width as declared.
        let sequence = SampleSequence(samples: data, bitsPerSymbol: 3)
        #expect(try NonIIDAssessment.run(samples: sequence, jobs: 2) == one)
    }

    @Test("tiny inputs never crash and report only finite numbers")
    func tinyInputs() throws {
        var rng = NonIIDTestRandom(state: 28)
        for length in [2, 3, 4, 5, 17, 18, 19, 20, 40, 130] {
            for k in [2, 3, 256] {
                var data = rng.symbols(length, k: k)
                data[0] = 0
                data[1] = UInt8(k - 1)
                for estimate in NonIIDOptions.Estimate.allCases {
                    let result = try NonIIDAssessment.run(samples: data, options: NonIIDOptions(estimate: estimate), jobs: 2)
                    #expect(result.referenceFigures.allSatisfy { $0.value.isFinite }, "length \(length), k \(k)")
                    _ = try JSONEncoder().encode(result)
                }
            }
        }
    }
}
