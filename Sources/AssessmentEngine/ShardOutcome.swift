import ENT
import SP80022
import SP80090B

/// What one shard gathered (`ShardPass.finish`), in a form that is written into its partial
/// result and merged with the other shards' (`ShardMerge`). Not a result on its own: ENT and
/// SP 800-22 hold running state, not conclusions.
public struct ShardOutcome: Codable, Sendable, Equatable {
    public var ranges: ShardRanges
    /// SHA-256 of the bytes of `ranges.bytes`.
    public var rangeSHA256: String
    /// SHA-256 of the whole input; shard 1 only.
    public var sha256: String?
    /// ENT's running state over `ranges.bytes`.
    public var ent: ENTAccumulator?
    /// The SP 800-22 battery's state over `ranges.streams`.
    public var sp80022: SP80022BatteryState?
    /// SP 800-90B's result (window and health tests over every sample); shard 1 only.
    public var sp80090b: SP80090BSuiteResult?

    public init(ranges: ShardRanges, rangeSHA256: String, sha256: String?, ent: ENTAccumulator?,
                sp80022: SP80022BatteryState?, sp80090b: SP80090BSuiteResult?) {
        self.ranges = ranges
        self.rangeSHA256 = rangeSHA256
        self.sha256 = sha256
        self.ent = ent
        self.sp80022 = sp80022
        self.sp80090b = sp80090b
    }
}
