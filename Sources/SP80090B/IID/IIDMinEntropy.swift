/// The IID track's min-entropy as `ea_iid` assesses it (iid_main.cpp): the MCV estimate
/// (SP 800-90B 6.3.1) of the samples with `-i`, and of the bitstring (each sample written
/// `bitsPerSymbol` bits, most significant first) for non-binary data with `-i` or any data with
/// `-c`; h_assessed = min(bitsPerSymbol, bitsPerSymbol·H_bitstring when estimated,
/// H_original with `-i`), the value ea_iid writes as hAssessed.
public struct IIDMinEntropy: Codable, Sendable, Equatable {
    /// MCV estimate over the samples (`-i` only).
    public var literal: MostCommonValueEstimate?
    /// MCV estimate over the bitstring, when ea_iid computes it.
    public var bitstring: MostCommonValueEstimate?
    /// Bits used for the bitstring estimate (all, or at most 1,000,000 with `-t`).
    public var bitstringLength: Int
    /// H_original (`bitsPerSymbol` when not estimated, as ea_iid reports it).
    public var hOriginal: Double
    /// H_bitstring per bit (1 when not estimated, as ea_iid reports it).
    public var hBitstring: Double
    /// ea_iid's assessed min-entropy per sample.
    public var hAssessed: Double

    init(_ data: IIDSampleData, options: IIDOptions) {
        let wordSize = data.bitsPerSymbol
        let initial = options.estimate == .initial
        if initial {
            var counts = [Int](repeating: 0, count: 256)
            for s in data.raw { counts[Int(s)] += 1 }
            literal = MostCommonValueEstimate(modeCount: counts.max()!, sampleCount: data.count)
        }
        bitstringLength = data.count * wordSize
        if options.truncateBitstring { bitstringLength = min(bitstringLength, IIDAssessment.minimumRecommendedSamples) }
        if data.alphabetSize > 2 || !initial {
            let ones = Self.ones(data, bitCount: bitstringLength)
            bitstring = MostCommonValueEstimate(modeCount: max(ones, bitstringLength - ones), sampleCount: bitstringLength)
        }
        hOriginal = literal?.minEntropy ?? Double(wordSize)
        hBitstring = bitstring?.minEntropy ?? 1.0
        var h = Double(wordSize)
        if bitstring != nil { h = min(h, hBitstring * Double(wordSize)) }
        if initial { h = min(h, hOriginal) }
        hAssessed = h
    }

    /// Ones among the first `bitCount` bits of the bitstring.
    private static func ones(_ data: IIDSampleData, bitCount: Int) -> Int {
        let w = data.bitsPerSymbol
        let whole = bitCount / w
        var ones = 0
        for i in 0..<whole { ones += data.raw[i].nonzeroBitCount }
        let rest = bitCount - whole * w
        if rest > 0 { ones += (data.raw[whole] >> UInt8(w - rest)).nonzeroBitCount }
        return ones
    }
}
