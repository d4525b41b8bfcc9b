import Certification
import Foundation
@testable import Gate
import RandomnessCore
import Testing

@Suite("Gate: buffer pipeline and pool", .serialized)
struct BufferPipelineTests {
    @Test("good buffers pass with chained, signed reports; a constant stretch is quarantined; a short tail is discarded")
    func pipelineSortsBuffers() throws {
        let fixture = try GateFixture(good: 3, constant: 1, tail: 1000)
        try fixture.fill()
        let buffers = try fixture.ledger.buffers()
        #expect(buffers.map(\.state) == [.passed, .passed, .passed, .quarantined, .discarded])
        #expect(buffers[3].reason?.contains("alarm") == true)
        let verifier = try ReportVerifier(pinnedFingerprint: fixture.key.publicKey.fingerprint)
        var reports: [SignedReportInput] = []
        for id in 1...4 {
            let report = try fixture.report(id)
            #expect(try verifier.verify(report).isVerified)
            #expect(report.report.gate?.bufferID == id)
            #expect(report.report.input.byteCount == fixture.bufferSize)
            #expect(report.report.input.captureManifest != nil)
            let data = try FileBytes.read((fixture.spool.reportDirectory(id) ?? "") + "/data.bin")
            #expect(report.report.gate?.merkleRoot == Hex.encode(MerkleTree(bytes: data).root))
            reports.append(report)
        }
        #expect(reports[0].report.gate?.previousReportSHA256 == nil)
        #expect(ChainVerifier.check(reports).status == .passed)
        #expect(ChainVerifier.check([reports[0], reports[2]]).status == .failed)
        #expect(ChainVerifier.check([reports[1], reports[0]]).status == .failed)
        #expect(fixture.spool.reportDirectory(5) == nil)
        #expect(fixture.status.source.state == .ended)
    }

