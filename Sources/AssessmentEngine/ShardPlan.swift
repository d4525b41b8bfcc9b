import RandomnessCore
import SP80022

/// How one input is split into `count` shards so that their partial results merge into
/// exactly the single run's report (docs/shards.md).
///
/// For an input of T bytes (raw format: byte j is bits 8j…8j+7) and S SP 800-22 streams of
/// n bits, shard i of N (1-based) takes
/// - the bytes [b(i−1), b(i)) for ENT, where b(k) = ⌊T·k/N⌋ rounded down to a multiple of 6
///   (ENT's Monte Carlo points are 6-byte groups from the start) and b(N) = T;
/// - the streams [s(i−1), s(i)) with s(k) = ⌊S·k/N⌋, read from the bytes that hold their bits
///   (a stream may begin inside a byte);
/// - shard 1 also reads every byte: the input's SHA-256 and SP 800-90B (its window, and the
///   health tests over every sample, whose cutoffs come from the window when no entropy is
///   claimed) need the whole input in order.
public struct ShardPlan: Sendable, Equatable {
    /// The most shards an input is split into.
    public static let maximumCount = 100_000
    /// ENT boundaries fall on multiples of this (a Monte Carlo point's bytes).
    public static let entAlignment = 6

    public let count: Int
    public let totalBytes: Int
    /// SP 800-22's stream length and the streams the whole input gives; 0 without SP 800-22.
    public let streamLength: Int
    public let streamCount: Int

    /// The plan for `count` shards of an input of `totalBytes` bytes assessed with
    /// `parameters`. Only raw input can be split (the other formats do not map bytes to bits
    /// at fixed offsets); too short an input for the SP 800-22 streams asked for is the same
    /// error a single run gives.
    public init(parameters: AssessmentParameters, totalBytes: Int, count: Int) throws {
        guard (1...Self.maximumCount).contains(count) else {
            throw InputError.invalidParameter(name: "--shard", value: "…/\(count)", reason: "the shard count must be 1…\(Self.maximumCount)")
        }
        guard parameters.decoding.format == .raw else {
            throw InputError.invalidParameter(name: "--shard", value: "…/\(count)",
                                              reason: "only raw input can be split into shards (this run reads \(parameters.decoding.format.rawValue))")
        }
        self.count = count
        self.totalBytes = totalBytes
        if let sts = parameters.sp80022 {
            let bits = totalBytes.multipliedReportingOverflow(by: 8)
            let available = bits.overflow ? Int.max : bits.partialValue
            let n = sts.streamLength
            if let wanted = sts.streamCount {
                guard wanted <= available / n else {
                    throw SP80022Error.insufficientInput(streamCount: wanted, streamLength: n, availableBits: available)
                }
                streamCount = wanted
            } else {
                guard available / n >= 1 else { throw SP80022Error.noStreams(streamLength: n, availableBits: available) }
                streamCount = available / n
            }
            streamLength = n
        } else {
            streamLength = 0
            streamCount = 0
        }
    }

    /// What shard `index` (1…count) takes.
    public func shard(_ index: Int) -> ShardRanges {
        precondition((1...count).contains(index))
        let bytes = byteBoundary(index - 1)..<byteBoundary(index)
        let streams = Self.part(streamCount, index - 1, count)..<Self.part(streamCount, index, count)
        var read = bytes
        if !streams.isEmpty {
            let first = streams.lowerBound * streamLength / 8
            let end = Self.ceilDiv(streams.upperBound * streamLength, 8)
            read = min(read.lowerBound, first)..<max(read.upperBound, end)
            if bytes.isEmpty { read = first..<end }
        }
        if index == 1 { read = 0..<totalBytes }
        return ShardRanges(index: index, count: count, bytes: bytes, streams: streams, read: read)
    }

    private func byteBoundary(_ k: Int) -> Int {
        if k == count { return totalBytes }
        let raw = Self.part(totalBytes, k, count)
        return raw - raw % Self.entAlignment
    }

    /// ⌊total·k/n⌋ without overflow.
    static func part(_ total: Int, _ k: Int, _ n: Int) -> Int {
        let product = total.multipliedFullWidth(by: k)
        return n.dividingFullWidth(product).quotient
    }

    static func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}

/// One shard's share of the input (`ShardPlan.shard`); recorded in its partial result, so the
/// merge can check that the parts tile the input.
public struct ShardRanges: Codable, Sendable, Equatable {
    /// 1-based.
    public var index: Int
    public var count: Int
    /// The bytes ENT (and the range's SHA-256) covers.
    public var bytes: Range<Int>
    /// The SP 800-22 streams, by 0-based index.
    public var streams: Range<Int>
    /// The bytes read: the union of the above, or the whole input for shard 1.
    public var read: Range<Int>

    public init(index: Int, count: Int, bytes: Range<Int>, streams: Range<Int>, read: Range<Int>) {
        self.index = index
        self.count = count
        self.bytes = bytes
        self.streams = streams
        self.read = read
    }
}
