import Foundation
@testable import Gate
import GRDB
import RandomnessCore
import Testing

@Suite("Gate: ledger")
struct LedgerTests {
    /// A new, empty directory; the caller removes it.
    static func temporaryDirectory() throws -> String {
        let directory = NSTemporaryDirectory() + "rngcert-ledger-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    static func temporaryLedger() throws -> (Ledger, String) {
        let directory = try Self.temporaryDirectory()
        return (try Ledger(path: directory + "/ledger.sqlite"), directory)
    }

    @Test("allocations take disjoint, increasing leaf ranges and only from passed buffers")
    func disjointAllocations() throws {
        let (ledger, directory) = try Self.temporaryLedger()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let untested = try ledger.beginBuffer(leafSize: 32)
        #expect(try ledger.allocate(leaves: 1, byteCount: 32, client: "a", dailyQuota: nil) == .poolEmpty)
        let failed = try ledger.beginBuffer(leafSize: 32)
        try ledger.finishBuffer(failed, state: .quarantined, byteCount: 320, leafCount: 10, merkleRoot: "r", reportSHA256: "s", reason: "fail")
        #expect(try ledger.allocate(leaves: 1, byteCount: 32, client: "a", dailyQuota: nil) == .poolEmpty)
        let passed = try ledger.beginBuffer(leafSize: 32)
        try ledger.finishBuffer(passed, state: .passed, byteCount: 320, leafCount: 10, merkleRoot: "r", reportSHA256: "s", reason: nil)
        var granted: [Allocation] = []
        for leaves in [3, 1, 4, 2] {
            guard case let .granted(a) = try ledger.allocate(leaves: leaves, byteCount: leaves * 32 - 5, client: "a", dailyQuota: nil) else {
                Issue.record("expected a grant of \(leaves) leaves")
                return
            }
            #expect(a.bufferID == passed)
            #expect(a.endLeaf - a.firstLeaf == leaves)
            granted.append(a)
        }
        #expect(granted.map(\.firstLeaf) == [0, 3, 4, 8])
        #expect(granted.last?.exhaustedBuffer == true)
        #expect(try ledger.allocate(leaves: 1, byteCount: 1, client: "a", dailyQuota: nil) == .poolEmpty)
        #expect(try ledger.buffer(passed)?.state == .exhausted)
        #expect(try ledger.buffer(untested)?.state == .capturing)
        #expect(try ledger.allocations() == granted)
    }

    @Test("a request larger than what one buffer has left is served from the next buffer")
    func skipsShortRemainders() throws {
        let (ledger, directory) = try Self.temporaryLedger()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for _ in 0..<2 {
            let id = try ledger.beginBuffer(leafSize: 32)
            try ledger.finishBuffer(id, state: .passed, byteCount: 128, leafCount: 4, merkleRoot: "r", reportSHA256: "s", reason: nil)
        }
        guard case let .granted(first) = try ledger.allocate(leaves: 3, byteCount: 96, client: "a", dailyQuota: nil),
              case let .granted(second) = try ledger.allocate(leaves: 2, byteCount: 64, client: "a", dailyQuota: nil),
              case let .granted(third) = try ledger.allocate(leaves: 1, byteCount: 32, client: "a", dailyQuota: nil) else {
            Issue.record("expected three grants")
            return
        }
        #expect((first.bufferID, first.firstLeaf) == (1, 0))
        #expect((second.bufferID, second.firstLeaf) == (2, 0))
        #expect((third.bufferID, third.firstLeaf) == (1, 3))
    }

    @Test("the daily quota counts a key's bytes, not other keys'")
    func quota() throws {
        let (ledger, directory) = try Self.temporaryLedger()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let id = try ledger.beginBuffer(leafSize: 32)
        try ledger.finishBuffer(id, state: .passed, byteCount: 3200, leafCount: 100, merkleRoot: "r", reportSHA256: "s", reason: nil)
        #expect(try ledger.allocate(leaves: 2, byteCount: 64, client: "alice", dailyQuota: 100) != .poolEmpty)
        #expect(try ledger.allocate(leaves: 2, byteCount: 64, client: "alice", dailyQuota: 100) == .overQuota(used: 64, quota: 100))
        #expect(try ledger.allocate(leaves: 1, byteCount: 36, client: "alice", dailyQuota: 100) != .overQuota(used: 64, quota: 100))
        #expect(try ledger.allocate(leaves: 2, byteCount: 64, client: "bob", dailyQuota: 100) != .overQuota(used: 0, quota: 100))
    }

