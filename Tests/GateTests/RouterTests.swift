import Certification
import Crypto
import Foundation
import Gate
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Gate: HTTP API (router)", .serialized)
struct RouterTests {
    static func keyHash(_ key: String) -> String { Hex.encode(SHA256.hash(data: Array(key.utf8))) }

    static func application(_ fixture: GateFixture, keys: APIKeys?) -> some ApplicationProtocol {
        let router = GateRouter(dispenser: fixture.dispenser, status: fixture.status, apiKeys: keys, registry: nil,
                                logger: GateFixture.logger)
        return Application(router: router.router())
    }

    static func errorMessage(_ body: ByteBuffer) -> String {
        struct E: Decodable { let error: String }
        return (try? JSONDecoder().decode(E.self, from: Data(body.readableBytesView)))?.error ?? ""
    }

    @Test("raw bytes carry a proof in headers that verifies against the report served beside them")
    func rawWithHeaders() async throws {
        let fixture = try GateFixture(good: 1)
        try fixture.fill()
        let app = Self.application(fixture, keys: nil)
        try await app.test(.router) { client in
            let (bytes, fields) = try await client.execute(uri: "/v1/random?bytes=45", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/octet-stream")
                return (Array(response.body.readableBytesView), response.headers)
            }
            #expect(bytes.count == 45)
            let proof = try ProofHeaders.proof(from: fields, bytes: bytes).get()
            #expect(proof.endLeaf - proof.firstLeaf == 2)
            #expect(Hex.decode(proof.tail)?.count == 19)
            let reportBytes = try await client.execute(uri: "/v1/buffers/\(proof.bufferID)/report.json", method: .get) {
                Array($0.body.readableBytesView)
            }
            let signature = try await client.execute(uri: "/v1/buffers/\(proof.bufferID)/report.json.sig", method: .get) {
                Array($0.body.readableBytesView)
            }
            let report = try SignedReportInput(reportBytes: reportBytes, reportPath: "report.json", signature: signature, signaturePath: "report.json.sig")
            let verifier = try ReportVerifier(pinnedFingerprint: fixture.key.publicKey.fingerprint)
            let outcome = try DeliveryVerifier.verify(report: report, bytes: bytes, proof: proof, verifier: verifier, bytesName: "body")
            #expect(outcome.isVerified && outcome.failures.isEmpty, "\(outcome.checks)")
            try await client.execute(uri: "/v1/buffers/\(proof.bufferID)/report.html", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(decoding: Array(response.body.readableBytesView), as: UTF8.self).contains("<html"))
            }
            try await client.execute(uri: "/v1/buffers/99/report.json", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("JSON mode: hex and base64 bodies with the proof")
    func jsonMode() async throws {
        let fixture = try GateFixture(good: 1)
        try fixture.fill()
        struct Body: Decodable { let bytes: String; let encoding: String; let proof: DeliveryProof }
        try await Self.application(fixture, keys: nil).test(.router) { client in
            for encoding in ["hex", "base64"] {
                let body = try await client.execute(uri: "/v1/random?bytes=16&format=json&encoding=\(encoding)", method: .get) { response in
                    #expect(response.status == .ok)
                    return try JSONDecoder().decode(Body.self, from: Data(response.body.readableBytesView))
                }
                let bytes = encoding == "hex" ? Hex.decode(body.bytes) : Data(base64Encoded: body.bytes).map { Array($0) }
                #expect(bytes?.count == 16)
                #expect(body.proof.sha256 == Hex.sha256(bytes ?? []))
            }
        }
    }

    @Test("400 for a missing, malformed or out-of-range N or format; 503 with Retry-After on an empty pool")
    func badRequestsAndEmptyPool() async throws {
        let fixture = try GateFixture(good: 0)
        try await Self.application(fixture, keys: nil).test(.router) { client in
            for query in ["", "?bytes=", "?bytes=abc", "?bytes=0", "?bytes=-3", "?bytes=65537", "?bytes=8&format=xml", "?bytes=8&format=json&encoding=b32"] {
                try await client.execute(uri: "/v1/random\(query)", method: .get) { response in
                    #expect(response.status == .badRequest, "\(query)")
                    #expect(response.headers[.contentType] == "application/json")
                    #expect(!Self.errorMessage(response.body).isEmpty)
                }
            }
            try await client.execute(uri: "/v1/random?bytes=32", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "\(GateRouter.emptyPoolRetrySeconds)")
            }
            try await client.execute(uri: "/v1/status", method: .get) { response in
                let status = try JSONDecoder().decode(GateRouter.StatusBody.self, from: Data(response.body.readableBytesView))
                #expect(status.pool.bytes == 0)
            }
        }
    }

    @Test("401 without a key or with an unknown one; 429 with Retry-After past the key's daily quota")
    func keysAndQuotas() async throws {
        let fixture = try GateFixture(good: 1)
        try fixture.fill()
        let keys = try APIKeys(text: "# test keys\nalice \(Self.keyHash("alice-secret")) 100\nbob \(Self.keyHash("bob-secret"))\n", path: "keys")
        try await Self.application(fixture, keys: keys).test(.router) { client in
            try await client.execute(uri: "/v1/random?bytes=32", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] != nil)
            }
            try await client.execute(uri: "/v1/random?bytes=32", method: .get, headers: [.authorization: "Bearer alice-secreT"]) {
                #expect($0.status == .unauthorized)
            }
            for _ in 0..<3 {
                try await client.execute(uri: "/v1/random?bytes=32", method: .get, headers: [.authorization: "Bearer alice-secret"]) {
                    #expect($0.status == .ok)
                }
            }
            try await client.execute(uri: "/v1/random?bytes=32", method: .get, headers: [ProofHeaders.apiKey: "alice-secret"]) { response in
                #expect(response.status == .tooManyRequests)
                #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 > 0)
            }
            try await client.execute(uri: "/v1/random?bytes=32", method: .get, headers: [ProofHeaders.apiKey: "bob-secret"]) {
                #expect($0.status == .ok)
            }
        }
        #expect(try fixture.ledger.allocations().map(\.client) == ["alice", "alice", "alice", "bob"])
    }

    @Test("the API keys file: names, hashes and quotas are checked, with the line named")
    func apiKeysFile() throws {
        let hash = Self.keyHash("k")
        #expect(try APIKeys(text: "a \(hash) 1K\n", path: "f").entries.first?.dailyQuota == 1024)
        for bad in ["a", "a bad-hash", "a \(hash) lots", "a b \(hash)", "a \(hash)\na \(hash)", "# nothing"] {
            #expect(throws: GateError.self, "\(bad)") { try APIKeys(text: bad, path: "f") }
        }
        #expect(try APIKeys(text: "a \(hash)", path: "f").match("k")?.name == "a")
        #expect(try APIKeys(text: "a \(hash)", path: "f").match("K") == nil)
    }
}
