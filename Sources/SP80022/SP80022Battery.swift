import RandomnessCore

/// Runs the registered SP 800-22 tests over the streams of an input and adds the
/// second-level analysis.
///
/// The input is split into `streamCount` consecutive streams of `streamLength` bits (by
/// default as many whole streams as it holds; trailing bits are not tested). Each
/// (stream, test) pair is one work item of `Parallel.map`, so results come back in index
/// order and the result is identical for any number of jobs.
public enum SP80022Battery {
    /// How the input is cut into streams.
    public struct Layout: Codable, Sendable, Equatable {
        public var streamCount: Int
        public var streamLength: Int
    }

    /// The streams `parameters` ask for in `bitCount` input bits, or why there are none.
    public static func layout(bitCount: Int, parameters: SP80022Parameters) throws(SP80022Error) -> Layout {
        let n = parameters.streamLength
        guard n >= 1 else {
            throw .invalidParameter(name: "streamLength", value: String(n), reason: "must be at least 1")
        }
        if let count = parameters.streamCount {
            guard count >= 1 else {
                throw .invalidParameter(name: "streamCount", value: String(count), reason: "must be at least 1")
            }
            let (needed, overflow) = count.multipliedReportingOverflow(by: n)
            guard !overflow && needed <= bitCount else {
                throw .insufficientInput(streamCount: count, streamLength: n, availableBits: bitCount)
            }
            return Layout(streamCount: count, streamLength: n)
        }
        let count = bitCount / n
        guard count >= 1 else { throw .noStreams(streamLength: n, availableBits: bitCount) }
        return Layout(streamCount: count, streamLength: n)
    }

    /// The tests `parameters` ask for that have an implementation, in STS order.
    public static func testsToRun(_ parameters: SP80022Parameters) -> [SP80022TestID] {
        let requested = Set(parameters.tests)
        return SP80022Registry.registeredTests.filter { requested.contains($0) }
    }

    /// Runs the battery on `bits` with at most `jobs` workers.
    public static func run(_ bits: BitSequence, parameters: SP80022Parameters = SP80022Parameters(),
                           jobs: Int = Parallel.defaultJobs) throws(SP80022Error) -> SP80022SuiteResult {
        try parameters.validate()
        let layout = try layout(bitCount: bits.count, parameters: parameters)
        let tests = testsToRun(parameters)
        let implementations = tests.map { SP80022Registry.registration(of: $0)! }
        let n = layout.streamLength
        // Each stream is cut out once and shared by its tests (the copies total the input's size).
        let streamBits = layout.streamCount == 1 && n == bits.count
            ? [bits] : bits.streams(count: layout.streamCount, length: n)
        let items = layout.streamCount * tests.count

        let results: [Result<SP80022TestOutcome, SP80022Error>] = Parallel.map(count: items, jobs: jobs) { item in
            let stream = item / tests.count
            let t = item % tests.count
            let bitsOfStream = streamBits[stream]
            do {
                let outcome = try implementations[t].run(bitsOfStream, parameters: parameters)
                // The result goes into a JSON report: refuse NaN or infinity rather than crash later.
                if let bad = outcome.pValues.first(where: { !$0.isFinite }) ?? outcome.statistics.values.first(where: { !$0.isFinite }) {
                    return .failure(.testError(test: tests[t], stream: stream, description: "non-finite result \(bad)"))
                }
                return .success(outcome)
            } catch let error as NumericsError {
                return .failure(.numerics(test: tests[t], stream: stream, error))
            } catch {
                return .failure(.testError(test: tests[t], stream: stream, description: "\(error)"))
            }
        }

        var streams: [SP80022StreamResult] = []
        streams.reserveCapacity(layout.streamCount)
        for s in 0..<layout.streamCount {
            var outcomes: [SP80022TestOutcome] = []
            for t in 0..<tests.count { outcomes.append(try results[s * tests.count + t].get()) }
            streams.append(SP80022StreamResult(index: s, bitOffset: s * n, outcomes: outcomes))
        }

        var analysis: [SP80022TestAnalysis] = []
        for (t, id) in tests.enumerated() {
            do {
                analysis.append(try SP80022FinalAnalysis.analyze(id, outcomes: streams.map { $0.outcomes[t] },
                                                                 corrected: parameters.corrected))
            } catch {
                throw .numerics(test: id, stream: -1, error)
            }
        }
        let (verdict, basis): (Verdict, SP80022VerdictBasis)
        do {
            (verdict, basis) = try SP80022VerdictPolicy.apply(to: &analysis)
        } catch {
            throw .numerics(test: tests.first ?? .frequency, stream: -1, error)
        }
        return SP80022SuiteResult(parameters: parameters, alpha: SP80022.alpha, inputBits: bits.count,
                                  streamLength: n, streamCount: layout.streamCount, tests: tests, streams: streams,
                                  analysis: analysis, verdictBasis: basis, verdict: verdict)
    }
}
