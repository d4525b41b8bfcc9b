import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT and SIGTERM into a `StopSignal` request while it is alive, through
/// Dispatch signal sources: the signals' default action (ending the process) is replaced
/// by "stop capturing", so the capture can keep and flush what it has. When released, the
/// signals' earlier dispositions come back.
public final class SignalStopHandler {
    public let stop: StopSignal
    private var sources: [any DispatchSourceSignal] = []
    private let signals: [Int32]
    private var previous: [Int32: sighandler_t?] = [:]

    /// Installs handlers for `signals` that request `stop`.
    public init(stop: StopSignal, signals: [Int32] = [SIGINT, SIGTERM]) {
        self.stop = stop
        self.signals = signals
        for number in signals {
            previous[number] = signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [stop] in stop.request(signal: number) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
        for number in signals { signal(number, previous[number] ?? SIG_DFL) }
    }

    /// The conventional name of a signal number, e.g. "SIGINT".
    public static func name(of number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        case SIGQUIT: "SIGQUIT"
        default: "signal \(number)"
        }
    }
}
