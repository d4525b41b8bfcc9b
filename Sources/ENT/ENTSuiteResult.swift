import RandomnessCore

/// The ENT suite for a report: byte mode and bit mode from one pass, and their verdict.
public struct ENTSuiteResult: Codable, Sendable, Equatable {
    public var byteMode: ENTStatistics
    public var bitMode: ENTStatistics
    /// Whether upper-case Latin-1 letters were folded to lower case first (`ent -f`).
    public var foldsCase: Bool
    /// The worse of the two modes' verdicts (pass < not-applicable < suspect < fail).
    public var verdict: Verdict
    /// Bits at the end of a decoded bit stream that do not fill a byte (1…7; nil for none):
    /// ENT reads whole bytes, so they are left out of both modes rather than padded into
    /// a made-up byte (ascii01 input of 9 characters is 1 byte and 1 uncounted bit).
    public var uncountedTrailingBits: Int?

    public init(byteMode: ENTStatistics, bitMode: ENTStatistics, foldsCase: Bool) {
        self.byteMode = byteMode
        self.bitMode = bitMode
        self.foldsCase = foldsCase
        verdict = Verdict.combined([byteMode.verdict, bitMode.verdict])
    }

    /// The statistics of one mode.
    public func statistics(_ mode: ENTMode) -> ENTStatistics { mode == .byte ? byteMode : bitMode }
}
