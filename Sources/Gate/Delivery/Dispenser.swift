import Dispatch
import Foundation
import Metrics
import RandomnessCore
import Synchronization

/// Grants bytes from the pool: allocates leaves in the ledger (committed first), then reads
/// them from the buffer's data file and builds their proof.
///
/// Requests are served in whole leaves (`MerkleTree.leafSize` bytes): N bytes take ⌈N/32⌉
/// leaves, of which the last one's unrequested bytes go to the client in the proof's `tail`
/// and to nobody else.
///
/// Group commit: requests wait in a queue; one serial worker takes all that are waiting (at
/// most `maxBatch`), allocates them in one ledger transaction (one disk flush), then reads
/// and proves each in order and hands it back. A burst of N requests costs one flush, not
/// N in a row, and the ledger's order is the order of arrival. Because every read happens on
/// that worker after its commit, a buffer's data file is removed as soon as the allocation
/// that took its last leaf has been read.
public final class Dispenser: Sendable {
    public let spool: Spool
    public let ledger: Ledger

    /// Largest request, in bytes.
    public static let maxRequestBytes = 1 << 16
    /// Most requests allocated in one transaction.
    public static let maxBatch = 256

    public enum Outcome: Sendable {
        case delivered(bytes: [UInt8], proof: DeliveryProof)
        case poolEmpty
        case overQuota(used: Int, quota: Int)
    }

    private struct Waiting: Sendable {
        var request: AllocationRequest
        var enqueued: UInt64
        var continuation: CheckedContinuation<Outcome, any Error>
    }

    private struct Queue: Sendable {
        var waiting: [Waiting] = []
        var draining = false
    }

    private let queue = Mutex(Queue())
    /// At the QoS of the request threads (user-initiated), above capture and the battery.
    private let worker = DispatchQueue(label: "rngcert.gate.dispense", qos: .userInitiated)
    /// The served buffers' trees, built ahead of their first request.
    let trees: TreeCache

    public init(spool: Spool, ledger: Ledger) {
        self.spool = spool
        self.ledger = ledger
        trees = TreeCache(spool: spool, ledger: ledger)
    }

    /// Allocates and reads `byteCount` bytes (1…`maxRequestBytes`) for `client`. Suspends
    /// (no thread blocked) until the worker has committed and read them.
    public func dispense(byteCount: Int, client: String, dailyQuota: Int?) async throws -> Outcome {
        precondition((1...Self.maxRequestBytes).contains(byteCount))
        let leaves = (byteCount + MerkleTree.leafSize - 1) / MerkleTree.leafSize
        let request = AllocationRequest(leaves: leaves, byteCount: byteCount, client: client, dailyQuota: dailyQuota)
        return try await withCheckedThrowingContinuation { continuation in
            let waiting = Waiting(request: request, enqueued: DispatchTime.now().uptimeNanoseconds, continuation: continuation)
            let start = queue.withLock { q -> Bool in
                q.waiting.append(waiting)
                guard !q.draining else { return false }
                q.draining = true
                return true
            }
            if start { worker.async { self.drain() } }
        }
    }

    /// The worker: batches until the queue is empty.
    private func drain() {
        while true {
            let batch = queue.withLock { q -> [Waiting] in
                let count = min(q.waiting.count, Self.maxBatch)
                let batch = Array(q.waiting.prefix(count))
                q.waiting.removeFirst(count)
                if batch.isEmpty { q.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            serve(batch)
        }
    }

    private func serve(_ batch: [Waiting]) {
        let started = DispatchTime.now().uptimeNanoseconds
        let wait = Metrics.Timer(label: "rngcert_gate_allocation_wait_seconds")
        for waiting in batch { wait.recordNanoseconds(Int64(started - waiting.enqueued)) }
        let results: [AllocationResult]
        do {
            results = try ledger.allocate(batch.map(\.request))
        } catch {
            for waiting in batch { waiting.continuation.resume(throwing: error) }
            return
        }
        Metrics.Timer(label: "rngcert_gate_ledger_commit_seconds").recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started))
        Recorder(label: "rngcert_gate_ledger_commit_requests").record(batch.count)
        let served = Metrics.Timer(label: "rngcert_gate_dispense_seconds")
        var newest: Int?
        for (waiting, result) in zip(batch, results) {
            defer { served.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - waiting.enqueued)) }
            switch result {
            case .poolEmpty: waiting.continuation.resume(returning: .poolEmpty)
            case let .overQuota(used, quota): waiting.continuation.resume(returning: .overQuota(used: used, quota: quota))
            case let .granted(allocation):
                newest = max(newest ?? allocation.bufferID, allocation.bufferID)
                waiting.continuation.resume(with: Result { try deliver(allocation) })
            }
        }
        if let newest { trees.prepare(after: newest) }
    }

    /// Reads and proves a committed allocation; removes the buffer's data once its last
    /// leaf is read.
    private func deliver(_ allocation: Allocation) throws -> Outcome {
        let dataPath = spool.pool(allocation.bufferID) + "/" + Spool.dataFileName
        defer {
            if allocation.exhaustedBuffer {
                trees.forget(allocation.bufferID)
                SecureFileWriter.remove(dataPath)
            }
        }
        let buffer = try trees.served(allocation.bufferID)
        let leafBytes = try Self.read(dataPath, offset: allocation.firstLeaf * MerkleTree.leafSize,
                                      count: (allocation.endLeaf - allocation.firstLeaf) * MerkleTree.leafSize)
        let proof = buffer.tree.proof(leaves: allocation.firstLeaf..<allocation.endLeaf)
        let bytes = Array(leafBytes.prefix(allocation.byteCount))
        let delivery = DeliveryProof(bufferID: allocation.bufferID, allocationID: allocation.id, bytes: bytes,
                                     tail: Array(leafBytes.dropFirst(allocation.byteCount)), proof: proof,
                                     merkleRoot: buffer.tree.root, reportSHA256: buffer.reportSHA256)
        return .delivered(bytes: bytes, proof: delivery)
    }

    /// `count` bytes of `path` from `offset`.
    static func read(_ path: String, offset: Int, count: Int) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FileBytes.ReadError(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw FileBytes.ReadError(path: path, reason: n == 0 ? "ends at byte \(offset + done), before \(offset + count)" : String(cString: strerror(errno)))
            }
            done += n
        }
        return bytes
    }
}
