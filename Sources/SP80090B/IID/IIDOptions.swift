/// Options of the IID track (SP 800-90B section 5 and the IID min-entropy), mirroring
/// `ea_iid`'s command line where it has one.
public struct IIDOptions: Codable, Sendable, Equatable {
    /// `-i` (initial entropy, H_original and H_bitstring) or `-c` (conditioned sequential
    /// dataset: only h' = H_bitstring).
    public enum Estimate: String, Codable, Sendable {
        case initial
        case conditioned
    }

    /// How the compression statistic's bzip2 size is obtained. Both give the same number.
    public enum CompressionEngine: String, Codable, Sendable {
        /// `BZip2SizeCalculator`: libbz2's algorithm reproduced to the bit, size only (fast).
        case sizeModel = "size-model"
        /// libbz2 itself (`BZ2_bzBuffToBuffCompress`), as ea_iid calls it.
        case libbz2
    }

    /// The default shuffle seed: the ASCII bytes of "SP80090B" read as a big-endian integer.
    public static let defaultSeed: UInt64 = 0x5350_3830_3039_3042

    public var estimate: Estimate
    /// `-t`: truncate the bitstring used for H_bitstring to 1,000,000 bits (default `-a`: all bits).
    public var truncateBitstring: Bool
    /// Seed of the permutation shuffles, recorded in the result.
    public var seed: UInt64
    /// Compute every permutation counter to its end even after the verdict is certain, and
    /// run the permutation tests even when chi-square or LRS has already rejected IID
    /// (default: stop at the first certain failure; see `IIDAssessment.Schedule`).
    public var full: Bool
    /// Engine of the compression statistic (default: the size model).
    public var compressionEngine: CompressionEngine

    public init(estimate: Estimate = .initial, truncateBitstring: Bool = false,
                seed: UInt64 = IIDOptions.defaultSeed, full: Bool = false,
                compressionEngine: CompressionEngine = .sizeModel) {
        self.compressionEngine = compressionEngine
        self.estimate = estimate
        self.truncateBitstring = truncateBitstring
        self.seed = seed
        self.full = full
    }
}
