import RandomnessCore

/// The samples as `ea_non_iid` prepares them (`read_file_subset` in the reference's utils.h):
/// the `-l` block selected, the width inferred or checked, the distinct symbols counted and the
/// literal samples translated to 0..<k when some values below the largest one never occur.
/// The bitstring is written from the untranslated samples, `bitsPerSymbol` bits each, most
/// significant first.
public struct NonIIDData: Sendable {
    /// Bits per symbol (the reference's `word_size`): declared, or inferred as the position of
    /// the highest bit set in any selected sample.
    public let bitsPerSymbol: Int
    /// Number of distinct symbols k (the reference's `alph_size`).
    public let alphabetSize: Int
    /// The largest sample value.
    public let maxSymbol: UInt8
    /// True when the literal samples were renumbered 0..<k (k < maxSymbol + 1).
    public let translated: Bool
    /// True when `bitsPerSymbol` was declared wider than the data needs (the reference warns
    /// "Symbols appear to be narrower than described" and carries on).
    public let narrowerThanDeclared: Bool
    /// The literal samples, translated to 0..<k where needed.
    public let symbols: [UInt8]
    /// The untranslated samples as declared.
    public let rawSamples: [UInt8]

    /// Selects, checks and translates `samples` (one sample per byte) as the reference does.
    public init(samples: [UInt8], subset: NonIIDOptions.Subset?, bitsPerSymbol declared: Int?) throws(NonIIDError) {
        if let declared, !(1...8).contains(declared) { throw .invalidBitsPerSymbol(declared) }
        var selected = samples
        if let subset {
            try subset.validate()
            if subset.samples > 0 {
                let (start, overflow) = subset.index.multipliedReportingOverflow(by: subset.samples)
                guard !overflow, start < samples.count else {
                    throw .subsetOutOfRange(index: subset.index, samples: subset.samples, available: samples.count)
                }
                selected = Array(samples[start..<(start + min(samples.count - start, subset.samples))])
            }
        }
        guard !selected.isEmpty else { throw .emptyInput }

        var mask: UInt8 = 0
        var present = [Bool](repeating: false, count: 256)
        for s in selected {
            mask |= s
            present[Int(s)] = true
        }
        let dataBits = mask == 0 ? 0 : UInt8.bitWidth - mask.leadingZeroBitCount
        if let declared, dataBits > declared {
            let limit = UInt8(truncatingIfNeeded: (1 << declared) - 1)
            let offset = selected.firstIndex { $0 > limit } ?? 0
            let sampleBits = UInt8.bitWidth - selected[offset].leadingZeroBitCount
            throw .samplesWiderThanDeclared(sampleBits: sampleBits, bitsPerSymbol: declared, offset: offset)
        }
        var rank = [UInt8](repeating: 0, count: 256)
        var k = 0
        for v in 0..<256 where present[v] {
            rank[v] = UInt8(truncatingIfNeeded: k)
            k += 1
        }
        guard k > 1 else { throw .singleSymbolAlphabet(symbol: selected[0], count: selected.count) }

        bitsPerSymbol = declared ?? dataBits
        guard selected.count * bitsPerSymbol < Self.maximumBits else {
            throw .inputTooLarge(samples: selected.count, bitsPerSymbol: bitsPerSymbol)
        }
        narrowerThanDeclared = declared.map { dataBits < $0 } ?? false
        alphabetSize = k
        maxSymbol = mask == 0 ? 0 : UInt8(present.lastIndex(of: true)!)
        translated = k < Int(maxSymbol) + 1
        rawSamples = selected
        symbols = translated ? selected.map { rank[Int($0)] } : selected
    }

    /// The bitstring must stay below 2³¹ − 1 bits (32-bit suffix-array positions and counts).
    public static let maximumBits = Int(Int32.max)

    /// Number of samples.
    public var count: Int { symbols.count }

    /// True when the literal samples have exactly two distinct symbols; the reference then runs
    /// the bit-string estimators on them directly and forms no separate bitstring (under `-i`).
    public var isBinary: Bool { alphabetSize == 2 }

    /// The literal samples as bits (only for a binary alphabet: symbol 1 is bit 1).
    public var literalBits: BitSequence {
        precondition(isBinary, "literal bits exist for a two-symbol alphabet only")
        var builder = BitSequenceBuilder(reservingBits: symbols.count)
        for s in symbols { builder.append(bit: s) }
        return builder.build()
    }

    /// The untranslated samples written out as bits, `bitsPerSymbol` per sample, most
    /// significant first, cut to `limit` bits when given (the reference's `-t`).
    public func bitstring(limit: Int? = nil) -> BitSequence {
        let full = SampleSequence(samples: rawSamples, bitsPerSymbol: bitsPerSymbol).bits
        guard let limit, full.count > limit else { return full }
        return full.slice(0..<limit)
    }
}
