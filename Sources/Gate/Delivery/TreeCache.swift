import Dispatch
import RandomnessCore
import Synchronization

/// The Merkle trees (with report hashes) of the buffers being served, built ahead of need.
///
/// A buffer's tree takes tens of milliseconds to build (32,768 leaf hashes and as many node
/// hashes for 1 MiB). Built by the dispense worker when the buffer's first request comes,
/// it held up every request queued behind it: with 1 KiB requests at 1,000/s, a new buffer
/// every second and a p99 of 12–13 ms. So after each batch the worker asks for the next
/// passed buffers' trees (`prepare(after:)`), which a background queue builds; a request for
/// a buffer whose tree is being built waits for that build rather than starting another.
///
/// Memory: at most `limit` trees of 2 × the buffer size each (8 MiB in all at the default
/// 1 MiB buffers, 512 MiB at the largest, 64 MiB); a buffer's tree is dropped when its last
/// leaf is served (`forget`).
final class TreeCache: Sendable {
    /// A buffer's tree and its report's SHA-256.
    struct Served: Sendable {
        var tree: MerkleTree
        var reportSHA256: String
    }

    /// One tree, built once; any number of `wait`s return it.
    private typealias Entry = ResultSlot<Served>

    /// Trees kept: the buffer being served, one whose last leaves a large request skipped,
    /// and `ahead` more.
    static let limit = 4
    /// Passed buffers prepared beyond the one being served.
    static let ahead = 2
    /// Least time between two looks for the next buffers while none is prepared.
    static let preparePeriodNanoseconds: UInt64 = 50_000_000

    private let spool: Spool
    private let ledger: Ledger
    private let entries = Mutex<[Int: Entry]>([:])
    /// Below the request threads, above capture and the battery.
    private let builder = DispatchQueue(label: "rngcert.gate.trees", qos: .utility)
    private let preparing = Atomic<Bool>(false)
    private let lastPrepared = Atomic<UInt64>(0)

    init(spool: Spool, ledger: Ledger) {
        self.spool = spool
        self.ledger = ledger
    }

    /// Buffer `id`'s tree: kept, being built (waits for it), or built now. A failed
    /// background build is tried again here, so its error is this call's own.
    func served(_ id: Int) throws -> Served {
        for attempt in 0..<2 {
            let (entry, mine) = entries.withLock { entries -> (Entry, Bool) in
                if let entry = entries[id] { return (entry, false) }
                let entry = Entry()
                entries[id] = entry
                Self.trim(&entries, keeping: id)
                return (entry, true)
            }
            if mine { entry.set(Result { try build(id) }) }
            switch entry.wait() {
            case let .success(served):
                return served
            case let .failure(error):
                entries.withLock { if $0[id] === entry { $0[id] = nil } }
                if mine || attempt == 1 { throw error }
            }
        }
        preconditionFailure("unreachable: the second attempt returns or throws")
    }

    /// Drops buffer `id`'s tree (its last leaf is served).
    func forget(_ id: Int) {
        entries.withLock { $0[id] = nil }
    }

    /// Has the builder build the trees of the `ahead` passed buffers after `id` that are
    /// not kept yet. Cheap when they are: no ledger read, nothing queued. Otherwise one
    /// look at a time, at most every `preparePeriodNanoseconds`.
    func prepare(after id: Int) {
        let prepared = entries.withLock { entries in entries.keys.filter { $0 > id }.count }
        guard prepared < Self.ahead else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now &- lastPrepared.load(ordering: .relaxed) >= Self.preparePeriodNanoseconds,
              !preparing.exchange(true, ordering: .acquiring) else { return }
        lastPrepared.store(now, ordering: .relaxed)
        builder.async { [self] in
            defer { preparing.store(false, ordering: .releasing) }
            guard let next = try? ledger.passedBuffers(after: id, limit: Self.ahead) else { return }
            for next in next {
                let entry: Entry? = entries.withLock { entries in
                    guard entries[next] == nil else { return nil }
                    let entry = Entry()
                    entries[next] = entry
                    Self.trim(&entries, keeping: next)
                    return entry
                }
                entry?.set(Result { try build(next) })
            }
        }
    }

    /// Whether buffer `id`'s tree is kept, once a build in progress is done (for tests).
    func isReady(_ id: Int) -> Bool {
        guard let entry = entries.withLock({ $0[id] }) else { return false }
        if case .success = entry.wait() { return true }
        return false
    }

    /// Keeps at most `limit` entries, dropping the oldest buffers' first (never `id`'s).
    private static func trim(_ entries: inout [Int: Entry], keeping id: Int) {
        while entries.count > limit, let oldest = entries.keys.filter({ $0 != id }).min() {
            entries[oldest] = nil
        }
    }

    /// Reads buffer `id`'s data file and report hash and builds its tree.
    private func build(_ id: Int) throws -> Served {
        guard let record = try ledger.buffer(id), let reportSHA256 = record.reportSHA256 else {
            throw GateError.buffer(id: id, reason: "granted but not in the ledger")
        }
        let bytes = try FileBytes.read(spool.pool(id) + "/" + Spool.dataFileName, limit: GateSettings.bufferSizeRange.upperBound)
        return Served(tree: MerkleTree(bytes: bytes), reportSHA256: reportSHA256)
    }
}
