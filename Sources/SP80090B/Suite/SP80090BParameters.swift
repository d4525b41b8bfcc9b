import RandomnessCore

/// Everything the SP 800-90B suite of `rngcert assess` is asked to do; recorded in the report so
/// that a re-run reproduces it (the IID shuffle seed included).
///
/// Defaults: the initial estimate (`-i`) on every sample and every bit (`-a`), the IID track run
/// alongside the non-IID track (seed `IIDOptions.defaultSeed`, early verdict), no claim, and the
/// health tests at α = 2^−20.
public struct SP80090BParameters: Codable, Sendable, Equatable {
    /// The non-IID track's options (`ea_non_iid`'s): estimate, `-a`/`-t`, the `-l` block and
    /// the declared bits per symbol (nil: inferred from the selected samples, as the reference
    /// does). The block and the width apply to the whole suite.
    public var nonIID: NonIIDOptions
    /// The IID track's options (seed, `full`, compression engine); nil when the IID track is
    /// not run. Its estimate and bitstring truncation must be the non-IID track's.
    public var iid: IIDOptions?
    /// H, the min-entropy per sample the source is claimed to have (`--claimed-entropy`); the
    /// suite fails when the assessment is below it or the health tests alarm at its cutoffs.
    public var claimedEntropy: Double?
    /// Whether the source is claimed to be IID (`--iid`): the IID track then decides the
    /// assessed entropy, and its rejecting IID fails the suite.
    public var claimedIID: Bool
    /// α, the false-positive probability of each health test (SP 800-90B §4.4).
    public var healthTestFalsePositiveProbability: Double
    /// The restart dataset the restart tests (§3.1.4) run on (`--restart-data`); nil: none.
    public var restartData: RestartDataReference?

    public init(nonIID: NonIIDOptions, iid: IIDOptions?,
                claimedEntropy: Double? = nil, claimedIID: Bool = false,
                healthTestFalsePositiveProbability: Double = HealthTestParameters.defaultFalsePositiveProbability) {
        self.nonIID = nonIID
        self.iid = iid
        self.claimedEntropy = claimedEntropy
        self.claimedIID = claimedIID
        self.healthTestFalsePositiveProbability = healthTestFalsePositiveProbability
    }

    /// Parameters with the IID track's estimate and truncation taken from the non-IID options.
    public init(nonIID: NonIIDOptions = NonIIDOptions(), runIIDTrack: Bool = true,
                iidSeed: UInt64 = IIDOptions.defaultSeed, iidFull: Bool = false,
                claimedEntropy: Double? = nil, claimedIID: Bool = false,
                healthTestFalsePositiveProbability: Double = HealthTestParameters.defaultFalsePositiveProbability) {
        let iid = runIIDTrack
            ? IIDOptions(estimate: nonIID.estimate == .initial ? .initial : .conditioned,
                         truncateBitstring: !nonIID.allBits, seed: iidSeed, full: iidFull)
            : nil
        self.init(nonIID: nonIID, iid: iid, claimedEntropy: claimedEntropy, claimedIID: claimedIID,
                  healthTestFalsePositiveProbability: healthTestFalsePositiveProbability)
    }

    /// Checks what can be checked before the data is read; the claimed entropy is checked
    /// against the bits per symbol when the samples are known.
    public func validate() throws(SP80090BSuiteError) {
        if let bits = nonIID.bitsPerSymbol, !(1...8).contains(bits) {
            throw .invalidParameter(name: "bitsPerSymbol", value: "\(bits)", reason: "must be between 1 and 8")
        }
        if let subset = nonIID.subset, subset.index < 0 || subset.samples < 0 {
            throw .invalidParameter(name: "subset", value: "\(subset.index),\(subset.samples)", reason: "index and samples must not be negative")
        }
        if let h = claimedEntropy, !(h.isFinite && h > 0 && h <= 8) {
            throw .invalidParameter(name: "claimedEntropy", value: "\(h)", reason: "must be a number with 0 < H ≤ bits per symbol (at most 8)")
        }
        let alpha = healthTestFalsePositiveProbability
        if !(alpha > 0 && alpha < 1) {
            throw .invalidParameter(name: "healthTestFalsePositiveProbability", value: "\(alpha)", reason: "must lie strictly between 0 and 1")
        }
        if claimedIID && iid == nil {
            throw .invalidParameter(name: "claimedIID", value: "true", reason: "an IID claim needs the IID track; do not skip it")
        }
        if let iid {
            let conditioned = nonIID.estimate == .conditioned
            if (iid.estimate == .conditioned) != conditioned || iid.truncateBitstring != !nonIID.allBits {
                throw .invalidParameter(name: "iid", value: "\(iid.estimate.rawValue)", reason: "the IID track's estimate and truncation must be the non-IID track's")
            }
        }
    }
}
