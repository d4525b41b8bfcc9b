#if canImport(Glibc)
import Glibc
#endif

/// Scheduling priority of the calling thread.
enum ThreadPriority {
    /// Raises the calling thread's nice value by `amount`. On Linux the nice value belongs to
    /// each thread, and `PRIO_PROCESS` with id 0 names the calling thread only (setpriority(2),
    /// "Bugs"). Never undone: call it on a thread made for the purpose. A failure leaves the
    /// priority as it was.
    static func lower(by amount: Int32) {
        #if os(Linux)
        let tid: id_t = 0
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid)
        guard errno == 0 else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid, min(19, current + amount))
        #endif
    }
}
