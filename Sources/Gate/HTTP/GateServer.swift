import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import RandomnessCore
import ServiceLifecycle

/// `rngcert serve`: the HTTP API and the buffer pipeline in one service group, stopped
/// gracefully by SIGTERM or SIGINT (in-flight requests finish; each allocation is its own
/// committed transaction, so the ledger is consistent at any stop).
public enum GateServer {
    /// TLS from a PEM certificate chain and private key.
    public static func tlsConfiguration(certificate: String, key: String) throws(GateError) -> TLSConfiguration {
        do {
            // Regular files only: a FIFO or device is refused, never waited on.
            let chain = try NIOSSLCertificate.fromPEMBytes(try readPEM(certificate)).map { NIOSSLCertificateSource.certificate($0) }
            guard !chain.isEmpty else { throw GateError.tls(path: certificate, reason: "no certificate in the file") }
            let privateKey = try NIOSSLPrivateKey(bytes: try readPEM(key), format: .pem)
            return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(privateKey))
        } catch let error as GateError {
            throw error
        } catch {
            throw .tls(path: "\(certificate), \(key)", reason: "\(error)")
        }
    }

    private static func readPEM(_ path: String) throws -> [UInt8] {
        do { return try FileBytes.read(path, limit: 16 << 20) } catch { throw GateError.tls(path: path, reason: error.reason) }
    }

    /// Runs until SIGTERM/SIGINT. `onListening` gets the bound URL (a port 0 resolved), also
    /// written to `SPOOL/address`.
    public static func run(host: String, port: Int, router: GateRouter, pipeline: BufferPipeline, tls: TLSConfiguration?,
                           logger: Logger, onListening: @escaping @Sendable (String) -> Void) async throws {
        let scheme = tls == nil ? "http" : "https"
        let addressPath = pipeline.spool.addressPath
        let app = Application(
            router: router.router(),
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                let shown = host.contains(":") ? "[\(host)]" : host
                let url = "\(scheme)://\(shown):\(bound)"
                try? SecureFileWriter.replace(addressPath, bytes: Array((url + "\n").utf8), mode: 0o644, overwrite: true)
                onListening(url)
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [app, PipelineService(pipeline: pipeline, logger: logger)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
