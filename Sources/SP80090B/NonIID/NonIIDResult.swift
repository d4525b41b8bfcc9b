/// The ten estimators of SP 800-90B section 6.3, in the reference's order.
public enum NonIIDEstimator: String, Codable, Sendable, CaseIterable {
    case mostCommonValue
    case collision
    case markov
    case compression
    case tTuple
    case longestRepeatedSubstring
    case multiMCW
    case lag
    case multiMMC
    case lz78y

    /// The section of SP 800-90B that defines it.
    public var section: String {
        switch self {
        case .mostCommonValue: "6.3.1"
        case .collision: "6.3.2"
        case .markov: "6.3.3"
        case .compression: "6.3.4"
        case .tTuple: "6.3.5"
        case .longestRepeatedSubstring: "6.3.6"
        case .multiMCW: "6.3.7"
        case .lag: "6.3.8"
        case .multiMMC: "6.3.9"
        case .lz78y: "6.3.10"
        }
    }

    /// The name the reference prints before "Estimate" ("Most Common Value", "LRS", …).
    public var referenceName: String {
        switch self {
        case .mostCommonValue: "Most Common Value"
        case .collision: "Collision"
        case .markov: "Markov"
        case .compression: "Compression"
        case .tTuple: "t-Tuple"
        case .longestRepeatedSubstring: "LRS"
        case .multiMCW: "MultiMCW Prediction"
        case .lag: "Lag Prediction"
        case .multiMMC: "MultiMMC Prediction"
        case .lz78y: "LZ78Y Prediction"
        }
    }
}

/// An estimator that ran but could not produce an estimate, and why. It takes no part in the
/// minimum (the reference's −1 returns, kept out explicitly).
public struct NotApplicableEstimate: Codable, Sendable, Equatable {
    public var estimator: NonIIDEstimator
    public var reason: String
}

/// One estimator's min-entropy, per symbol of the sequence it ran on.
public struct EstimatorMinEntropy: Codable, Sendable, Equatable {
    public var estimator: NonIIDEstimator
    public var minEntropy: Double
}

/// The estimates over one sequence: the literal samples or the bitstring. An estimator that was
/// not run on this sequence (the collision, Markov and compression estimates only run on
/// binary data) is nil; one that ran without an estimate is nil and listed in `notApplicable`.
public struct NonIIDEstimates: Codable, Sendable, Equatable {
    /// Number of symbols assessed (samples, or bits of the bitstring).
    public var length: Int
    /// Alphabet size k (2 for the bitstring).
    public var alphabetSize: Int
    public var mostCommonValue: MostCommonValueEstimate
    public var collision: CollisionEstimate?
    public var markov: MarkovEstimate?
    public var compression: CompressionEstimate?
    public var tTuple: TTupleEstimate?
    public var longestRepeatedSubstring: LongestRepeatedSubstringEstimate?
    public var multiMCW: PredictionEstimate?
    public var lag: PredictionEstimate?
    public var multiMMC: PredictionEstimate?
    public var lz78y: PredictionEstimate?
    public var notApplicable: [NotApplicableEstimate]

    /// The estimates produced, in the reference's order.
    public var minEntropies: [EstimatorMinEntropy] {
        var out = [EstimatorMinEntropy(estimator: .mostCommonValue, minEntropy: mostCommonValue.minEntropy)]
        func add(_ e: NonIIDEstimator, _ h: Double?) {
            if let h { out.append(EstimatorMinEntropy(estimator: e, minEntropy: h)) }
        }
        add(.collision, collision?.minEntropy)
        add(.markov, markov?.minEntropy)
        add(.compression, compression?.minEntropy)
        add(.tTuple, tTuple?.minEntropy)
        add(.longestRepeatedSubstring, longestRepeatedSubstring?.minEntropy)
        add(.multiMCW, multiMCW?.minEntropy)
        add(.lag, lag?.minEntropy)
        add(.multiMMC, multiMMC?.minEntropy)
        add(.lz78y, lz78y?.minEntropy)
        return out
    }

    /// The lowest estimate and the first estimator (in the reference's order) that gave it.
    public var lowest: EstimatorMinEntropy {
        minEntropies.min { $0.minEntropy < $1.minEntropy }!
    }
}

/// The outcome of the non-IID track (SP 800-90B 6.3), with every figure `ea_non_iid -vv` prints.
public struct NonIIDResult: Codable, Sendable, Equatable {
    /// The options the assessment ran with (bits per symbol as given; see `bitsPerSymbol`).
    public var options: NonIIDOptions
    /// Samples assessed (after `-l`).
    public var sampleCount: Int
    /// Bits per symbol used, declared or inferred.
    public var bitsPerSymbol: Int
    /// Distinct symbols k.
    public var alphabetSize: Int
    /// True when the literal samples were renumbered 0..<k.
    public var symbolsTranslated: Bool
    /// Estimates over the literal samples (initial estimate only).
    public var literal: NonIIDEstimates?
    /// Estimates over the bitstring (more than two symbols, or the conditioned estimate).
    public var bitstring: NonIIDEstimates?
    /// H_original = min(bits per symbol, literal estimates) (initial estimate only).
    public var hOriginal: Double?
    /// H_bitstring = min(1, bitstring estimates), per bit (h′ of the conditioned estimate).
    public var hBitstring: Double?
    /// The assessed min-entropy per sample: min(bits, H_original, bits × H_bitstring) over the
    /// parts that apply — the reference's "Assessed min entropy".
    public var assessedMinEntropy: Double
    /// The reference's warnings (fewer than 1,000,000 samples; symbols narrower than declared).
    public var warnings: [String]

    /// H_bitstring per sample, bits × H_bitstring.
    public var hBitstringPerSymbol: Double? { hBitstring.map { $0 * Double(bitsPerSymbol) } }
}
