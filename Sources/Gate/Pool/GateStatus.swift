import Synchronization

/// What the pipeline tells `/v1/status` and the metrics, shared between threads.
public final class GateStatus: Sendable {
    /// The source's state as the pipeline last saw it.
    public enum SourceState: String, Sendable, Codable {
        case starting, capturing, waiting, ended, failed, stopped
    }

    struct State {
        var source: SourceState = .starting
        var sourceDetail: String?
        var healthAlarms = 0
        var bytesCaptured = 0
        var lastBufferSeconds: Double?
    }

    private let state = Mutex(State())

    public init() {}

    public var source: (state: SourceState, detail: String?) { state.withLock { ($0.source, $0.sourceDetail) } }
    public var healthAlarms: Int { state.withLock { $0.healthAlarms } }
    public var bytesCaptured: Int { state.withLock { $0.bytesCaptured } }

    func setSource(_ source: SourceState, _ detail: String? = nil) {
        state.withLock { $0.source = source; $0.sourceDetail = detail }
    }

    func addCaptured(bytes: Int, alarms: Int) {
        state.withLock { $0.bytesCaptured += bytes; $0.healthAlarms += alarms }
    }
}
