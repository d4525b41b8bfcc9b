import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one parallel helper: runs `body` for every index on at most `jobs` workers over
/// `DispatchQueue.concurrentPerform`, and returns the results in index order, so the
/// output is the same for any number of jobs.
///
/// Each index should be a meaningful chunk of work (a stream × test, a block of
/// permutations); workers take the next index from a shared counter.
public enum Parallel {
    /// The number of active processors; the default for `--jobs`.
    public static var defaultJobs: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// The worker counts accepted for `--jobs`: 1…1024. More workers than work items are
    /// never started, but some callers split their input by the job count.
    public static let jobsRange = 1...1024

    public static func map<T: Sendable>(count: Int, jobs: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, min(jobs, count))
        if workers == 1 { return (0..<count).map(body) }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        let next = Atomic<Int>(0)
        let shared = SendableBuffer(base: slots)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= count { break }
                shared.base[i] = body(i)
            }
        }
        return slots.map { $0! }
    }

    /// As `map`, for bodies that throw: the error of the lowest failing index is rethrown.
    public static func map<T: Sendable>(count: Int, jobs: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let outcomes: [Result<T, any Error>] = map(count: count, jobs: jobs) { i in Result { try body(i) } }
        return try outcomes.map { try $0.get() }
    }
}

/// Each index is written by exactly one worker, so sharing the buffer is race-free.
private struct SendableBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<T?>
}

