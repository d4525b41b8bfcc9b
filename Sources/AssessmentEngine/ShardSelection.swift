import RandomnessCore

/// `--shard I/N`: shard I (1-based) of N.
public struct ShardSelection: Sendable, Equatable {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Reads "I/N" with 1 ≤ I ≤ N ≤ `ShardPlan.maximumCount`; anything else is an error
    /// naming `--shard`.
    public init(parsing text: String) throws(InputError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            throw .invalidParameter(name: "--shard", value: text, reason: "expected I/N, e.g. 2/8 for the second of eight shards")
        }
        guard (1...ShardPlan.maximumCount).contains(n) else {
            throw .invalidParameter(name: "--shard", value: text, reason: "the shard count N must be 1…\(ShardPlan.maximumCount)")
        }
        guard (1...n).contains(i) else {
            throw .invalidParameter(name: "--shard", value: text, reason: "the shard I must be 1…\(n)")
        }
        self.init(index: i, count: n)
    }
}
