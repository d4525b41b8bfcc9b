/// The no-claim floor of the SP 800-90B suite's verdict: without `claimedEntropy`, a pass
/// is never given to a source whose assessed min-entropy is near zero.
///
/// The floor is 1/8 bit of min-entropy per bit of sample width: H_floor = bitsPerSymbol / 8,
/// i.e. less than one bit of min-entropy per byte of output fails (1 bit per 8-bit sample,
/// 0.125 per 1-bit sample). With a claim the claim decides instead: the user has said what
/// the source must deliver, and the floor does not apply.
public struct SP80090BEntropyFloor: Sendable, Equatable {
    /// Min-entropy per bit of sample width below which an unclaimed assessment fails.
    public static let bitsPerSampleBit = 1.0 / 8.0

    /// H_floor for samples of `bitsPerSymbol` bits.
    public let floor: Double

    public init(bitsPerSymbol: Int) {
        floor = Double(bitsPerSymbol) * Self.bitsPerSampleBit
    }

    /// True when an unclaimed assessment `h` falls below the floor (and fails).
    public func fails(assessed h: Double) -> Bool { h < floor }

    /// The reason line for `h`: why it fails, or that it clears the floor.
    public func reason(assessed h: Double, bitsPerSymbol: Int) -> String {
        let hText = SP80090BSuite.fixed(h), floorText = SP80090BSuite.fixed(floor)
        return fails(assessed: h)
            ? "assessed H = \(hText) below the no-claim floor \(floorText) (1/8 bit per bit of the \(bitsPerSymbol)-bit sample); give --claimed-entropy to judge against a claim"
            : "assessed H = \(hText) clears the no-claim floor \(floorText) (1/8 bit per bit of the \(bitsPerSymbol)-bit sample)"
    }
}
