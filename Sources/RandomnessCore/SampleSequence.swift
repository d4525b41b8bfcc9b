/// Samples of `bitsPerSymbol` bits each, one per byte — what SP 800-90B consumes.
public struct SampleSequence: Sendable, Equatable {
    /// The samples; every value is below `1 << bitsPerSymbol`.
    public let samples: [UInt8]
    /// Width of one sample in bits (1…8).
    public let bitsPerSymbol: Int

    public init(samples: [UInt8], bitsPerSymbol: Int) {
        precondition((1...8).contains(bitsPerSymbol), "bits per symbol must be 1…8")
        self.samples = samples
        self.bitsPerSymbol = bitsPerSymbol
    }

    /// Number of samples.
    public var count: Int { samples.count }

    /// The smallest width that holds every sample (1 for all-zero data), as ea_non_iid infers it.
    public static func inferredBitsPerSymbol(of samples: [UInt8]) -> Int {
        let maxValue = samples.reduce(0, |)
        return maxValue == 0 ? 1 : UInt8.bitWidth - maxValue.leadingZeroBitCount
    }

    /// The samples written out as bits, `bitsPerSymbol` per sample, most significant first.
    public var bits: BitSequence {
        var builder = BitSequenceBuilder(reservingBits: samples.count * bitsPerSymbol)
        for s in samples { builder.append(value: UInt64(s), width: bitsPerSymbol) }
        return builder.build()
    }
}
