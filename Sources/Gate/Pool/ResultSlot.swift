import Dispatch
import Synchronization

/// A result handed from one thread to others: `set` once, then every `wait` (any number,
/// on any thread) returns it; a `wait` before `set` blocks until it. The battery hands a
/// buffer's report to the filing stage through one; the tree builder a tree to requests.
final class ResultSlot<Value: Sendable>: Sendable {
    private let value = Mutex<Result<Value, any Error>?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func set(_ result: Result<Value, any Error>) {
        value.withLock { $0 = result }
        ready.signal()
    }

    func wait() -> Result<Value, any Error> {
        ready.wait()
        // Leave the signal for the next waiter.
        ready.signal()
        return value.withLock { $0 }!
    }
}
