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
/// and to nobody else. A buffer's data file is removed once its last leaf is granted and
/// every read of it has finished.
public final class Dispenser: Sendable {
    public let spool: Spool
    public let ledger: Ledger

    /// Largest request, in bytes.
    public static let maxRequestBytes = 1 << 16

    public enum Outcome: Sendable {
        case delivered(bytes: [UInt8], proof: DeliveryProof)
        case poolEmpty
        case overQuota(used: Int, quota: Int)
    }

    struct Trees {
        var trees: [Int: MerkleTree] = [:]
        var readers: [Int: Int] = [:]
        var exhausted: Set<Int> = []
    }

    private let state = Mutex(Trees())
    private let allocationLock = Mutex(())
    /// Trees kept in memory (2 MiB each for 1 MiB buffers): the buffer being served and
    /// the one before it, which concurrent requests may still be reading.
    static let treeCacheSize = 2

    public init(spool: Spool, ledger: Ledger) {
        self.spool = spool
        self.ledger = ledger
    }

    /// Allocates and reads `byteCount` bytes (1…`maxRequestBytes`) for `client`.
    public func dispense(byteCount: Int, client: String, dailyQuota: Int?) throws -> Outcome {
        precondition((1...Self.maxRequestBytes).contains(byteCount))
        let leaves = (byteCount + MerkleTree.leafSize - 1) / MerkleTree.leafSize
        // Allocation and registering the read happen under one lock, so a buffer's data is
        // never removed between another request's allocation and its read.
        let waited = DispatchTime.now().uptimeNanoseconds
        let result = try allocationLock.withLock { _ throws(LedgerError) -> AllocationResult in
            let started = DispatchTime.now().uptimeNanoseconds
            let result = try ledger.allocate(leaves: leaves, byteCount: byteCount, client: client, dailyQuota: dailyQuota)
            let done = DispatchTime.now().uptimeNanoseconds
            Metrics.Timer(label: "rngcert_gate_ledger_commit_seconds").recordNanoseconds(Int64(done - started))
            Metrics.Timer(label: "rngcert_gate_allocation_wait_seconds").recordNanoseconds(Int64(started - waited))
            if case let .granted(allocation) = result {
                state.withLock {
                    $0.readers[allocation.bufferID, default: 0] += 1
                    if allocation.exhaustedBuffer { $0.exhausted.insert(allocation.bufferID) }
                }
            }
            return result
        }
        switch result {
        case .poolEmpty: return .poolEmpty
        case let .overQuota(used, quota): return .overQuota(used: used, quota: quota)
        case let .granted(allocation):
            defer { finishRead(allocation.bufferID) }
            return try deliver(allocation)
        }
    }

    private func deliver(_ allocation: Allocation) throws -> Outcome {
        guard let record = try ledger.buffer(allocation.bufferID), let reportSHA256 = record.reportSHA256 else {
            throw GateError.buffer(id: allocation.bufferID, reason: "granted but not in the ledger")
        }
        let dataPath = spool.pool(allocation.bufferID) + "/" + Spool.dataFileName
        let tree = try self.tree(allocation.bufferID, dataPath: dataPath)
        let leafBytes = try Self.read(dataPath, offset: allocation.firstLeaf * MerkleTree.leafSize,
                                      count: (allocation.endLeaf - allocation.firstLeaf) * MerkleTree.leafSize)
        let proof = tree.proof(leaves: allocation.firstLeaf..<allocation.endLeaf)
        let bytes = Array(leafBytes.prefix(allocation.byteCount))
        let delivery = DeliveryProof(bufferID: allocation.bufferID, allocationID: allocation.id, bytes: bytes,
                                     tail: Array(leafBytes.dropFirst(allocation.byteCount)), proof: proof,
                                     merkleRoot: tree.root, reportSHA256: reportSHA256)
        return .delivered(bytes: bytes, proof: delivery)
    }

    /// The buffer's Merkle tree, from the cache or built from its data file.
    private func tree(_ id: Int, dataPath: String) throws -> MerkleTree {
        if let tree = state.withLock({ $0.trees[id] }) { return tree }
        let bytes = try FileBytes.read(dataPath, limit: GateSettings.bufferSizeRange.upperBound)
        let tree = MerkleTree(bytes: bytes)
        state.withLock {
            $0.trees[id] = tree
            if $0.trees.count > Self.treeCacheSize, let oldest = $0.trees.keys.min() { $0.trees[oldest] = nil }
        }
        return tree
    }

    private func finishRead(_ id: Int) {
        let remove = state.withLock { s -> Bool in
            s.readers[id, default: 1] -= 1
            guard s.readers[id] == 0 else { return false }
            s.readers[id] = nil
            guard s.exhausted.remove(id) != nil else { return false }
            s.trees[id] = nil
            return true
        }
        if remove { SecureFileWriter.remove(spool.pool(id) + "/" + Spool.dataFileName) }
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
