/// Decodes input bytes chunk by chunk into the one bit stream every suite reads, packed 8 bits
/// per byte, most significant first — the same bits `InputDecoder.bits` gives for the whole
/// input, with bounded memory.
///
/// - `raw`: the bytes in the chosen bit order (a byte is bit-reversed for `lsb`);
/// - `hex`: digit pairs into bytes, then as `raw`;
/// - `ascii01`: one bit per '0'/'1';
/// - `samples`: `sampleWidth` bits per sample, most significant first.
///
/// Whitespace is skipped in `hex` and `ascii01`. Errors name the input and the absolute byte
/// offset of the offending byte. Bits that do not fill a last byte are returned by `finish()`.
public struct StreamingDecoder: Sendable {
    public let options: DecodingOptions
    public let name: String
    /// The width of one `samples` sample; must be set before the first `decode` of that format.
    public var sampleWidth: Int?
    /// Input bytes consumed so far.
    public private(set) var inputOffset = 0
    /// Bits produced so far (whole bytes handed out plus pending bits).
    public var bitCount: Int { emittedBytes * 8 + pendingBits }

    private var emittedBytes = 0
    private var pending: UInt64 = 0
    private var pendingBits = 0
    private var highNibble: UInt8?
    private var hexDigits = 0

    public init(options: DecodingOptions, name: String) {
        self.options = options
        self.name = name
        self.sampleWidth = options.format == .samples ? options.bitsPerSymbol : nil
    }

    /// Appends the whole bytes of the bit stream that `chunk` completes to `out` (which is
    /// emptied first).
    public mutating func decode(_ chunk: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) throws(InputError) {
        out.removeAll(keepingCapacity: true)
        let base = inputOffset
        inputOffset += chunk.count
        switch options.format {
        case .raw:
            if options.bitOrder == .lsb {
                out.append(contentsOf: chunk.lazy.map { BitSequence.reversedByte[Int($0)] })
            } else {
                out.append(contentsOf: chunk)
            }
        case .hex:
            for (i, c) in chunk.enumerated() {
                guard let v = HexDigit.value(c) else {
                    if Self.isSkippedWhitespace(c) { continue }
                    throw .invalidCharacter(path: name, offset: base + i, character: c, format: .hex)
                }
                hexDigits += 1
                if let high = highNibble {
                    let byte = high << 4 | v
                    out.append(options.bitOrder == .lsb ? BitSequence.reversedByte[Int(byte)] : byte)
                    highNibble = nil
                } else {
                    highNibble = v
                }
            }
        case .ascii01:
            for (i, c) in chunk.enumerated() {
                switch c {
                case UInt8(ascii: "0"): push(0, width: 1, into: &out)
                case UInt8(ascii: "1"): push(1, width: 1, into: &out)
                case _ where Self.isSkippedWhitespace(c): continue
                default: throw .invalidCharacter(path: name, offset: base + i, character: c, format: .ascii01)
                }
            }
        case .samples:
            guard let width = sampleWidth else {
                throw .invalidParameter(name: "--bits-per-symbol", value: "none", reason: "the sample width must be known before samples are decoded")
            }
            guard (1...8).contains(width) else {
                throw .invalidParameter(name: "--bits-per-symbol", value: String(width), reason: "must be between 1 and 8")
            }
            if width == 8 {
                out.append(contentsOf: chunk)
            } else {
                let limit = UInt8(1) << UInt8(width)
                for (i, s) in chunk.enumerated() {
                    guard s < limit else {
                        throw .sampleTooWide(path: name, offset: base + i, value: s, bitsPerSymbol: width)
                    }
                    push(UInt64(s), width: width, into: &out)
                }
            }
        }
        emittedBytes += out.count
    }

    /// Ends the input: checks what can only be checked at its end and returns the bits that
    /// did not fill a byte (value in the low `count` bits).
    public mutating func finish() throws(InputError) -> (value: UInt8, count: Int) {
        if options.format == .hex && highNibble != nil { throw .oddHexDigitCount(path: name, digits: hexDigits) }
        if bitCount == 0 { throw .empty(path: name) }
        let tail = (UInt8(truncatingIfNeeded: pending & 0xFF), pendingBits)
        return tail
    }

    /// Whitespace `hex` and `ascii01` input may hold anywhere: space, tab, CR, LF, VT, FF.
    @inline(__always)
    static func isSkippedWhitespace(_ c: UInt8) -> Bool {
        c == 0x20 || (0x09...0x0D).contains(c)
    }

    /// Decodes a whole input in chunks of `chunkSize` bytes (any size gives the same bits).
    public static func bits(of input: [UInt8], options: DecodingOptions, name: String,
                            chunkSize: Int = 1 << 20) throws(InputError) -> BitSequence {
        var decoder = StreamingDecoder(options: options, name: name)
        if options.format == .samples && decoder.sampleWidth == nil {
            decoder.sampleWidth = SampleSequence.inferredBitsPerSymbol(of: input)
        }
        var builder = BitSequenceBuilder(reservingBits: input.count * 8)
        var out: [UInt8] = []
        var start = 0
        while start < input.count {
            let end = min(input.count, start + max(1, chunkSize))
            try input[start..<end].withUnsafeBufferPointer { (b) throws(InputError) in try decoder.decode(b, into: &out) }
            out.withUnsafeBufferPointer { builder.append(bytes: $0) }
            start = end
        }
        let tail = try decoder.finish()
        builder.append(value: UInt64(tail.value), width: tail.count)
        return builder.build()
    }

    @inline(__always)
    private mutating func push(_ value: UInt64, width: Int, into out: inout [UInt8]) {
        pending = pending << UInt64(width) | value
        pendingBits += width
        if pendingBits >= 8 {
            pendingBits -= 8
            out.append(UInt8(truncatingIfNeeded: pending >> UInt64(pendingBits)))
            pending &= (1 << UInt64(pendingBits)) &- 1
        }
    }
}
