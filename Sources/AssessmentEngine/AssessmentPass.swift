import ENT
import RandomnessCore
import SP80022
import SP80090B

/// One pass over an input, chunk by chunk, with memory bounded by the work in flight:
///
/// - SHA-256 of the bytes as read;
/// - the bit stream decoded (`StreamingDecoder`) and handed, as packed bytes, to ENT (whole
///   bytes only: trailing bits that fill no byte are recorded as uncounted), to the
///   SP 800-22 stream cutter (each stream tested as soon as it is complete, in batches over
///   the workers) and to the SP 800-90B stage (its window, then the health tests over every
///   sample).
///
/// `samples` input without `--bits-per-symbol` holds its first bytes (the SP 800-90B window,
/// else `AssessmentParameters.defaultSP80090BWindow`) until the width is inferred from them,
/// as ea_non_iid infers it; a later sample wider than that is an error naming its offset.
public struct AssessmentPass {
    public let parameters: AssessmentParameters
    public let name: String
    public let jobs: Int

    /// SHA-256 of the bytes taken so far.
    public private(set) var digest = SHA256Digest()
    /// Bytes taken so far.
    public private(set) var byteCount = 0
    private var decoder: StreamingDecoder
    private var decoded: [UInt8] = []
    private var ent: ENTAccumulator?
    private var battery: SP80022StreamingBattery?
    private var cutter: BitStreamCutter?
    private var streams: [BitSequence] = []
    private var sp80090b: SP80090BStage?
    /// Raw samples held until the sample width is inferred (nil once it is known).
    private var inference: [UInt8]?
    private let inferenceLength: Int?
    private var progress = AssessmentProgress()
    private let onProgress: ((AssessmentProgress) -> Void)?

    /// A pass for `parameters`; `streamTable` sees every SP 800-22 stream in index order,
    /// `onProgress` where the run stands after each chunk.
    public init(parameters: AssessmentParameters, name: String, jobs: Int, totalBytes: Int?,
         streamTable: ((SP80022StreamResult) throws -> Void)?, onProgress: ((AssessmentProgress) -> Void)?) throws {
        self.parameters = parameters
        self.name = name
        self.jobs = jobs
        self.onProgress = onProgress
        decoder = StreamingDecoder(options: parameters.decoding, name: name)
        if parameters.suites.contains(.ent) { ent = ENTAccumulator() }
        if let sts = parameters.sp80022 {
            battery = try SP80022StreamingBattery(parameters: sts, jobs: jobs, onStream: streamTable ?? { _ in })
            cutter = BitStreamCutter(length: sts.streamLength)
        }
        let window = parameters.sp80090b == nil ? AssessmentParameters.defaultSP80090BWindow : parameters.sp80090bWindow
        if parameters.decoding.format == .samples && decoder.sampleWidth == nil {
            inference = []
            inferenceLength = window
        } else {
            inferenceLength = nil
        }
        if let sp80090b = parameters.sp80090b {
            self.sp80090b = SP80090BStage(parameters: sp80090b, windowLimit: parameters.sp80090bWindow,
                                          width: AssessmentParameters.sampleWidth(for: parameters.decoding))
        }
        progress.totalBytes = totalBytes
        progress.sp80090bPhase = self.sp80090b.map { _ in "collecting window" }
    }

    /// Takes the next chunk of input bytes.
    public mutating func add(_ chunk: UnsafeBufferPointer<UInt8>) throws {
        digest.update(chunk)
        byteCount += chunk.count
        if inference != nil {
            inference!.append(contentsOf: chunk)
            if let limit = inferenceLength, inference!.count >= limit { try inferWidth() }
        } else {
            try decodeAndFeed(chunk)
        }
        progress.bytesRead = byteCount
        progress.streamsDone = battery?.streamsAccepted ?? 0
        onProgress?(progress)
    }

    /// Ends the input and returns every suite's result.
    public mutating func finish() throws -> SuiteOutcome {
        if inference != nil { try inferWidth() }
        let tail = try decoder.finish()
        if tail.count > 0 {
            if battery?.wantsMore == true {
                cutter!.addTail(tail.value, count: tail.count, into: &streams)
                try feedStreams()
            }
            let hook = progressHook
            try sp80090b?.addTail(tail.value, count: tail.count, jobs: jobs, progress: hook)
        }
        var results = SuiteResults()
        results.ent = ent?.suiteResult()
        if tail.count > 0 { results.ent?.uncountedTrailingBits = tail.count }
        if var battery {
            results.sp80022 = try battery.finish(inputBits: decoder.bitCount)
            self.battery = battery
        }
        var bitsPerSymbol: Int?
        if var stage = sp80090b {
            let hook = progressHook
            let result = try stage.finish(jobs: jobs, progress: hook)
            results.sp80090b = result
            bitsPerSymbol = result.bitsPerSymbol
        }
        return SuiteOutcome(results: results, bitsPerSymbol: bitsPerSymbol)
    }

    private var progressHook: (String) -> Void {
        let onProgress = self.onProgress
        let snapshot = progress
        return { phase in
            var p = snapshot
            p.sp80090bPhase = phase
            onProgress?(p)
        }
    }

    /// Infers the sample width from the held samples and decodes them.
    private mutating func inferWidth() throws {
        guard let held = inference else { return }
        inference = nil
        if held.isEmpty { throw InputError.empty(path: name) }
        let width = SampleSequence.inferredBitsPerSymbol(of: held)
        decoder.sampleWidth = width
        sp80090b?.width = width
        try held.withUnsafeBufferPointer { try decodeAndFeed($0) }
    }

    private mutating func decodeAndFeed(_ chunk: UnsafeBufferPointer<UInt8>) throws {
        try decoder.decode(chunk, into: &decoded)
        let bytes = decoded
        try bytes.withUnsafeBufferPointer { bits in
            ent?.add(bits)
            if battery?.wantsMore == true {
                cutter!.add(bits, into: &streams)
                try feedStreams()
            }
            let hook = progressHook
            try sp80090b?.add(bits, jobs: jobs, progress: hook)
        }
    }

    private mutating func feedStreams() throws {
        for stream in streams { try battery!.add(stream) }
        streams.removeAll(keepingCapacity: true)
    }
}
