/// How the bytes of an input encode bits or samples. The default is `raw`; nothing is
/// auto-detected.
public enum InputFormat: String, CaseIterable, Codable, Sendable {
    /// Binary bytes; each byte gives 8 bits in the chosen `BitOrder`.
    case raw
    /// ASCII characters '0' and '1'; whitespace is ignored (the STS data files).
    case ascii01
    /// Hexadecimal digits, two per byte; whitespace is ignored.
    case hex
    /// One sample per byte, each `bitsPerSymbol` wide (the SP 800-90B tool's format).
    case samples
}

/// Order in which the bits of a byte enter the bit sequence.
public enum BitOrder: String, CaseIterable, Codable, Sendable {
    /// Most significant bit first (as NIST STS reads binary files).
    case msb
    /// Least significant bit first.
    case lsb
}

/// Everything needed to turn input bytes into bits or samples.
public struct DecodingOptions: Codable, Sendable, Equatable {
    public var format: InputFormat
    public var bitOrder: BitOrder
    /// Width of one sample in `samples` format (1…8); `nil` infers it where a suite allows.
    public var bitsPerSymbol: Int?

    public init(format: InputFormat = .raw, bitOrder: BitOrder = .msb, bitsPerSymbol: Int? = nil) {
        self.format = format
        self.bitOrder = bitOrder
        self.bitsPerSymbol = bitsPerSymbol
    }
}
