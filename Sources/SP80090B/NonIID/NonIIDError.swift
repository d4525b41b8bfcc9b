/// Why a non-IID assessment could not be made; each case names the option or the data at fault.
public enum NonIIDError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `bits_per_symbol` outside 1…8.
    case invalidBitsPerSymbol(Int)
    /// A sample uses more bits than `bits_per_symbol` allows (the reference: "Incorrect bit
    /// width specification").
    case samplesWiderThanDeclared(sampleBits: Int, bitsPerSymbol: Int, offset: Int)
    /// `-l index,samples` with a negative value.
    case invalidSubset(index: Int, samples: Int)
    /// `-l index,samples` whose start index × samples passes Int's range (no input is that long).
    case subsetStartOverflows(index: Int, samples: Int)
    /// `-l index,samples` selects nothing: the block starts at or past the end of the input.
    case subsetOutOfRange(index: Int, samples: Int, available: Int)
    /// No samples at all.
    case emptyInput
    /// The bitstring would reach 2³¹ bits, past the 32-bit positions of the suffix arrays.
    case inputTooLarge(samples: Int, bitsPerSymbol: Int)
    /// Every sample is the same symbol: the reference awards no entropy and stops.
    case singleSymbolAlphabet(symbol: UInt8, count: Int)

    public var description: String {
        switch self {
        case let .invalidBitsPerSymbol(bits):
            return "invalid bits_per_symbol \(bits): must be between 1 and 8"
        case let .samplesWiderThanDeclared(sampleBits, bits, offset):
            return "bits_per_symbol \(bits): the sample at offset \(offset) needs \(sampleBits) bits (data does not fit within the described bit width)"
        case let .invalidSubset(index, samples):
            return "invalid -l \(index),\(samples): index and samples must not be negative"
        case let .subsetStartOverflows(index, samples):
            return "-l \(index),\(samples): block \(index) of \(samples) samples would start past sample \(Int.max) (index × samples overflows)"
        case let .subsetOutOfRange(index, samples, available):
            return "-l \(index),\(samples): block \(index) of \(samples) samples starts at sample \(index.multipliedReportingOverflow(by: samples).partialValue), past the \(available) samples available"
        case let .inputTooLarge(samples, bits):
            return "\(samples) samples of \(bits) bits make \(samples * bits) bits; the assessment handles fewer than \(NonIIDData.maximumBits) bits (use -l to assess blocks)"
        case .emptyInput:
            return "the input holds no samples"
        case let .singleSymbolAlphabet(symbol, count):
            return "all \(count) samples are the symbol \(symbol): an alphabet of one symbol; no entropy awarded"
        }
    }
}
