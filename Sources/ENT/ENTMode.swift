/// How `ent` reads its input: as bytes (256 symbols) or as bits (2 symbols, each byte's
/// bits taken most significant first, `ent -b`).
public enum ENTMode: String, Codable, Sendable, CaseIterable {
    case byte
    case bit

    /// Number of distinct symbols: 256 or 2.
    public var symbolCount: Int { self == .byte ? 256 : 2 }

    /// Chi-square degrees of freedom: symbols − 1 (255 or 1).
    public var degreesOfFreedom: Int { symbolCount - 1 }

    /// Bits of information per symbol at most: 8 or 1.
    public var maximumEntropy: Double { self == .byte ? 8 : 1 }

    /// The arithmetic mean of a uniform source: 127.5 or 0.5.
    public var randomMean: Double { self == .byte ? 127.5 : 0.5 }
}
