/// One grant of bytes to one client: leaves [firstLeaf, endLeaf) of a passed buffer, of
/// which the first `byteCount` bytes are delivered (the rest of the last leaf travels in
/// the proof only). Recorded durably before any byte is sent.
public struct Allocation: Sendable, Equatable {
    public var id: Int64
    public var bufferID: Int
    public var firstLeaf: Int
    public var endLeaf: Int
    public var byteCount: Int
    /// The API key's name, or "-" when the gate runs without keys.
    public var client: String
    /// RFC 3339 UTC.
    public var allocatedAt: String
    /// True when this allocation took the buffer's last leaf.
    public var exhaustedBuffer: Bool
}

/// A request for leaves: `leaves` consecutive leaves carrying `byteCount` bytes for
/// `client`, within `dailyQuota` bytes per UTC day when there is one.
public struct AllocationRequest: Sendable, Equatable {
    public var leaves: Int
    public var byteCount: Int
    public var client: String
    public var dailyQuota: Int?

    public init(leaves: Int, byteCount: Int, client: String, dailyQuota: Int?) {
        self.leaves = leaves
        self.byteCount = byteCount
        self.client = client
        self.dailyQuota = dailyQuota
    }
}

/// What an allocation request came to.
public enum AllocationResult: Sendable, Equatable {
    case granted(Allocation)
    /// No passed buffer has that many leaves left.
    case poolEmpty
    /// The client's quota for the current UTC day would be exceeded; `used` bytes so far.
    case overQuota(used: Int, quota: Int)
}

/// A buffer's row in the ledger.
public struct BufferRecord: Sendable, Equatable {
    public var id: Int
    public var state: BufferState
    public var byteCount: Int
    public var leafCount: Int
    public var nextLeaf: Int
    public var merkleRoot: String?
    public var reportSHA256: String?
    public var reason: String?
}
