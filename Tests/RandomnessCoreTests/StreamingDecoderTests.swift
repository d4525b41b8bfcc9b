import Testing
@testable import RandomnessCore

/// `StreamingDecoder` fed in chunks of any size gives the bits `InputDecoder.bits` gives for
/// the whole input, and the same errors at the same offsets.
@Suite struct StreamingDecoderTests {
    /// Decodes `input` in chunks of `chunk` bytes.
    static func decode(_ input: [UInt8], options: DecodingOptions, chunk: Int) throws(InputError) -> BitSequence {
        try StreamingDecoder.bits(of: input, options: options, name: "in", chunkSize: chunk)
    }

    static func seeded(_ count: Int, seed: UInt64) -> [UInt8] {
        var g = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: g.next()) }
    }

    @Test(arguments: [1, 3, 7, 64, 1000, 1 << 20])
    func everyFormatMatchesTheWholeInputDecoder(chunk: Int) throws {
        let raw = Self.seeded(5003, seed: 11)
        let hex = Array(raw.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
            .enumerated().map { $0.offset % 17 == 0 ? $0.element.uppercased() + "\n" : $0.element }.joined().utf8)
        let ascii = Array((0..<4099).map { i in raw[i % raw.count] & 1 == 0 ? "0" : (i % 97 == 0 ? "1 " : "1") }.joined().utf8)
        let samples = raw.map { $0 & 0x1F }
        let cases: [([UInt8], DecodingOptions)] = [
            (raw, DecodingOptions(format: .raw)),
            (raw, DecodingOptions(format: .raw, bitOrder: .lsb)),
            (hex, DecodingOptions(format: .hex)),
            (hex, DecodingOptions(format: .hex, bitOrder: .lsb)),
            (ascii, DecodingOptions(format: .ascii01)),
            (samples, DecodingOptions(format: .samples, bitsPerSymbol: 5)),
            (samples, DecodingOptions(format: .samples, bitsPerSymbol: 7)),
            (raw, DecodingOptions(format: .samples, bitsPerSymbol: 8)),
        ]
        for (input, options) in cases {
            let whole = try InputDecoder.bits(from: input, options: options, name: "in")
            let streamed = try Self.decode(input, options: options, chunk: chunk)
            #expect(streamed == whole, "\(options)")
        }
    }

    @Test func errorsNameTheAbsoluteOffset() {
        let text = Array("0101 0110\n01x1".utf8)
        #expect(throws: InputError.invalidCharacter(path: "in", offset: 12, character: UInt8(ascii: "x"), format: .ascii01)) {
            _ = try Self.decode(text, options: DecodingOptions(format: .ascii01), chunk: 5)
        }
        #expect(throws: InputError.oddHexDigitCount(path: "in", digits: 5)) {
            _ = try Self.decode(Array("ab cd\ne".utf8), options: DecodingOptions(format: .hex), chunk: 2)
        }
        #expect(throws: InputError.sampleTooWide(path: "in", offset: 6, value: 9, bitsPerSymbol: 3)) {
            _ = try Self.decode([1, 2, 3, 4, 5, 6, 9, 1], options: DecodingOptions(format: .samples, bitsPerSymbol: 3), chunk: 4)
        }
        #expect(throws: InputError.empty(path: "in")) {
            _ = try Self.decode(Array(" \n\t".utf8), options: DecodingOptions(format: .ascii01), chunk: 2)
        }
    }
}
