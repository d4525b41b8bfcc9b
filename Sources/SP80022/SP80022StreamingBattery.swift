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
    private var inline: [(minimum: Double, stream: SP80022StreamResult)] = []
    private var summary = SP80022PValueSummary()
    private let onStream: (SP80022StreamResult) throws -> Void

    /// A battery for streams of `parameters.streamLength` bits; `onStream` sees every stream's
    /// outcomes in index order (an error it throws ends the run).
    public init(parameters: SP80022Parameters, jobs: Int = Parallel.defaultJobs,
                onStream: @escaping (SP80022StreamResult) throws -> Void = { _ in }) throws(SP80022Error) {
        try parameters.validate()
        guard parameters.streamLength >= 1 else {
            throw .invalidParameter(name: "streamLength", value: String(parameters.streamLength), reason: "must be at least 1")
        }
        if let count = parameters.streamCount, count < 1 {
            throw .invalidParameter(name: "streamCount", value: String(count), reason: "must be at least 1")
        }
        self.parameters = parameters
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
        let first = streamsDone
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

    /// Runs what is pending and returns the suite result for an input of `inputBits` bits.
    /// Fails when fewer streams came than `parameters.streamCount`, or none.
    public mutating func finish(inputBits: Int) throws -> SP80022SuiteResult {
        try flush()
        let n = parameters.streamLength
        if let count = parameters.streamCount, streamsDone < count {
            throw SP80022Error.insufficientInput(streamCount: count, streamLength: n, availableBits: inputBits)
        }
        guard streamsDone >= 1 else { throw SP80022Error.noStreams(streamLength: n, availableBits: inputBits) }
        var analysis: [SP80022TestAnalysis] = []
        for tally in tallies {
            do {
                analysis.append(try SP80022FinalAnalysis.analyze(tally))
            } catch {
                throw SP80022Error.numerics(test: tally.test, stream: -1, error)
            }
        }
        let (verdict, basis): (Verdict, SP80022VerdictBasis)
        do {
            (verdict, basis) = try SP80022VerdictPolicy.apply(to: &analysis)
        } catch {
            throw SP80022Error.numerics(test: tests.first ?? .frequency, stream: -1, error)
        }
        let streams = inline.map(\.stream).sorted { $0.index < $1.index }
        return SP80022SuiteResult(parameters: parameters, alpha: SP80022.alpha, inputBits: inputBits,
                                  streamLength: n, streamCount: streamsDone, tests: tests, streams: streams,
                                  pValueSummary: summary, analysis: analysis, verdictBasis: basis, verdict: verdict)
    }
}
