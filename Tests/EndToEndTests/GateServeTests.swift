import Certification
import Foundation
import Gate
import Synchronization
import Testing

/// `rngcert serve` and `rngcert fetch` as a user runs them: a real server on loopback, the
/// real client, files tampered with, the server killed and restarted.
@Suite("serve and fetch (end to end)", .serialized, .enabled(if: RNGCertBinary.isAvailable))
struct GateServeTests {
    static func proofs(in directory: String, names: [String]) throws -> [FetchedProof] {
        try names.map { try JSONDecoder().decode(FetchedProof.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0 + ".proof.json"))) }
    }

    /// No leaf of any buffer went to two of these deliveries.
    static func disjoint(_ proofs: [FetchedProof]) -> Bool {
        var seen = Set<[Int]>()
        for proof in proofs {
            for leaf in proof.firstLeaf..<proof.endLeaf where !seen.insert([proof.bufferID, leaf]).inserted { return false }
        }
        return true
    }

    @Test("fetch verifies offline; a tampered byte, proof or report, or a wrong fingerprint, fails the named check")
    func fetchVerifyTamper() throws {
        let gate = try ServedGate(sourceBytes: "256K")
        try gate.start(["--suite", "ent", "--buffer-size", "64K", "--log-level", "trace"])
        _ = try gate.waitForStatus { $0.pool.buffers >= 1 }
        let dir = gate.directory.path
        let fetched = try gate.fetch(45, out: "a.bin")
        #expect(fetched.status == 0, "\(fetched.stdout)\(fetched.stderr)")
        #expect(fetched.stdout.contains("inclusion: ok"))
        let served = try gate.directory.read("a.bin")
        #expect(served.count == 45)
        // The log (every level) names the request, never the bytes.
        let log = gate.process?.stderr ?? ""
        #expect(log.contains("served"))
        #expect(!log.contains(Hex.encode(served.prefix(8))) && !log.contains(Data(served).base64EncodedString().prefix(12)))
        let (metricsStatus, metrics) = try gate.get("/metrics")
        #expect(metricsStatus == 200)
        #expect(String(decoding: metrics, as: UTF8.self).contains("rngcert_gate_served_bytes_total 45"))

        func verify(_ name: String, fingerprint: String? = nil) throws -> ProcessResult {
            try RNGCertBinary.run(["verify", "\(dir)/\(name).report.json", "--fingerprint", fingerprint ?? gate.fingerprint, "--delivery", "\(dir)/\(name)"])
        }
        let good = try verify("a.bin")
        #expect(good.status == 0, "\(good.stdout)")
        #expect(good.stdout.contains("verified: 45 bytes"))

        func copy(_ to: String) throws {
            for suffix in ["", ".proof.json", ".report.json", ".report.json.sig"] {
                try gate.directory.write(to + suffix, try gate.directory.read("a.bin" + suffix))
            }
        }
        try copy("byte.bin")
        var bytes = try gate.directory.read("byte.bin")
        bytes[7] ^= 0x01
        try gate.directory.write("byte.bin", bytes)
        let byteResult = try verify("byte.bin")
        #expect(byteResult.status == 1)
        #expect(byteResult.stdout.contains("inclusion: FAILED"))

        try copy("proof.bin")
        var proof = String(decoding: try gate.directory.read("proof.bin.proof.json"), as: UTF8.self)
        let hashes = try JSONDecoder().decode(DeliveryProof.self, from: Data(proof.utf8)).hashes
        let first = try #require(hashes.first)
        proof = proof.replacingOccurrences(of: first, with: String(first.reversed()))
        try gate.directory.write("proof.bin.proof.json", Array(proof.utf8))
        let proofResult = try verify("proof.bin")
        #expect(proofResult.status == 1)
        #expect(proofResult.stdout.contains("inclusion: FAILED"))

        try copy("report.bin")
        var report = String(decoding: try gate.directory.read("report.bin.report.json"), as: UTF8.self)
        let root = try #require(try JSONDecoder().decode(Report.self, from: Data(report.utf8)).gate?.merkleRoot)
        report = report.replacingOccurrences(of: root, with: String(root.reversed()))
        try gate.directory.write("report.bin.report.json", Array(report.utf8))
        let reportResult = try verify("report.bin")
        #expect(reportResult.status == 1)
        #expect(reportResult.stdout.contains("signature: FAILED"))

        let other = try verify("a.bin", fingerprint: String(repeating: "ab", count: 32))
        #expect(other.status == 1)
        #expect(other.stdout.contains("key: FAILED"))

        // The chain of the first three buffer reports, downloaded as an auditor would.
        _ = try gate.waitForStatus { $0.pool.buffers + ($0.buffers["exhausted"] ?? 0) >= 3 }
        var paths: [String] = []
        for id in 1...3 {
            for name in ["report.json", "report.json.sig"] {
                let (status, body) = try gate.get("/v1/buffers/\(id)/\(name)")
                #expect(status == 200)
                try gate.directory.write("r\(id).\(name)", body)
            }
            paths.append("\(dir)/r\(id).report.json")
        }
        let chain = try RNGCertBinary.run(["verify", "--chain", "--fingerprint", gate.fingerprint] + paths)
        #expect(chain.status == 0, "\(chain.stdout)")
        let gap = try RNGCertBinary.run(["verify", "--chain", "--fingerprint", gate.fingerprint, paths[0], paths[2]])
        #expect(gap.status == 1)
        #expect(gap.stdout.contains("chain: FAILED"))
        #expect(gate.stop() == 0)
    }

    @Test("two concurrent clients never receive the same byte; the ledger holds exactly their allocations")
    func concurrentClients() throws {
        let gate = try ServedGate(sourceBytes: "256K")
        try gate.start(["--suite", "ent", "--buffer-size", "64K", "--idle-battery"])
        _ = try gate.waitForStatus { $0.pool.buffers >= 2 }
        let statuses = Mutex<[Int32]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { client in
            for i in 0..<8 {
                let status = (try? gate.fetch(100, out: "c\(client)-\(i)").status) ?? -1
                statuses.withLock { $0.append(status) }
            }
        }
        #expect(statuses.withLock { $0 } == [Int32](repeating: 0, count: 16))
        let names = (0..<2).flatMap { c in (0..<8).map { "c\(c)-\($0)" } }
        let proofs = try Self.proofs(in: gate.directory.path, names: names)
        #expect(Self.disjoint(proofs))
        let outputs = try names.map { try gate.directory.read($0) }
        #expect(Set(outputs).count == outputs.count)
        #expect(gate.stop() == 0)
        let allocations = try Ledger(path: gate.spool + "/ledger.sqlite").allocations()
        #expect(Set(allocations.map { [$0.bufferID, $0.firstLeaf, $0.endLeaf] }) == Set(proofs.map { [$0.bufferID, $0.firstLeaf, $0.endLeaf] }))
    }

    @Test("a faulty source serves nothing: every buffer is quarantined and the client gets 503")
    func faultySource() throws {
        let gate = try ServedGate(sourceBytes: "256K", simulateArguments: ["--stuck-at", "0"])
        let database = gate.directory.path + "/history.sqlite"
        try gate.start(["--suite", "ent", "--buffer-size", "64K", "--history", database, "--device", "qrng-7"])
        let status = try gate.waitForStatus { $0.source.state == "ended" && ($0.buffers["capturing"] ?? 1) == 0 }
        #expect(status.buffers["passed"] == 0)
        #expect(status.buffers["quarantined"] == 4)
        #expect(status.pool.bytes == 0)
        let fetched = try gate.fetch(32, out: "none.bin")
        #expect(fetched.status == 2)
        #expect(fetched.stderr.contains("HTTP 503"))
        #expect(!FileManager.default.fileExists(atPath: gate.directory.path + "/none.bin"))
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: gate.spool + "/quarantine")
        #expect(quarantined.count == 4)
        #expect(gate.stop() == 0)
        // --history: every buffer's report is a row under the device, with its verdict.
        let history = try RNGCertBinary.run(["history", database, "--json"])
        #expect(history.status == 0, "\(history.stderr)")
        let listing = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])
        let rows = try #require(listing["nights"] as? [[String: Any]]).compactMap { $0["row"] as? [String: Any] }
        #expect(rows.count == 4 && rows.allSatisfy { $0["device"] as? String == "qrng-7" }, "\(history.stdout)")
        #expect(rows.allSatisfy { ($0["reportPath"] as? String)?.contains("/quarantine/") == true && $0["verdict"] as? String == "fail" },
                "\(history.stdout)")
    }

    @Test("kill -9 under load, then restart: no byte is served twice and nothing untested is served")
    func killAndRestart() throws {
        let gate = try ServedGate(sourceBytes: "1M")
        try gate.start(["--suite", "ent", "--buffer-size", "64K", "--pool-limit", "4"])
        _ = try gate.waitForStatus { $0.pool.buffers >= 2 }
        let succeeded = Mutex<[String]>([])
        let killed = Mutex(false)
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            if worker == 2 {
                // Kill once a few deliveries are through, while the others keep asking.
                while succeeded.withLock({ $0.count }) < 4 { usleep(10_000) }
                gate.process?.send(SIGKILL)
                killed.withLock { $0 = true }
                return
            }
            for i in 0..<10 {
                let name = "k\(worker)-\(i)"
                if let result = try? gate.fetch(64, out: name), result.status == 0 { succeeded.withLock { $0.append(name) } }
                if killed.withLock({ $0 }) { break }
            }
        }
        _ = gate.process?.finish(timeout: 5)
        #expect(gate.process?.process.terminationReason == .uncaughtSignal)
        #expect(gate.process?.process.terminationStatus == SIGKILL)
        let grantedBeforeRestart = try Ledger(path: gate.spool + "/ledger.sqlite").allocations().count
        #expect(grantedBeforeRestart >= succeeded.withLock { $0.count })
        try gate.start(["--suite", "ent", "--buffer-size", "64K", "--pool-limit", "4"])
        _ = try gate.waitForStatus { $0.pool.buffers >= 1 }
        for i in 0..<4 {
            let name = "after-\(i)"
            let result = try gate.fetch(64, out: name)
            #expect(result.status == 0, "\(result.stderr)")
            if result.status == 0 { succeeded.withLock { $0.append(name) } }
        }
        #expect(gate.stop() == 0)
        let names = succeeded.withLock { $0 }
        #expect(names.count >= 8)
        let proofs = try Self.proofs(in: gate.directory.path, names: names)
        #expect(Self.disjoint(proofs))
        let ledger = try Ledger(path: gate.spool + "/ledger.sqlite")
        let allocations = try ledger.allocations()
        var leaves = Set<[Int]>()
        for a in allocations { for leaf in a.firstLeaf..<a.endLeaf { #expect(leaves.insert([a.bufferID, leaf]).inserted) } }
        for proof in proofs {
            #expect(allocations.contains { $0.bufferID == proof.bufferID && $0.firstLeaf == proof.firstLeaf })
        }
        let buffers = try ledger.buffers()
        let servedFrom = Set(allocations.map(\.bufferID))
        #expect(buffers.filter { servedFrom.contains($0.id) }.allSatisfy { $0.state == .passed || $0.state == .exhausted })
        #expect(!buffers.contains { $0.state == .capturing })
        #expect(try FileManager.default.contentsOfDirectory(atPath: gate.spool + "/incoming").isEmpty)
    }

    @Test("TLS with a certificate made by openssl; without the CA the client refuses the server",
          .enabled(if: OpenSSLTool.isAvailable))
    func tls() throws {
        let gate = try ServedGate(sourceBytes: "128K")
        let dir = gate.directory.path
        let made = try OpenSSLTool.run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                    "-keyout", "\(dir)/tls.key", "-out", "\(dir)/tls.pem", "-days", "1", "-subj", "/CN=127.0.0.1",
                                    "-addext", "subjectAltName=IP:127.0.0.1"])
        #expect(made.status == 0, "\(made.stderr)")
        try gate.start(["--suite", "ent", "--buffer-size", "64K", "--tls-cert", "\(dir)/tls.pem", "--tls-key", "\(dir)/tls.key"])
        #expect(gate.url.hasPrefix("https://"))
        let deadline = Date().addingTimeInterval(20)
        var fetched = try gate.fetch(32, out: "tls.bin", extra: ["--ca-cert", "\(dir)/tls.pem"])
        while fetched.status == 2 && fetched.stderr.contains("503") && Date() < deadline {
            usleep(100_000)
            fetched = try gate.fetch(32, out: "tls.bin", extra: ["--ca-cert", "\(dir)/tls.pem"])
        }
        #expect(fetched.status == 0, "\(fetched.stderr)")
        let untrusted = try gate.fetch(32, out: "untrusted.bin", extra: ["--timeout", "2"])
        #expect(untrusted.status == 2)
        #expect(gate.stop() == 0)
    }

    @Test("API keys: no key or a wrong one is 401, past the daily quota 429; a second server on the spool is refused; SIGTERM keeps the ledger")
    func keysQuotaAndSigterm() throws {
        let gate = try ServedGate(sourceBytes: "128K")
        let dir = gate.directory.path
        try gate.directory.write("keys.txt", Array("alice \(Hex.sha256(Array("alice-s3cret".utf8))) 64\n".utf8))
        try gate.directory.write("alice.key", Array("alice-s3cret\n".utf8))
        try gate.directory.write("wrong.key", Array("mallory\n".utf8))
        try gate.start(["--suite", "ent", "--buffer-size", "64K", "--api-keys", "\(dir)/keys.txt"])
        _ = try gate.waitForStatus { $0.pool.buffers >= 1 }
        let none = try gate.fetch(32, out: "none.bin")
        #expect(none.status == 2 && none.stderr.contains("HTTP 401"))
        let wrong = try gate.fetch(32, out: "wrong.bin", extra: ["--api-key-file", "\(dir)/wrong.key"])
        #expect(wrong.status == 2 && wrong.stderr.contains("HTTP 401"))
        for i in 0..<2 {
            let ok = try gate.fetch(32, out: "ok\(i).bin", extra: ["--api-key-file", "\(dir)/alice.key"])
            #expect(ok.status == 0, "\(ok.stderr)")
        }
        let second = try RNGCertBinary.run(["serve", "--source", gate.source, "--spool", gate.spool, "--sign-key", gate.keyPath,
                                            "--listen", "127.0.0.1:0"], timeout: 20)
        #expect(second.status == 2 && second.stderr.contains("in use"))
        let over = try gate.fetch(32, out: "over.bin", extra: ["--api-key-file", "\(dir)/alice.key"])
        #expect(over.status == 2 && over.stderr.contains("HTTP 429") && over.stderr.contains("Retry-After"))
        let bad = try RNGCertBinary.run(["fetch", gate.url, "--bytes", "0", "--out", "\(dir)/zero.bin", "--fingerprint", gate.fingerprint])
        #expect(bad.status == 2)
        #expect(gate.stop(signal: SIGTERM) == 0)
        #expect(try Ledger(path: gate.spool + "/ledger.sqlite").allocations().map(\.client) == ["alice", "alice"])
    }
}
