import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// For commands that write their results only when done (assess, verify, render, ent, …):
/// on SIGINT, SIGTERM, SIGHUP or SIGQUIT the pending temporary files are removed and the
/// process then dies of the same signal, as it would have without the handler (exit status
/// 128 + the signal's number in a shell). `capture` has its own handling: it publishes what
/// it has captured instead.
public enum InterruptCleanup {
    /// The signals handled.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Installs the handlers; call once at start-up, before any temporary file is made.
    public static func install() {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                TemporaryFiles.removeAll()
                // Dispatch's threads block signals: unblock this one here, restore the
                // default action and raise it on this thread so the process dies of it.
                signal(number, SIG_DFL)
                var set = sigset_t()
                sigemptyset(&set)
                sigaddset(&set, number)
                pthread_sigmask(SIG_UNBLOCK, &set, nil)
                raise(number)
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
