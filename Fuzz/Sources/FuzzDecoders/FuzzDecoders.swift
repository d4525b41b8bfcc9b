import FuzzDriver
import RandomnessCore

/// Differential fuzzing of the input decoders: for any bytes, format, bit order, sample width
/// and chunking, `StreamingDecoder` (what `assess` uses) must give exactly the bits — or the
/// error, at the same offset — that `InputDecoder` gives for the whole input, and never trap.
/// (`InputDecoder` reads raw and samples input itself and hands ascii01 and hex to the same
/// decoder in one chunk, so for those two formats this checks that chunking changes nothing.)
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
    try StreamingDecoder.bits(of: input, options: options, name: "in", chunkSize: chunk)
}
