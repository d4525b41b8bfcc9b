import RandomnessCore

/// The SP 800-22 battery fed one stream at a time, as an input is read: memory is bounded by
/// the streams in flight, never by the input's size.
///
/// Streams are gathered into batches of `batchSize`; each (stream, test) pair of a batch is one
/// work item of `Parallel.map`, so the outcomes come back in index order and the result is the
/// same for any `jobs`. As each stream's outcomes arrive, in index order, they are:
/// - tallied per test and slot for the second-level analysis (`SP80022TestTally`);
/// - counted into the p-value summary (count, below α, the lowest);
/// - offered to the inline selection: the report keeps every stream when there are at most
///   `inlineStreamLimit`, else the `inlineStreamLimit` streams with the smallest p-values
///   (ties: the earlier stream), in index order;
/// - handed to `onStream` (the full per-stream table is written there).
public struct SP80022StreamingBattery {
    /// Streams kept inline in a result.
    public static let inlineStreamLimit = 20

    public let parameters: SP80022Parameters
    public let tests: [SP80022TestID]
    let jobs: Int
    let batchSize: Int
    private let implementations: [SP80022TestRegistration]
    private var tallies: [SP80022TestTally]
    private var pending: [BitSequence] = []
    private var streamsDone = 0
    /// The first stream's 0-based index (a shard's streams start after others').
    public let firstStream: Int
    private var inline: [(minimum: Double, stream: SP80022StreamResult)] = []
    private var summary = SP80022PValueSummary()
    private let onStream: (SP80022StreamResult) throws -> Void

    /// A battery for streams of `parameters.streamLength` bits; `onStream` sees every stream's
    /// outcomes in index order (an error it throws ends the run).
    public init(parameters: SP80022Parameters, firstStream: Int = 0, jobs: Int = Parallel.defaultJobs,
                onStream: @escaping (SP80022StreamResult) throws -> Void = { _ in }) throws(SP80022Error) {
        try parameters.validate()
        guard parameters.streamLength >= 1 else {
            throw .invalidParameter(name: "streamLength", value: String(parameters.streamLength), reason: "must be at least 1")
        }
        if let count = parameters.streamCount, count < 1 {
            throw .invalidParameter(name: "streamCount", value: String(count), reason: "must be at least 1")
        }
        self.parameters = parameters
        self.firstStream = firstStream
        self.tests = SP80022Battery.testsToRun(parameters)
        self.implementations = tests.map { SP80022Registry.registration(of: $0)! }
        self.jobs = max(1, jobs)
        // Enough streams per batch to keep every worker busy (and few enough to bound memory).
        self.batchSize = max(4, 4 * self.jobs)
        self.tallies = tests.map { SP80022TestTally(test: $0, corrected: parameters.corrected) }
        self.onStream = onStream
    }

    /// Streams accepted so far.
    public var streamsAccepted: Int { streamsDone + pending.count }

    /// Whether another stream is wanted (false once `parameters.streamCount` streams are in).
    public var wantsMore: Bool { parameters.streamCount.map { streamsAccepted < $0 } ?? true }

    /// Takes the next stream (exactly `streamLength` bits).
    public mutating func add(_ stream: BitSequence) throws {
        precondition(stream.count == parameters.streamLength, "a stream must hold streamLength bits")
        guard wantsMore else { return }
        pending.append(stream)
        if pending.count >= batchSize { try flush() }
    }

    /// Runs the pending streams and takes in their outcomes in index order.
    public mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        let tests = self.tests
        let implementations = self.implementations
        let parameters = self.parameters
        let first = firstStream + streamsDone
        // Work items run the costliest test (the DFT) of every stream first, so the batch does
        // not end on one long item while the other workers idle; results still land by index.
        let order = tests.indices.sorted { (tests[$0] == .fft ? 0 : 1, $0) < (tests[$1] == .fft ? 0 : 1, $1) }
        let streamCount = batch.count
        let work: [Result<SP80022TestOutcome, SP80022Error>] = Parallel.map(count: streamCount * tests.count, jobs: jobs) { item in
            let s = item % streamCount
            let t = order[item / streamCount]
            do {
                let outcome = try implementations[t].run(batch[s], parameters: parameters)
                // The result goes into a JSON report: refuse NaN or infinity rather than crash later.
                if let bad = outcome.pValues.first(where: { !$0.isFinite }) ?? outcome.statistics.values.first(where: { !$0.isFinite }) {
                    return .failure(.testError(test: tests[t], stream: first + s, description: "non-finite result \(bad)"))
                }
                return .success(outcome)
            } catch let error as NumericsError {
                return .failure(.numerics(test: tests[t], stream: first + s, error))
            } catch {
                return .failure(.testError(test: tests[t], stream: first + s, description: "\(error)"))
            }
        }
        var position = [Int](repeating: 0, count: tests.count)
        for (k, t) in order.enumerated() { position[t] = k }
        for s in batch.indices {
            var outcomes: [SP80022TestOutcome] = []
            outcomes.reserveCapacity(tests.count)
            for t in tests.indices { outcomes.append(try work[position[t] * streamCount + s].get()) }
            let index = first + s
            let stream = SP80022StreamResult(index: index, bitOffset: index * parameters.streamLength, outcomes: outcomes)
            take(stream)
            streamsDone += 1
            try onStream(stream)
        }
    }

    private mutating func take(_ stream: SP80022StreamResult) {
        for (t, outcome) in stream.outcomes.enumerated() { tallies[t].add(outcome) }
        summary.add(stream)
        let minimum = stream.outcomes.lazy.flatMap(\.pValues).min() ?? .infinity
        inline.append((minimum, stream))
        if inline.count > Self.inlineStreamLimit {
            // Drop the stream with the largest minimum (the later one on a tie).
            var worst = 0
            for i in inline.indices.dropFirst() where inline[i].minimum >= inline[worst].minimum { worst = i }
            inline.remove(at: worst)
        }
    }

    /// Runs what is pending and returns the gathered state (a shard's part of a run).
    public mutating func state() throws -> SP80022BatteryState {
        try flush()
        return SP80022BatteryState(firstStream: firstStream, streamCount: streamsDone, tallies: tallies, summary: summary,
                                   inline: inline.map(\.stream).sorted { $0.index < $1.index })
    }

    /// Runs what is pending and returns the suite result for an input of `inputBits` bits.
    /// Fails when fewer streams came than `parameters.streamCount`, or none.
    public mutating func finish(inputBits: Int) throws -> SP80022SuiteResult {
        try state().conclude(parameters: parameters, tests: tests, inputBits: inputBits)
    }
}