    @Test("dispensed bytes are the buffer's, never overlap, and prove against the signed report")
    func dispensedBytesProve() async throws {
        let fixture = try GateFixture(good: 1, bufferSize: 64 << 10)
        try fixture.fill()
        let data = try FileBytes.read(fixture.spool.pool(1) + "/data.bin")
        let report = try fixture.report(1)
        let verifier = try ReportVerifier(pinnedFingerprint: fixture.key.publicKey.fingerprint)
        var served = 0
        var seen = Set<Int>()
        for size in [32, 1, 33, 100, 4096, 31] {
            guard case let .delivered(bytes, proof) = try await fixture.dispenser.dispense(byteCount: size, client: "-", dailyQuota: nil) else {
                Issue.record("expected bytes")
                return
            }
            #expect(bytes.count == size)
            #expect(Array(data[proof.firstLeaf * 32..<proof.firstLeaf * 32 + size]) == bytes)
            for leaf in proof.firstLeaf..<proof.endLeaf { #expect(seen.insert(leaf).inserted) }
            let outcome = try DeliveryVerifier.verify(report: report, bytes: bytes, proof: proof, verifier: verifier, bytesName: "bytes")
            #expect(outcome.isVerified && outcome.failures.isEmpty, "\(outcome.checks)")
            var tampered = bytes
            tampered[size / 2] ^= 0x80
            let bad = try DeliveryVerifier.verify(report: report, bytes: tampered, proof: proof, verifier: verifier, bytesName: "bytes")
            #expect(bad.failures.map(\.name) == [.inclusion])
            served += size
        }
        #expect(served == 32 + 1 + 33 + 100 + 4096 + 31)
    }

    @Test("concurrent requests, committed in groups, get disjoint leaves in the ledger's order, each proving")
    func concurrentDispensing() async throws {
        let fixture = try GateFixture(good: 2, bufferSize: 64 << 10)
        try fixture.fill()
        let report = try fixture.report(1)
        let verifier = try ReportVerifier(pinnedFingerprint: fixture.key.publicKey.fingerprint)
        let data = try FileBytes.read(fixture.spool.pool(1) + "/data.bin")
        // 400 requests of 1…160 bytes: more than buffer 1's 2,048 leaves, so the last ones
        // go on into buffer 2; all are in flight at once, so the worker batches them.
        let sizes = (0..<400).map { 1 + ($0 * 37) % 160 }
        let outcomes = try await withThrowingTaskGroup(of: (Int, Dispenser.Outcome).self) { group in
            for (i, size) in sizes.enumerated() {
                group.addTask { (i, try await fixture.dispenser.dispense(byteCount: size, client: "c\(i % 3)", dailyQuota: nil)) }
            }
            var outcomes: [Int: Dispenser.Outcome] = [:]
            for try await (i, outcome) in group { outcomes[i] = outcome }
            return outcomes
        }
        var leaves = Set<String>()
        var byAllocation: [Int64: (bufferID: Int, first: Int, end: Int, count: Int)] = [:]
        for (i, size) in sizes.enumerated() {
            guard case let .delivered(bytes, proof)? = outcomes[i] else {
                Issue.record("request \(i) was not served")
                continue
            }
            #expect(bytes.count == size)
            for leaf in proof.firstLeaf..<proof.endLeaf { #expect(leaves.insert("\(proof.bufferID):\(leaf)").inserted) }
            byAllocation[proof.allocationID] = (proof.bufferID, proof.firstLeaf, proof.endLeaf, size)
            if proof.bufferID == 1 {
                #expect(Array(data[proof.firstLeaf * 32..<proof.firstLeaf * 32 + size]) == bytes)
                let outcome = try DeliveryVerifier.verify(report: report, bytes: bytes, proof: proof, verifier: verifier, bytesName: "bytes")
                #expect(outcome.isVerified, "\(outcome.checks)")
            }
        }
        let ledger = try fixture.ledger.allocations()
        #expect(ledger.count == sizes.count)
        for allocation in ledger {
            let served = byAllocation[allocation.id]
            #expect(served?.bufferID == allocation.bufferID && served?.first == allocation.firstLeaf
                    && served?.end == allocation.endLeaf && served?.count == allocation.byteCount)
        }
        // Leaves are granted in ledger order: each allocation starts where the one before it
        // in the same buffer ended.
        for buffer in [1, 2] {
            let ranges = ledger.filter { $0.bufferID == buffer }.map { ($0.firstLeaf, $0.endLeaf) }
            for (previous, next) in zip(ranges, ranges.dropFirst()) { #expect(previous.1 == next.0) }
        }
        #expect(!FileBytes.exists(fixture.spool.pool(1) + "/data.bin") || ledger.filter { $0.bufferID == 1 }.last?.exhaustedBuffer == false)
    }

    @Test("a proof checked against another buffer's report fails the gate check; a quarantined report fails the verdict")
    func wrongReport() async throws {
        let fixture = try GateFixture(good: 2, constant: 1)
        try fixture.fill()
        guard case let .delivered(bytes, proof) = try await fixture.dispenser.dispense(byteCount: 64, client: "-", dailyQuota: nil) else {
            Issue.record("expected bytes")
            return
        }
        let verifier = try ReportVerifier(pinnedFingerprint: fixture.key.publicKey.fingerprint)
        let other = try DeliveryVerifier.verify(report: try fixture.report(2), bytes: bytes, proof: proof, verifier: verifier, bytesName: "b")
        #expect(other.failures.map(\.name) == [.gate, .inclusion])
        let quarantined = try DeliveryVerifier.verify(report: try fixture.report(3), bytes: bytes, proof: proof, verifier: verifier, bytesName: "b")
        #expect(quarantined.failures.map(\.name).prefix(2) == [.verdict, .gate])
    }

    @Test("the next buffers' trees are built ahead of their first request, and serve proofs that verify")
    func treesPrepared() async throws {
        let fixture = try GateFixture(good: 3, bufferSize: 64 << 10)
        try fixture.fill()
        let dispenser = fixture.dispenser
        guard case .delivered = try await dispenser.dispense(byteCount: 32, client: "-", dailyQuota: nil) else {
            Issue.record("expected bytes")
            return
        }
        // The builder runs on its own queue: wait for it (bounded), then check what it kept.
        let trees = dispenser.trees
        for _ in 0..<1000 where !(trees.isReady(2) && trees.isReady(3)) { try await Task.sleep(for: .milliseconds(10)) }
        #expect(trees.isReady(2) && trees.isReady(3))
        // Buffer 1's remaining leaves, then buffer 2's first ones, from the prepared tree.
        let verifier = try ReportVerifier(pinnedFingerprint: fixture.key.publicKey.fingerprint)
        var buffers: [Int] = []
        for _ in 0..<2 {
            guard case let .delivered(bytes, proof) = try await dispenser.dispense(
                byteCount: (64 << 10) - 32, client: "-", dailyQuota: nil) else {
                Issue.record("expected bytes")
                return
            }
            let outcome = try DeliveryVerifier.verify(report: try fixture.report(proof.bufferID), bytes: bytes, proof: proof,
                                                      verifier: verifier, bytesName: "bytes")
            #expect(outcome.isVerified, "\(outcome.checks)")
            buffers.append(proof.bufferID)
        }
        #expect(buffers == [1, 2])
        #expect(!trees.isReady(1))
    }

    @Test("the last grant of a buffer removes its data file; nothing more is served from it")
    func exhaustion() async throws {
        let fixture = try GateFixture(good: 1, bufferSize: 64 << 10)
        try fixture.fill()
        for _ in 0..<((64 << 10) / Dispenser.maxRequestBytes) {
            guard case .delivered = try await fixture.dispenser.dispense(byteCount: Dispenser.maxRequestBytes, client: "-", dailyQuota: nil) else {
                Issue.record("expected bytes")
                return
            }
        }
        guard case .poolEmpty = try await fixture.dispenser.dispense(byteCount: 1, client: "-", dailyQuota: nil) else {
            Issue.record("expected an empty pool")
            return
        }
        #expect(!FileBytes.exists(fixture.spool.pool(1) + "/data.bin"))
        #expect(FileBytes.exists(fixture.spool.pool(1) + "/report.json"))
        #expect(try fixture.ledger.buffer(1)?.state == .exhausted)
    }

    @Test("recovery: an untested incoming buffer is discarded; a report filed under the wrong buffer stops the gate")
    func recovery() async throws {
        let fixture = try GateFixture(good: 2)
        try fixture.fill()
        // As if the gate died while capturing buffer 3.
        let three = try fixture.ledger.beginBuffer(leafSize: 32)
        try FileManager.default.createDirectory(atPath: fixture.spool.incoming(three), withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: fixture.spool.incoming(three) + "/data.bin"))
        try SpoolRecovery.recover(spool: fixture.spool, ledger: fixture.ledger, logger: GateFixture.logger)
        #expect(try fixture.ledger.buffer(three)?.state == .discarded)
        #expect(!FileBytes.exists(fixture.spool.incoming(three)))
        guard case let .delivered(_, proof) = try await fixture.dispenser.dispense(byteCount: 1, client: "-", dailyQuota: nil) else {
            Issue.record("the pool of two passed buffers answered empty")
            return
        }
        #expect(proof.bufferID == 1)
    }

    @Test("recovery refuses a report filed under another buffer's number")
    func recoveryRefusesForeignReport() async throws {
        let fixture = try GateFixture(good: 1)
        try fixture.fill()
        let two = try fixture.ledger.beginBuffer(leafSize: 32)
        try FileManager.default.copyItem(atPath: fixture.spool.pool(1), toPath: fixture.spool.pool(two))
        #expect(throws: GateError.self) {
            try SpoolRecovery.recover(spool: fixture.spool, ledger: fixture.ledger, logger: GateFixture.logger)
        }
        #expect(try fixture.ledger.buffer(two)?.state == .capturing)
        guard case let .delivered(_, proof) = try await fixture.dispenser.dispense(byteCount: 32, client: "-", dailyQuota: nil) else {
            Issue.record("expected bytes from buffer 1")
            return
        }
        #expect(proof.bufferID == 1)
    }
}
