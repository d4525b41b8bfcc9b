import Foundation
import Synchronization
@testable import Gate
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Gate: thread priorities")
struct ThreadSchedulingTests {
    /// Runs `body` on a new thread (the calls are irreversible for that thread) and returns
    /// what it measured there, with the same measure taken on the calling thread.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let result = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result.withLock { $0 = body() }
            done.signal()
        }
        thread.start()
        done.wait()
        return result.withLock { $0! }
    }

    #if os(Linux)
    @Test("background() sets nice 10 on the calling thread only")
    func background() {
        let before = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        let inside = Self.onOwnThread { () -> Int32 in
            ThreadScheduling.background()
            return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        }
        #expect(inside == ThreadScheduling.backgroundNice)
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == before)
    }

    @Test("idle() puts the calling thread only under SCHED_IDLE")
    func idle() {
        let before = sched_getscheduler(0)
        let inside = Self.onOwnThread { () -> Int32 in
            ThreadScheduling.idle()
            return sched_getscheduler(0)
        }
        #expect(inside == ThreadScheduling.schedIdle)
        #expect(sched_getscheduler(0) == before)
    }
    #endif
}
