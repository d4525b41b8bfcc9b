import Certification
import Dispatch
import Synchronization

/// One buffer's battery result, handed from the assessment stage to the filing stage:
/// `wait` blocks until `set` has been called once.
final class BatteryOutcome: Sendable {
    private let value = Mutex<Result<Report, any Error>?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func set(_ result: Result<Report, any Error>) {
        value.withLock { $0 = result }
        ready.signal()
    }

    func wait() -> Result<Report, any Error> {
        ready.wait()
        return value.withLock { $0 }!
    }
}
