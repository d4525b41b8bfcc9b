import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the catchable terminating signals — SIGINT (Ctrl-C), SIGTERM, SIGHUP (a closed
/// terminal or dropped SSH session) and SIGQUIT (Ctrl-\\) — into a `StopSignal` request
/// while it is alive, through Dispatch signal sources: their default action (ending the
/// process, SIGQUIT with a crash report) is replaced by "stop capturing", so the capture
/// can keep and flush what it has. SIGPIPE is ignored meanwhile, so that a closed standard
/// output or error is a failed write (EPIPE) to shrug off, not death. When released, the
/// signals' earlier dispositions come back.
public final class SignalStopHandler {
    public let stop: StopSignal
    private var sources: [any DispatchSourceSignal] = []
    private let signals: [Int32]
    private var previous: [Int32: sighandler_t?] = [:]
    private var previousPipe: sighandler_t?

    /// The signals that stop a capture by default.
    public static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Installs handlers for `signals` that request `stop`, and ignores SIGPIPE.
    public init(stop: StopSignal, signals: [Int32] = SignalStopHandler.terminating) {
        self.stop = stop
        self.signals = signals
        previousPipe = signal(SIGPIPE, SIG_IGN)
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
        signal(SIGPIPE, previousPipe ?? SIG_DFL)
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
