#if canImport(Glibc)
import Glibc
#endif

/// Priorities of the gate's own threads, so that serving comes first: the request threads
/// keep theirs; capture and filing run at nice 10; the battery only on idle CPU.
enum ThreadScheduling {
    /// Linux's SCHED_IDLE policy (sched(7)), not exported by Swift's Glibc module.
    static let schedIdle: Int32 = 5
    /// The nice value of the background stages; Dispatch's background QoS maps to the same.
    static let backgroundNice: Int32 = 10

    /// Puts the calling thread under SCHED_IDLE: it runs only when no other thread of the
    /// machine wants the CPU. Thread 0 is the caller (sched_setscheduler(2)). Irreversible
    /// for an unprivileged thread: call it on a thread made for the purpose. A failure
    /// leaves the policy as it was.
    static func idle() {
        #if os(Linux)
        var parameters = sched_param()
        parameters.sched_priority = 0
        _ = sched_setscheduler(0, schedIdle, &parameters)
        #endif
    }

    /// Sets the calling thread's nice value to `backgroundNice`. On Linux nice is per thread,
    /// and setpriority(2) with PRIO_PROCESS and 0 sets the caller's. Irreversible for an
    /// unprivileged thread, as `idle`.
    static func background() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, backgroundNice)
        #endif
    }
}
