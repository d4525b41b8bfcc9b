/// Turns input bytes into the bits or samples a suite consumes, per `DecodingOptions`.
/// Every rejection names the input and the byte offset of the offending byte.
public enum InputDecoder {
    /// Decodes to a bit sequence. `samples` input contributes `bitsPerSymbol` bits per
    /// sample (inferred from the data when not given), most significant first.
    public static func bits(from bytes: [UInt8], options: DecodingOptions, name: String) throws(InputError) -> BitSequence {
        guard !bytes.isEmpty else { throw .empty(path: name) }
        switch options.format {
        case .raw:
            return BitSequence(bytes: bytes, bitOrder: options.bitOrder)
        case .ascii01:
            return try ascii01(bytes, name: name)
        case .hex:
            return BitSequence(bytes: try hexBytes(bytes, name: name), bitOrder: options.bitOrder)
        case .samples:
            return try samples(from: bytes, options: options, name: name).bits
        }
    }

    /// Decodes to samples. `raw` and `hex` give one sample per byte (the width defaults to
    /// 8 unless given); `ascii01` gives 1-bit samples; `samples` checks every value fits
    /// `bitsPerSymbol`, inferring the width from the data when absent.
    public static func samples(from bytes: [UInt8], options: DecodingOptions, name: String) throws(InputError) -> SampleSequence {
        guard !bytes.isEmpty else { throw .empty(path: name) }
        if let width = options.bitsPerSymbol, !(1...8).contains(width) {
            throw .invalidParameter(name: "--bits-per-symbol", value: String(width), reason: "must be between 1 and 8")
        }
        switch options.format {
        case .ascii01:
            return SampleSequence(samples: try ascii01(bytes, name: name).bitArray, bitsPerSymbol: 1)
        case .raw, .hex:
            var data = options.format == .hex ? try hexBytes(bytes, name: name) : bytes
            if options.bitOrder == .lsb { data = data.map { BitSequence.reversedByte[Int($0)] } }
            let width = options.bitsPerSymbol ?? 8
            if width < 8 {
                // Raw bytes are cut into consecutive `width`-bit samples, as a bit stream.
                let bits = BitSequence(bytes: data)
                let count = bits.count / width
                var out = [UInt8](repeating: 0, count: count)
                for i in 0..<count { out[i] = UInt8(bits.word(startingAt: i * width) >> UInt64(64 - width)) }
                return SampleSequence(samples: out, bitsPerSymbol: width)
            }
            return SampleSequence(samples: data, bitsPerSymbol: 8)
        case .samples:
            guard let width = options.bitsPerSymbol else {
                return SampleSequence(samples: bytes, bitsPerSymbol: SampleSequence.inferredBitsPerSymbol(of: bytes))
            }
            let limit = UInt16(1) << UInt16(width)
            if let bad = bytes.firstIndex(where: { UInt16($0) >= limit }) {
                throw .sampleTooWide(path: name, offset: bad, value: bytes[bad], bitsPerSymbol: width)
            }
            return SampleSequence(samples: bytes, bitsPerSymbol: width)
        }
    }

    /// '0'/'1' characters with whitespace (space, tab, CR, LF, VT, FF) ignored, through the
    /// one decoder `assess` streams with.
    static func ascii01(_ bytes: [UInt8], name: String) throws(InputError) -> BitSequence {
        try StreamingDecoder.bits(of: bytes, options: DecodingOptions(format: .ascii01), name: name)
    }

    /// Hex digit pairs (either case) with whitespace ignored, into bytes.
    static func hexBytes(_ bytes: [UInt8], name: String) throws(InputError) -> [UInt8] {
        try StreamingDecoder.bits(of: bytes, options: DecodingOptions(format: .hex), name: name).packedBytes
    }
}
