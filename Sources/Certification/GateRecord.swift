/// What `rngcert serve` adds to the report of each buffer it tests: which buffer, the
/// Merkle root over its bytes (so every served byte can be proved against this signed
/// report), and the SHA-256 of the previous buffer's report (a chain, as the NIST
/// Randomness Beacon chains its pulses, so a missing, reordered or substituted report shows).
public struct GateRecord: Codable, Sendable, Equatable {
    /// The buffer's number, 1, 2, 3… in capture order, never reused by one spool.
    public var bufferID: Int
    /// RFC 6962 Merkle tree hash over the buffer's bytes in `leafSize`-byte leaves (the last
    /// may be shorter), lowercase hex.
    public var merkleRoot: String
    /// Bytes per Merkle leaf.
    public var leafSize: Int
    /// Leaves in the tree: ⌈byteCount / leafSize⌉.
    public var leafCount: Int
    /// SHA-256 of the exact bytes of the previous buffer's report.json, lowercase hex; nil
    /// for the first buffer of a spool.
    public var previousReportSHA256: String?

    public init(bufferID: Int, merkleRoot: String, leafSize: Int, leafCount: Int, previousReportSHA256: String?) {
        self.bufferID = bufferID
        self.merkleRoot = merkleRoot
        self.leafSize = leafSize
        self.leafCount = leafCount
        self.previousReportSHA256 = previousReportSHA256
    }
}