    @Test("a reopened ledger goes on after the last grant and refuses to finish a buffer twice")
    func reopen() throws {
        let (ledger, directory) = try Self.temporaryLedger()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let id = try ledger.beginBuffer(leafSize: 32)
        try ledger.finishBuffer(id, state: .passed, byteCount: 320, leafCount: 10, merkleRoot: "r", reportSHA256: "s", reason: nil)
        _ = try ledger.allocate(leaves: 4, byteCount: 128, client: "a", dailyQuota: nil)
        let reopened = try Ledger(path: directory + "/ledger.sqlite")
        guard case let .granted(next) = try reopened.allocate(leaves: 1, byteCount: 32, client: "a", dailyQuota: nil) else {
            Issue.record("expected a grant")
            return
        }
        #expect(next.firstLeaf == 4)
        #expect(throws: LedgerError.self) {
            try reopened.finishBuffer(id, state: .quarantined, byteCount: 0, leafCount: 0, merkleRoot: nil, reportSHA256: nil, reason: nil)
        }
        #expect(try reopened.lastReportSHA256() == "s")
    }

    @Test("a batch decides its requests in order, as one-by-one allocation would, in one transaction")
    func batchMatchesOneByOne() throws {
        let requests = [
            AllocationRequest(leaves: 3, byteCount: 96, client: "alice", dailyQuota: 200),
            AllocationRequest(leaves: 2, byteCount: 64, client: "bob", dailyQuota: nil),
            AllocationRequest(leaves: 3, byteCount: 96, client: "alice", dailyQuota: 200),  // 96 + 96 ≤ 200
            AllocationRequest(leaves: 1, byteCount: 32, client: "alice", dailyQuota: 200),  // 224 > 200
            AllocationRequest(leaves: 4, byteCount: 128, client: "carol", dailyQuota: nil),  // no buffer has 4 left
            AllocationRequest(leaves: 2, byteCount: 40, client: "carol", dailyQuota: nil),
        ]
        func freshLedger() throws -> (Ledger, String) {
            let (ledger, directory) = try Self.temporaryLedger()
            for _ in 0..<2 {
                let id = try ledger.beginBuffer(leafSize: 32)
                try ledger.finishBuffer(id, state: .passed, byteCount: 160, leafCount: 5, merkleRoot: "r", reportSHA256: "s", reason: nil)
            }
            return (ledger, directory)
        }
        let (single, singleDirectory) = try freshLedger()
        let (batched, batchedDirectory) = try freshLedger()
        defer {
            try? FileManager.default.removeItem(atPath: singleDirectory)
            try? FileManager.default.removeItem(atPath: batchedDirectory)
        }
        let oneByOne = try requests.map { try single.allocate([$0])[0] }
        let together = try batched.allocate(requests)
        func shape(_ r: AllocationResult) -> String {
            switch r {
            case .poolEmpty: "empty"
            case let .overQuota(used, quota): "quota \(used)/\(quota)"
            case let .granted(a): "\(a.client) \(a.bufferID):\(a.firstLeaf)..<\(a.endLeaf) \(a.byteCount)"
            }
        }
        #expect(together.map(shape) == oneByOne.map(shape))
        #expect(together.map(shape) == ["alice 1:0..<3 96", "bob 1:3..<5 64", "alice 2:0..<3 96", "quota 192/200",
                                        "empty", "carol 2:3..<5 40"])
        #expect(try batched.buffer(1)?.state == .exhausted)
    }

    @Test("a ledger from before the usage table gets one, summed from its allocations")
    func migratesUsage() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/ledger.sqlite"
        let day = String(UTCTimestamp.now().prefix(10))
        do {
            let old = try DatabaseQueue(path: path)
            try Ledger.migrator.migrate(old, upTo: "v1: buffers and allocations")
            try old.write { db in
                try db.execute(sql: """
                    INSERT INTO buffer (state, byteCount, leafSize, leafCount, nextLeaf, reportSHA256, createdAt)
                    VALUES ('passed', 3200, 32, 100, 4, 's', 'then');
                    INSERT INTO allocation (bufferID, firstLeaf, endLeaf, byteCount, client, allocatedAt, allocatedDay)
                    VALUES (1, 0, 2, 60, 'alice', 'now', ?), (1, 2, 3, 30, 'alice', 'now', ?), (1, 3, 4, 5, 'alice', 'then', '2000-01-01');
                    """, arguments: [day, day])
            }
        }
        let ledger = try Ledger(path: path)
        #expect(try ledger.allocate(leaves: 1, byteCount: 20, client: "alice", dailyQuota: 100) == .overQuota(used: 90, quota: 100))
        guard case let .granted(a) = try ledger.allocate(leaves: 1, byteCount: 10, client: "alice", dailyQuota: 100) else {
            Issue.record("expected a grant within the quota")
            return
        }
        #expect(a.firstLeaf == 4)
    }

    @Test("after a background checkpoint the writer catches up and the log restarts: its length stays that of one cycle")
    func walRestarts() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The test runs the background phase itself (no timer), and SQLite's backstop is
        // off, so only the two phases can restart the log.
        let ledger = try Ledger(path: directory + "/ledger.sqlite", durability: .normal,
                                checkpoints: LedgerCheckpointer.Schedule(resetFrames: 512, periodMilliseconds: nil, backstopPages: 1 << 30))
        let id = try ledger.beginBuffer(leafSize: 32)
        try ledger.finishBuffer(id, state: .passed, byteCount: 32 << 20, leafCount: 1 << 20, merkleRoot: "r", reportSHA256: "s", reason: nil)
        func walBytes() throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: directory + "/ledger.sqlite-wal")[.size] as? Int) ?? 0
        }
        // One cycle: 600 commits (at least 2,400 frames, past the 512 that ask for a catch-up),
        // the background phase, then a commit that catches up and one that restarts the log.
        func cycle() throws {
            for _ in 0..<602 { _ = try ledger.allocate(leaves: 1, byteCount: 32, client: "a", dailyQuota: nil) }
            ledger.checkpointer.runBackgroundPhase()
            for _ in 0..<2 { _ = try ledger.allocate(leaves: 1, byteCount: 32, client: "a", dailyQuota: nil) }
        }
        try cycle()
        let oneCycle = try walBytes()
        #expect(oneCycle >= 600 * 4 * 4096)
        for _ in 0..<4 { try cycle() }
        // Restarted every cycle: the file is reused from its start (each cycle a little
        // longer, as the tables grow), not five cycles long.
        let fiveCycles = try walBytes()
        #expect(fiveCycles < 2 * oneCycle, "one cycle \(oneCycle) bytes, five \(fiveCycles)")
        #expect(try ledger.allocations().count == 5 * 604)
    }
}
