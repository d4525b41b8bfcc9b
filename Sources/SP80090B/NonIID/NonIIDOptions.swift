/// What `ea_non_iid` is asked to do, one property per command-line option of the reference
/// tool (usnistgov/SP800-90B_EntropyAssessment, `cpp/non_iid_main.cpp`). The defaults are
/// the reference's: `-i -a`, the whole input, bits per symbol inferred from the data.
public struct NonIIDOptions: Codable, Sendable, Equatable {
    /// `-i` / `-c`: which estimate is produced.
    public enum Estimate: String, Codable, Sendable, Equatable, CaseIterable {
        /// `-i` (default): the initial entropy estimate H_I of SP 800-90B 3.1.3 — the ten
        /// estimators on the samples (H_original) and, for more than two distinct symbols, on
        /// the samples written out as bits (H_bitstring); min(H_original, bits × H_bitstring).
        case initial
        /// `-c`: the conditioned sequential data set estimate h′ of 3.1.5.2 — the estimators on
        /// the bitstring only; h′ = H_bitstring, assessed per sample as bits × h′.
        case conditioned
    }

    /// Which samples `-l index,samples` selects: block `index` of `samples` samples, i.e. the
    /// samples at offsets index × samples ..< min(count, (index + 1) × samples).
    public struct Subset: Codable, Sendable, Equatable {
        public var index: Int
        public var samples: Int
        public init(index: Int, samples: Int) {
            self.index = index
            self.samples = samples
        }

        /// Checks what can be checked without the data: both values are non-negative and the
        /// block's first sample, index × samples, is a representable offset.
        public func validate() throws(NonIIDError) {
            guard index >= 0, samples >= 0 else { throw .invalidSubset(index: index, samples: samples) }
            guard !index.multipliedReportingOverflow(by: samples).overflow else {
                throw .subsetStartOverflows(index: index, samples: samples)
            }
        }
    }

    /// `-i` / `-c`.
    public var estimate: Estimate
    /// `-a` (true, default) / `-t` (false): with `-t` the bitstring assessed for H_bitstring is
    /// cut to its first 1,000,000 bits (`MIN_SIZE`). It has no effect on binary initial runs.
    public var allBits: Bool
    /// `-l index,samples`; nil reads everything. As in the reference, `samples == 0` also
    /// means the whole input.
    public var subset: Subset?
    /// The positional `bits_per_symbol` (1…8); nil infers it from the (selected) samples as the
    /// reference does: the position of the highest bit set in any sample.
    public var bitsPerSymbol: Int?

    public init(estimate: Estimate = .initial, allBits: Bool = true, subset: Subset? = nil, bitsPerSymbol: Int? = nil) {
        self.estimate = estimate
        self.allBits = allBits
        self.subset = subset
        self.bitsPerSymbol = bitsPerSymbol
    }

    /// The length the reference cuts the bitstring to under `-t` (`MIN_SIZE`), which is also
    /// the sample count below which it warns.
    public static let truncatedBitstringLength = 1_000_000
}
