import Foundation
import Gate
import Testing

@Suite("Gate: ledger")
struct LedgerTests {
    static func temporaryLedger() throws -> (Ledger, String) {
        let directory = NSTemporaryDirectory() + "rngcert-ledger-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
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
}
