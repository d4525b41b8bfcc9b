import Certification
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import Prometheus
import RandomnessCore

/// The gate's HTTP API (Hummingbird 2):
///
/// - `GET /v1/random?bytes=N[&format=raw|json][&encoding=hex|base64]`: N certified bytes,
///   1…`Dispenser.maxRequestBytes`; raw with the proof in `ProofHeaders`, or JSON
///   `{"bytes", "encoding", "proof"}` (the proof as `DeliveryProof`).
/// - `GET /v1/buffers/{id}/report.json`, `report.json.sig` (also `report.sig`), `report.html`.
/// - `GET /v1/status`: pool, buffers per state, source state, health alarms.
/// - `GET /metrics`: Prometheus text.
///
/// Errors are JSON `{"error": "…"}`: 400 a bad request (N missing or out of range), 401 no
/// or unknown API key, 404 no such buffer report, 429 over the key's daily quota, 503 the
/// pool is empty; 429 and 503 carry `Retry-After`. Served bytes never reach the log.
public struct GateRouter: Sendable {
    public let dispenser: Dispenser
    public let status: GateStatus
    public let apiKeys: APIKeys?
    public let registry: PrometheusCollectorRegistry?
    public let logger: Logger

    /// Seconds a client is told to wait when the pool is empty.
    public static let emptyPoolRetrySeconds = 1

    public init(dispenser: Dispenser, status: GateStatus, apiKeys: APIKeys?, registry: PrometheusCollectorRegistry?, logger: Logger) {
        self.dispenser = dispenser
        self.status = status
        self.apiKeys = apiKeys
        self.registry = registry
        self.logger = logger
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        // The ledger's commit blocks on the disk: it runs on the dispenser's own worker,
        // never on the few threads that run the server's async work, which only wait for it.
        router.get("/v1/random") { request, _ in await self.random(request) }
        for name in ["report.json", "report.json.sig", "report.sig", "report.html"] {
            router.get("/v1/buffers/:id/\(name)") { _, context in self.reportFile(context.parameters.get("id"), name: name) }
        }
        router.get("/v1/status") { _, _ in self.statusResponse() }
        router.get("/metrics") { _, _ in self.metrics() }
        return router
    }

