import RandomnessCore
import SP80090B

/// SP 800-90B in one pass: the estimators and the IID track on a window of samples (the first
/// `windowLimit`, or all when nil), the continuous health tests on every sample of the input.
///
/// The health tests' cutoffs come from the claimed H or, without a claim, from the window's
/// assessed H; so the window is held (at most `windowLimit` samples) until it is assessed,
/// then run through the health tests, and every later sample goes straight to them.
struct SP80090BStage {
    let parameters: SP80090BParameters
    let windowLimit: Int?
    /// The sample width; nil until inferred (`samples` input without `--bits-per-symbol`).
    var width: Int?
    private var cutter: SampleCutter?
    private var samples: [UInt8] = []
    private var window: [UInt8] = []
    private var assessed: SP80090BWindowAssessment?
    private var health: HealthScanAccumulator?
    private var totalSamples = 0

    init(parameters: SP80090BParameters, windowLimit: Int?, width: Int?) {
        self.parameters = parameters
        self.windowLimit = windowLimit
        self.width = width
    }

    /// Takes the next bytes of the packed bit stream.
    mutating func add(_ bits: UnsafeBufferPointer<UInt8>, jobs: Int, progress: (String) -> Void) throws {
        if cutter == nil { cutter = SampleCutter(width: width ?? 8) }
        cutter!.cut(bits, into: &samples)
        try takeSamples(jobs: jobs, progress: progress)
    }

    /// Takes the stream's last bits (fewer than 8).
    mutating func addTail(_ value: UInt8, count: Int, jobs: Int, progress: (String) -> Void) throws {
        if cutter == nil { cutter = SampleCutter(width: width ?? 8) }
        cutter!.cutTail(value, count: count, into: &samples)
        try takeSamples(jobs: jobs, progress: progress)
    }

    /// The suite's result: the window's assessment with the health tests over every sample.
    mutating func finish(jobs: Int, progress: (String) -> Void) throws -> SP80090BSuiteResult {
        if assessed == nil { try assessWindow(jobs: jobs, progress: progress) }
        return try SP80090BSuite.complete(assessed!, healthScan: health?.scan, inputSamples: totalSamples)
    }

    private mutating func takeSamples(jobs: Int, progress: (String) -> Void) throws {
        totalSamples += samples.count
        var start = 0
        if assessed == nil {
            let room = windowLimit.map { $0 - window.count } ?? samples.count
            start = min(room, samples.count)
            window.append(contentsOf: samples[..<start])
            if let limit = windowLimit, window.count >= limit { try assessWindow(jobs: jobs, progress: progress) }
        }
        if start < samples.count, health != nil {
            samples[start...].withUnsafeBufferPointer { health!.feed($0) }
        }
    }

    /// Assesses the window, then starts the health tests with it.
    private mutating func assessWindow(jobs: Int, progress: (String) -> Void) throws {
        progress("estimating (\(window.count) samples)")
        let result = try SP80090BSuite.assessWindow(samples: window, parameters: parameters, jobs: jobs)
        assessed = result
        if let cutoffs = result.healthParameters {
            var scanner = try HealthScanAccumulator(parameters: cutoffs, alarmLimit: SP80090BSuite.reportedAlarmLimit)
            window.withUnsafeBufferPointer { scanner.feed($0) }
            health = scanner
        }
        window = []
        progress("health tests")
    }
}
