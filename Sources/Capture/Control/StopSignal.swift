import Synchronization

/// A request to stop capturing, set from a signal handler or any thread and polled by the
/// capture loop and by sources while they wait. Once set it stays set.
public final class StopSignal: Sendable {
    /// 0 while running; otherwise the signal number that asked to stop (or -1 when the
    /// stop was requested by code).
    private let state = Atomic<Int32>(0)

    public init() {}

    /// Asks to stop; the first request's signal number is kept.
    public func request(signal: Int32 = -1) {
        _ = state.compareExchange(expected: 0, desired: signal == 0 ? -1 : signal, ordering: .sequentiallyConsistent)
    }

    /// Whether a stop was requested.
    public var isRequested: Bool { state.load(ordering: .relaxed) != 0 }

    /// The signal that asked to stop, if it was a signal.
    public var signal: Int32? {
        let s = state.load(ordering: .sequentiallyConsistent)
        return s > 0 ? s : nil
    }
}