    static func json(_ status: HTTPResponse.Status, _ value: some Encodable, headers: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(value)).map { Array($0) } ?? Array("{}".utf8)
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body + [10])))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String, retryAfter: Int? = nil) -> Response {
        var headers = HTTPFields()
        if let retryAfter { headers[.retryAfter] = "\(retryAfter)" }
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"rngcert\"" }
        return json(status, ["error": message], headers: headers)
    }

    /// The key's entry, or a 401 response.
    func authenticate(_ request: Request) -> Result<APIKeys.Entry?, ResponseError> {
        guard let apiKeys else { return .success(nil) }
        var presented = request.headers[ProofHeaders.apiKey]
        if presented == nil, let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { presented = String(parts[1]) }
        }
        guard let presented else {
            return .failure(ResponseError(Self.error(.unauthorized, "an API key is required (Authorization: Bearer KEY or X-API-Key)")))
        }
        guard let entry = apiKeys.match(presented) else {
            return .failure(ResponseError(Self.error(.unauthorized, "unknown API key")))
        }
        return .success(entry)
    }

    struct ResponseError: Error {
        let response: Response
        init(_ response: Response) { self.response = response }
    }

    func random(_ request: Request) async -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = await randomResponse(request)
        Counter(label: "rngcert_gate_requests_total", dimensions: [("status", "\(response.status.code)")]).increment()
        Metrics.Timer(label: "rngcert_gate_random_seconds").recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        return response
    }

    private func randomResponse(_ request: Request) async -> Response {
        let entry: APIKeys.Entry?
        switch authenticate(request) {
        case let .success(e): entry = e
        case let .failure(error): return error.response
        }
        let query = request.uri.queryParameters
        guard let text = query.get("bytes") else { return Self.error(.badRequest, "give the number of bytes: /v1/random?bytes=N") }
        guard let count = Int(text) else { return Self.error(.badRequest, "bytes=\(text.prefix(40)): not a whole number") }
        guard (1...Dispenser.maxRequestBytes).contains(count) else {
            return Self.error(.badRequest, "bytes=\(count): must be 1…\(Dispenser.maxRequestBytes)")
        }
        let format = query.get("format") ?? "raw"
        guard format == "raw" || format == "json" else { return Self.error(.badRequest, "format=\(format.prefix(40)): use raw or json") }
        let encoding = query.get("encoding") ?? "hex"
        guard encoding == "hex" || encoding == "base64" else { return Self.error(.badRequest, "encoding=\(encoding.prefix(40)): use hex or base64") }
        let client = entry?.name ?? "-"
        let outcome: Dispenser.Outcome
        do {
            outcome = try await dispenser.dispense(byteCount: count, client: client, dailyQuota: entry?.dailyQuota)
        } catch {
            logger.error("cannot serve", metadata: ["client": "\(client)", "error": "\(error)"])
            return Self.error(.internalServerError, "the gate could not serve the request")
        }
        switch outcome {
        case .poolEmpty:
            return Self.error(.serviceUnavailable, "no certified bytes are ready; retry later", retryAfter: Self.emptyPoolRetrySeconds)
        case let .overQuota(used, quota):
            return Self.error(.tooManyRequests, "over the daily quota: \(used) of \(quota) bytes used today (UTC)",
                              retryAfter: Self.secondsToUTCMidnight())
        case let .delivered(bytes, proof):
            Counter(label: "rngcert_gate_served_bytes_total").increment(by: bytes.count)
            logger.info("served", metadata: ["client": "\(client)", "bytes": "\(bytes.count)", "buffer": "\(proof.bufferID)",
                                              "leaves": "\(proof.firstLeaf)-\(proof.endLeaf)"])
            if format == "json" {
                struct Body: Encodable { let bytes: String; let encoding: String; let proof: DeliveryProof }
                let text = encoding == "hex" ? Hex.encode(bytes) : Data(bytes).base64EncodedString()
                return Self.json(.ok, Body(bytes: text, encoding: encoding, proof: proof))
            }
            var headers = ProofHeaders.fields(proof)
            headers[.contentType] = "application/octet-stream"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    static func secondsToUTCMidnight() -> Int {
        let now = Int(Date().timeIntervalSince1970)
        return 86_400 - now % 86_400
    }

    func reportFile(_ idText: String?, name: String) -> Response {
        guard let idText, let id = Int(idText), id > 0 else { return Self.error(.badRequest, "the buffer id must be a positive number") }
        guard let directory = dispenser.spool.reportDirectory(id) else { return Self.error(.notFound, "no tested buffer \(id)") }
        let file = name == "report.sig" ? "report.json.sig" : name == "report.html" ? "report.json" : name
        guard var bytes = try? FileBytes.read(directory + "/" + file, limit: 256 << 20) else {
            return Self.error(.notFound, "buffer \(id) has no \(name)")
        }
        if name == "report.html" {
            // Rendered from exactly the signed bytes, as `rngcert render` does.
            guard let page = try? ReportHTML.render(reportBytes: bytes, path: "buffer \(id) report.json") else {
                return Self.error(.internalServerError, "buffer \(id)'s report cannot be rendered")
            }
            bytes = Array(page.utf8)
        }
        var headers = HTTPFields()
        headers[.contentType] = name.hasSuffix(".json") ? "application/json" : name.hasSuffix(".html") ? "text/html; charset=utf-8" : "application/octet-stream"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `/v1/status`'s body.
    public struct StatusBody: Codable, Sendable {
        public struct Pool: Codable, Sendable { public var buffers: Int; public var bytes: Int }
        public struct Source: Codable, Sendable { public var state: String; public var detail: String? }
        public var pool: Pool
        public var buffers: [String: Int]
        public var source: Source
        public var healthAlarms: Int
        public var bytesCaptured: Int
    }

    public func statusBody() throws -> StatusBody {
        let counts = try dispenser.ledger.counts()
        var buffers: [String: Int] = [:]
        for state in BufferState.allCases { buffers[state.rawValue] = counts.states[state] ?? 0 }
        let source = status.source
        return StatusBody(pool: .init(buffers: counts.poolBuffers, bytes: counts.poolLeaves * MerkleTree.leafSize),
                          buffers: buffers, source: .init(state: source.state.rawValue, detail: source.detail),
                          healthAlarms: status.healthAlarms, bytesCaptured: status.bytesCaptured)
    }

    func statusResponse() -> Response {
        do {
            return Self.json(.ok, try statusBody())
        } catch {
            logger.error("status", metadata: ["error": "\(error)"])
            return Self.error(.internalServerError, "the ledger could not be read")
        }
    }

    func metrics() -> Response {
        guard let registry else { return Self.error(.notFound, "metrics are off") }
        if let body = try? statusBody() {
            Gauge(label: "rngcert_gate_pool_bytes").record(body.pool.bytes)
            Gauge(label: "rngcert_gate_pool_buffers").record(body.pool.buffers)
            for (state, n) in body.buffers { Gauge(label: "rngcert_gate_buffers", dimensions: [("state", state)]).record(n) }
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
}
