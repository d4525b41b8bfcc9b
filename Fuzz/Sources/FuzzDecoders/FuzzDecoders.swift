import FuzzDriver
import RandomnessCore

/// Differential fuzzing of the input decoders: for any bytes, format, bit order, sample width
/// and chunking, `StreamingDecoder` (what `assess` uses) must give exactly the bits — or the
/// error, at the same offset — that `InputDecoder` gives for the whole input, and never trap.
///
/// Input layout: byte 0 picks the format (bits 0–1), the bit order (bit 2) and the width
/// (bits 3–6 mod 10: 0 none, 1–8, 9 an invalid width); byte 1 the chunk size − 1; the rest
/// is the input.
@_cdecl("FuzzDecoders_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        let all = bytes(data, size)
        guard all.count >= 2 else { return 0 }
        let formats: [InputFormat] = [.raw, .ascii01, .hex, .samples]
        let width = Int(all[0] >> 3) % 10
        let options = DecodingOptions(format: formats[Int(all[0] & 3)], bitOrder: all[0] & 4 == 0 ? .msb : .lsb,
                                      bitsPerSymbol: width == 0 ? nil : width)
        let chunk = Int(all[1]) + 1
        let input = Array(all[2...])

        let whole = Result { () throws(InputError) in try InputDecoder.bits(from: input, options: options, name: "in") }
        let streamed = Result { () throws(InputError) in try streamedBits(input, options: options, chunk: chunk) }
        switch (whole, streamed) {
        case let (.success(a), .success(b)):
            precondition(a == b, "streamed bits differ from the whole-input decoder for \(options)")
        case let (.failure(a), .failure(b)):
            precondition(a == b, "streamed error \(b) differs from the whole-input error \(a) for \(options)")
        default:
            preconditionFailure("one decoder failed and the other did not for \(options): \(whole) vs \(streamed)")
        }
        _ = try? InputDecoder.samples(from: input, options: options, name: "in")
        return 0
    }
}

/// The bits of `input` decoded by `StreamingDecoder` in chunks of `chunk` bytes.
func streamedBits(_ input: [UInt8], options: DecodingOptions, chunk: Int) throws(InputError) -> BitSequence {
    // InputDecoder checks emptiness before the width.
    guard !input.isEmpty else { throw .empty(path: "in") }
    if let width = options.bitsPerSymbol, !(1...8).contains(width), options.format == .samples {
        throw .invalidParameter(name: "--bits-per-symbol", value: String(width), reason: "must be between 1 and 8")
    }
    var decoder = StreamingDecoder(options: options, name: "in")
    if options.format == .samples && options.bitsPerSymbol == nil {
        decoder.sampleWidth = SampleSequence.inferredBitsPerSymbol(of: input)
    }
    var builder = BitSequenceBuilder()
    var out: [UInt8] = []
    var start = 0
    while start < input.count {
        let end = min(input.count, start + chunk)
        try input[start..<end].withUnsafeBufferPointer { (b) throws(InputError) in try decoder.decode(b, into: &out) }
        out.withUnsafeBufferPointer { builder.append(bytes: $0) }
        start = end
    }
    let tail = try decoder.finish()
    for i in stride(from: tail.count - 1, through: 0, by: -1) { builder.append(bit: (tail.value >> UInt8(i)) & 1) }
    return builder.build()
}
