import ENT
import RandomnessCore
import SP80022
import SP80090B

/// One shard's pass (`ShardPlan`): the bytes of its `read` range arrive in order, chunk by
/// chunk, and each goes where the plan says:
/// - the bytes of `ranges.bytes` to ENT and to that range's SHA-256;
/// - the bits of the streams `ranges.streams` to the SP 800-22 battery (global stream
///   indices, so rows and inline streams read as in a single run);
/// - in shard 1, every byte to the input's SHA-256 and to the SP 800-90B stage.
///
/// Memory is bounded by the work in flight, as in `AssessmentPass`.
public struct ShardPass {
    public let parameters: AssessmentParameters
    public let ranges: ShardRanges
    let jobs: Int
    /// Offset of the next byte.
    private var offset: Int
    private var wholeDigest: SHA256Digest?
    private var rangeDigest = SHA256Digest()
    private var ent: ENTAccumulator?
    private var battery: SP80022StreamingBattery?
    private var cutter: BitStreamCutter?
    private var streams: [BitSequence] = []
    /// The bytes that hold the shard's streams, and the bits of the first byte that belong
    /// to the stream before.
    private let streamBytes: Range<Int>
    private let skippedBits: Int
    private var sp80090b: SP80090BStage?
    private var decoded: [UInt8] = []
    private var progress = AssessmentProgress()
    private let onProgress: ((AssessmentProgress) -> Void)?

    /// The pass for shard `index` of `plan`; `onStream` sees the shard's SP 800-22 streams in
    /// index order.
    public init(parameters: AssessmentParameters, plan: ShardPlan, index: Int, jobs: Int,
                onStream: ((SP80022StreamResult) throws -> Void)?, onProgress: ((AssessmentProgress) -> Void)?) throws {
        self.parameters = parameters
        self.ranges = plan.shard(index)
        self.jobs = jobs
        self.onProgress = onProgress
        offset = ranges.read.lowerBound
        if index == 1 { wholeDigest = SHA256Digest() }
        if parameters.suites.contains(.ent) { ent = ENTAccumulator() }
        let n = plan.streamLength
        if var sts = parameters.sp80022 {
            // A battery for this shard's streams only (at least one, so an empty share still
            // yields an empty state with the tests' order).
            sts.streamCount = max(1, ranges.streams.count)
            battery = try SP80022StreamingBattery(parameters: sts, firstStream: ranges.streams.lowerBound, jobs: jobs,
                                                  onStream: onStream ?? { _ in })
            cutter = BitStreamCutter(length: n)
            streamBytes = ranges.streams.lowerBound * n / 8..<(ranges.streams.upperBound * n + 7) / 8
            skippedBits = ranges.streams.lowerBound * n % 8
        } else {
            streamBytes = 0..<0
            skippedBits = 0
        }
        if index == 1, let sp80090b = parameters.sp80090b {
            self.sp80090b = SP80090BStage(parameters: sp80090b, windowLimit: parameters.sp80090bWindow,
                                          width: AssessmentParameters.sampleWidth(for: parameters.decoding))
        }
        progress.totalBytes = ranges.read.count
        progress.sp80090bPhase = self.sp80090b.map { _ in "collecting window" }
    }

    /// Takes the next chunk of the shard's `read` range.
    public mutating func add(_ chunk: UnsafeBufferPointer<UInt8>) throws {
        let start = offset
        let end = start + chunk.count
        wholeDigest?.update(chunk)
        decoded.removeAll(keepingCapacity: true)
        if parameters.decoding.bitOrder == .lsb {
            decoded.append(contentsOf: chunk.lazy.map { BitSequence.reversedByte[Int($0)] })
        } else {
            decoded.append(contentsOf: chunk)
        }
        let bytes = decoded
        try bytes.withUnsafeBufferPointer { bits in
            let own = Self.overlap(start..<end, ranges.bytes)
            if !own.isEmpty {
                rangeDigest.update(UnsafeBufferPointer(rebasing: chunk[(own.lowerBound - start)..<(own.upperBound - start)]))
                ent?.add(UnsafeBufferPointer(rebasing: bits[(own.lowerBound - start)..<(own.upperBound - start)]))
            }
            let streamPart = Self.overlap(start..<end, streamBytes)
            if !streamPart.isEmpty, !ranges.streams.isEmpty, battery?.wantsMore == true {
                var from = streamPart.lowerBound - start
                if streamPart.lowerBound == streamBytes.lowerBound && skippedBits > 0 {
                    let first = bits[from] & UInt8(0xFF >> skippedBits)
                    cutter!.addTail(first, count: 8 - skippedBits, into: &streams)
                    from += 1
                }
                cutter!.add(UnsafeBufferPointer(rebasing: bits[from..<(streamPart.upperBound - start)]), into: &streams)
                for stream in streams where battery!.wantsMore { try battery!.add(stream) }
                streams.removeAll(keepingCapacity: true)
            }
            let onProgress = self.onProgress
            let snapshot = progress
            try sp80090b?.add(bits, jobs: jobs) { phase in
                var p = snapshot
                p.sp80090bPhase = phase
                onProgress?(p)
            }
        }
        offset = end
        progress.bytesRead = end - ranges.read.lowerBound
        progress.streamsDone = battery.map { ranges.streams.isEmpty ? 0 : $0.streamsAccepted } ?? 0
        onProgress?(progress)
    }

    /// Ends the shard; every byte of `ranges.read` must have come.
    public mutating func finish() throws -> ShardOutcome {
        precondition(offset == ranges.read.upperBound, "a shard must read its whole range")
        var state: SP80022BatteryState?
        if var battery {
            state = try battery.state()
            self.battery = battery
        }
        var result: SP80090BSuiteResult?
        if var stage = sp80090b {
            let onProgress = self.onProgress
            let snapshot = progress
            result = try stage.finish(jobs: jobs) { phase in
                var p = snapshot
                p.sp80090bPhase = phase
                onProgress?(p)
            }
        }
        return ShardOutcome(ranges: ranges, rangeSHA256: rangeDigest.hex(), sha256: wholeDigest?.hex(),
                            ent: ent, sp80022: state, sp80090b: result)
    }

    static func overlap(_ a: Range<Int>, _ b: Range<Int>) -> Range<Int> {
        let lower = max(a.lowerBound, b.lowerBound)
        let upper = min(a.upperBound, b.upperBound)
        return lower < upper ? lower..<upper : lower..<lower
    }
}
