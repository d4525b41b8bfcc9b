import RandomnessCore

/// Runs the registered SP 800-22 tests over the streams of an input held in memory and adds
/// the second-level analysis (through `SP80022StreamingBattery`, as a streamed run does).
///
/// The input is split into `streamCount` consecutive streams of `streamLength` bits (by
/// default as many whole streams as it holds; trailing bits are not tested). The result is
/// identical for any number of jobs.
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
        // Each stream is cut out once and shared by its tests.
        let streamBits = layout.streamCount == 1 && layout.streamLength == bits.count
            ? [bits] : bits.streams(count: layout.streamCount, length: layout.streamLength)
        do {
            var battery = try SP80022StreamingBattery(parameters: parameters, jobs: jobs)
            for stream in streamBits { try battery.add(stream) }
            return try battery.finish(inputBits: bits.count)
        } catch let error as SP80022Error {
            throw error
        } catch {
            throw .testError(test: .frequency, stream: -1, description: "\(error)")
        }
    }
}
