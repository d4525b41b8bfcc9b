import Dispatch
import Synchronization

/// Delivers a capture's progress from a timer on its own serial queue, so that the display
/// keeps moving while the source is silent; the reader only updates counters. Notes and the
/// final report go through the same queue, so reports never overlap.
/// (`@unchecked`: the timer, a Dispatch source, is thread-safe but not marked Sendable.)
final class ProgressTicker: @unchecked Sendable {
    let bytes = Atomic<Int>(0)
    let retries = Atomic<Int>(0)
    private let target: Int?
    private let start: Double
    private let alarms: @Sendable () -> Int
    private let onProgress: (@Sendable (CaptureProgress) -> Void)?
    private let queue = DispatchQueue(label: "rngcert.capture.progress")
    private let timer: (any DispatchSourceTimer)?

    init(target: Int?, start: Double, alarms: @escaping @Sendable () -> Int,
         onProgress: (@Sendable (CaptureProgress) -> Void)?, interval: Double) {
        self.target = target
        self.start = start
        self.alarms = alarms
        self.onProgress = onProgress
        timer = onProgress == nil ? nil : DispatchSource.makeTimerSource(queue: queue)
        guard let timer else { return }
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.onProgress?(self.snapshot(note: nil, finished: false, bytes: nil))
        }
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(10))
        timer.resume()
    }

    private func snapshot(note: String?, finished: Bool, bytes override: Int?) -> CaptureProgress {
        CaptureProgress(bytes: override ?? bytes.load(ordering: .relaxed), target: target,
                        elapsed: MonotonicClock.seconds() - start, alarms: alarms(),
                        retries: retries.load(ordering: .relaxed), note: note, finished: finished)
    }

    /// A line about a failure being retried.
    func note(_ text: String) {
        guard let onProgress else { return }
        let progress = snapshot(note: text, finished: false, bytes: nil)
        queue.async { onProgress(progress) }
    }

    /// Stops the timer and delivers the last report (with the bytes actually kept).
    func finish(bytes: Int) {
        timer?.cancel()
        guard let onProgress else { return }
        let progress = snapshot(note: nil, finished: true, bytes: bytes)
        queue.sync { onProgress(progress) }
    }
}
