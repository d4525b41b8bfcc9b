import Dispatch
import RandomnessCore
import SP80090B
import Synchronization

/// Reads a source into an output file through the capture pipeline (health tests, file,
/// SHA-256), retrying failures under a `RetryPolicy` and stopping cleanly on request.
///
/// The reader fills each buffer as far as the source has data ready (a fast source gives
/// full buffers, a slow one gives what it has at once, so nothing waits in memory). A
/// failure hands on the bytes already read before it is retried or reported, so nothing
/// read is ever lost.
public final class CaptureSession {
    public let source: any ByteSource
    public let configuration: CaptureConfiguration
    public let stop: StopSignal
    /// Called every `progressInterval` seconds (also while the source is silent), on every
    /// retry (with a note), and once at the end — always from one serial queue, never
    /// concurrently.
    public var onProgress: (@Sendable (CaptureProgress) -> Void)?

    public init(source: any ByteSource, configuration: CaptureConfiguration, stop: StopSignal) {
        self.source = source
        self.configuration = configuration
        self.stop = stop
    }

    /// Runs the capture into `output` (which the caller commits or discards). Never
    /// throws for a failing source: that is how a capture ends (`endReason`).
    public func run(into output: AtomicFileStream) throws(HealthTestError) -> CaptureResult {
        let config = configuration
        let pipeline = try CapturePipeline(
            chunkSize: config.chunkSize, bufferCount: config.bufferCount, health: config.health, output: output, qos: config.qos)
        let startedAt = UTCTimestamp.now()
        let start = MonotonicClock.seconds()

        var delivered = 0
        var chunkCount = 0
        var retries = 0
        var consecutiveFailures = 0
        var errors: [CaptureErrorRecord] = []
        var errorCount = 0
        var endReason: CaptureEndReason? = nil

        // Progress: counters the reader updates and a timer on its own queue reads.
        let progress = ProgressTicker(target: config.byteLimit, start: start, alarms: { pipeline.alarmCount.load(ordering: .relaxed) },
                                      onProgress: onProgress, interval: config.progressInterval)
        func record(_ error: CaptureSourceError, retried: Bool) {
            errorCount += 1
            if errors.count < config.errorLimit {
                errors.append(CaptureErrorRecord(at: UTCTimestamp.now(), offset: delivered, message: error.description, retried: retried))
            }
        }

        while endReason == nil {
            if stop.isRequested { endReason = .interrupted; break }
            if pipeline.healthStopped.load(ordering: .relaxed) { endReason = .healthAlarm; break }
            if pipeline.writeFailed.load(ordering: .relaxed) { endReason = .writeFailed; break }
            if let limit = config.byteLimit, delivered >= limit { endReason = .complete; break }

            // Fill one buffer.
            let index = pipeline.acquire()
            let buffer = pipeline.buffer(index)
            let want = config.byteLimit.map { min(buffer.count, $0 - delivered) } ?? buffer.count
            var filled = 0
            var failure: CaptureSourceError? = nil
            var ended = false
            while filled < want {
                do {
                    let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<want]), stop: stop)
                    if n == 0 { ended = true; break }
                    filled += n
                    chunkCount += 1
                    consecutiveFailures = 0
                } catch {
                    failure = error
                    break
                }
                if !source.hasDataReady() { break }
            }
            pipeline.submit(index, count: filled)
            delivered += filled
            progress.bytes.store(delivered, ordering: .relaxed)

            if ended {
                if let limit = config.byteLimit, delivered < limit {
                    if source.endIsFailure {
                        failure = .closedEarly(source: source.record.location, offset: delivered)
                    } else {
                        endReason = .sourceEnded
                    }
                } else {
                    endReason = .complete
                }
            }
            if let error = failure {
                if error == .stopped { endReason = .interrupted; break }
                consecutiveFailures += 1
                // Without a byte count, a stream's end is the capture's end: once a network
                // stream has delivered bytes, a failure (a reset, a timeout) ends it rather
                // than joining another connection's bytes to these.
                let resumable = config.byteLimit != nil || !source.endIsFailure || delivered == 0
                let retry = resumable && error.isRetryable && consecutiveFailures <= config.retry.maxRetries
                record(error, retried: retry)
                guard retry else { endReason = .sourceFailed; break }
                retries += 1
                progress.retries.store(retries, ordering: .relaxed)
                let delay = config.retry.delay(beforeRetry: consecutiveFailures)
                progress.note("\(error); retry \(consecutiveFailures) of \(config.retry.maxRetries) in \(CaptureSourceError.seconds(delay))")
                guard RetryPolicy.sleep(delay, stop: stop) else { endReason = .interrupted; break }
                do {
                    try source.recover(after: error, offset: delivered, stop: stop)
                } catch {
                    if error == .stopped { endReason = .interrupted; break }
                    record(error, retried: false)
                    endReason = .sourceFailed
                    break
                }
                continue
            }
        }

        let totals = pipeline.finish()
        // A health stop or write failure may have happened while the reader was ending
        // for another reason; the pipeline's account of the bytes wins.
        var reason = endReason ?? .complete
        if pipeline.healthStopped.load(ordering: .relaxed) { reason = .healthAlarm }
        if totals.writeError != nil { reason = .writeFailed }
        if let writeError = totals.writeError {
            errorCount += 1
            errors.append(CaptureErrorRecord(at: UTCTimestamp.now(), offset: totals.byteCount, message: writeError.description, retried: false))
        }
        let finishedAt = UTCTimestamp.now()
        let seconds = MonotonicClock.seconds() - start
        progress.finish(bytes: totals.byteCount)
        return CaptureResult(
            startedAt: startedAt, finishedAt: finishedAt, seconds: seconds, byteCount: totals.byteCount,
            sha256: totals.sha256, chunkCount: source.countedResponses ?? chunkCount, retries: retries, errors: errors, errorCount: errorCount,
            endReason: reason, signal: reason == .interrupted ? stop.signal.map(SignalStopHandler.name(of:)) : nil,
            health: totals.health)
    }
}
