import AsyncHTTPClient
import Capture
import Foundation
import HTTPTypes
import NIOCore
import NIOSSL
import RandomnessCore

/// Why a fetch from a gate failed before there was anything to verify.
public enum FetchError: Error, CustomStringConvertible, Sendable {
    case badURL(String, reason: String = "not an http:// or https:// URL")
    case refused(url: String, status: Int, message: String, retryAfter: String?)
    case transport(url: String, reason: String)
    case malformed(url: String, reason: String)

    public var description: String {
        switch self {
        case let .badURL(url, reason): "\(url): \(reason)"
        case let .refused(url, status, message, retryAfter):
            "\(url): HTTP \(status): \(message)" + (retryAfter.map { " (Retry-After: \($0) s)" } ?? "")
        case let .transport(url, reason): "\(url): \(reason)"
        case let .malformed(url, reason): "\(url): \(reason)"
        }
    }
}

/// What one fetch brought: the bytes, their proof, and the buffer's signed report.
public struct FetchedDelivery: Sendable {
    public var bytes: [UInt8]
    public var proof: DeliveryProof
    public var reportBytes: [UInt8]
    public var signature: [UInt8]
    public var reportURL: String
}

/// `rngcert fetch`'s client: `GET /v1/random?bytes=N` (raw, proof in headers), then the
/// buffer's `report.json` and `report.json.sig`. TLS trusts `--ca-cert` when given, else
/// the system's roots.
public struct GateClient: Sendable {
    public let baseURL: String
    public let apiKey: String?
    public let caCertificate: String?
    public let timeoutSeconds: Int64

    public init(baseURL: String, apiKey: String?, caCertificate: String?, timeoutSeconds: Int64 = 30) throws(FetchError) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        // The same URL rules as capture's http(s) sources: a port 1…65535, a host.
        let spec: CaptureSourceSpec
        do {
            spec = try CaptureSourceSpec(parsing: base)
        } catch {
            if case let .invalidSource(_, reason) = error { throw .badURL(baseURL, reason: reason) }
            throw .badURL(baseURL)
        }
        guard case let .http(url) = spec else { throw .badURL(baseURL) }
        base = url.absoluteString
        self.baseURL = base
        self.apiKey = apiKey
        self.caCertificate = caCertificate
        self.timeoutSeconds = timeoutSeconds
    }

    public func fetch(byteCount: Int) async throws -> FetchedDelivery {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caCertificate {
            do {
                // Read as a regular file first: a FIFO or device is refused, never waited on.
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(try FileBytes.read(caCertificate, limit: 16 << 20)))
            } catch {
                let reason = (error as? FileBytes.ReadError)?.reason ?? "\(error)"
                throw FetchError.transport(url: caCertificate, reason: "cannot read the CA certificate: \(reason)")
            }
        }
        let timeout = HTTPClient.Configuration.Timeout(connect: .seconds(timeoutSeconds), read: .seconds(timeoutSeconds))
        let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                configuration: HTTPClient.Configuration(tlsConfiguration: tls, timeout: timeout))
        do {
            let result = try await fetch(byteCount: byteCount, client: client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func get(_ url: String, client: HTTPClient, limit: Int) async throws -> (HTTPClientResponse, [UInt8]) {
        var request = HTTPClientRequest(url: url)
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await client.execute(request, timeout: .seconds(timeoutSeconds))
            body = try await response.body.collect(upTo: limit)
        } catch {
            throw FetchError.transport(url: url, reason: "\(error)")
        }
        let bytes = Array(body.readableBytesView)
        guard response.status.code == 200 else {
            struct Message: Decodable { let error: String }
            let message = (try? JSONDecoder().decode(Message.self, from: Data(bytes)))?.error
                ?? String(decoding: bytes.prefix(200), as: UTF8.self)
            throw FetchError.refused(url: url, status: Int(response.status.code), message: message,
                                     retryAfter: response.headers.first(name: "Retry-After"))
        }
        return (response, bytes)
    }

    private func fetch(byteCount: Int, client: HTTPClient) async throws -> FetchedDelivery {
        let randomURL = "\(baseURL)/v1/random?bytes=\(byteCount)"
        let (response, bytes) = try await get(randomURL, client: client, limit: Dispenser.maxRequestBytes)
        var fields = HTTPFields()
        for header in response.headers {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        let proof: DeliveryProof
        switch ProofHeaders.proof(from: fields, bytes: bytes) {
        case let .success(p): proof = p
        case let .failure(error): throw FetchError.malformed(url: randomURL, reason: error.description)
        }
        let reportURL = "\(baseURL)/v1/buffers/\(proof.bufferID)/report.json"
        let (_, report) = try await get(reportURL, client: client, limit: 256 << 20)
        let (_, signature) = try await get(reportURL + ".sig", client: client, limit: 1024)
        return FetchedDelivery(bytes: bytes, proof: proof, reportBytes: report, signature: signature, reportURL: reportURL)
    }
}
