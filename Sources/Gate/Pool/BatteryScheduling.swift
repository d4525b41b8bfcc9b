#if canImport(Glibc)
import Glibc
#endif

/// Scheduling of the battery threads.
enum BatteryScheduling {
    /// Linux's SCHED_IDLE policy (sched(7)), not exported by Swift's Glibc module.
    static let schedIdle: Int32 = 5

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
}
