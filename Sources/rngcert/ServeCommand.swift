import ArgumentParser
import AssessmentEngine
import Capture
import Certification
import Foundation
import Gate
import Logging
import Metrics
import Prometheus
import RandomnessCore
import SP80090B
#if canImport(Glibc)
import Glibc
#endif

extension Ledger.Durability: ExpressibleByArgument {}

/// `rngcert serve`: the entropy gate. Captures a source into buffers, tests each, and
/// serves only bytes of passed buffers over HTTP, each with a Merkle proof against the
/// buffer's signed report.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve certified random bytes over HTTP: each buffer is tested and signed before any byte of it leaves.",
        discussion: """
        Reads --source (any `capture --source`, with the continuous health tests), cuts it \
        into buffers of --buffer-size bytes, runs the suites on each (default ENT and \
        SP 800-22) and writes a signed report per buffer, with its Merkle root and the \
        previous report's SHA-256. Passed buffers join the pool under --spool/pool; failed \
        or alarmed ones go to --spool/quarantine and are never served. Every allocation is \
        committed to --spool/ledger.sqlite before its bytes are sent.

        API: GET /v1/random?bytes=N (raw, proof in Rngcert-* headers; &format=json for \
        JSON), /v1/buffers/ID/report.json, report.json.sig, report.html, /v1/status, /metrics.

        Prints "listening on URL" once bound (port 0 picks a free port) and writes the URL \
        to --spool/address. SIGTERM or SIGINT stops gracefully.

        Example:
          rngcert serve --source /dev/hwrng --spool /var/lib/rngcert --sign-key gate.key \\
              --listen 0.0.0.0:8443 --api-keys keys.txt --tls-cert cert.pem --tls-key key.pem
        """
    )

    @Option(help: ArgumentHelp("Path, '-', tcp://HOST:PORT or http(s)://URL (as for capture).", valueName: "source"))
    var source: String

    @Option(help: ArgumentHelp("Directory for the ledger, the pool and the quarantine (created if missing).", valueName: "dir"))
    var spool: String

    @Option(name: .customLong("sign-key"), help: ArgumentHelp("Ed25519 private key (PEM, from `rngcert keygen`) that signs every buffer report.", valueName: "file"))
    var signKey: String

    @Option(help: ArgumentHelp("Address to listen on, HOST:PORT (port 0: any free port; default 127.0.0.1:8080).", valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    @Option(name: .customLong("api-keys"), help: ArgumentHelp("API keys file: 'NAME SHA256-OF-KEY [DAILY-QUOTA]' per line. Without it, no key is asked.", valueName: "file"))
    var apiKeys: String?

    @Option(name: .customLong("buffer-size"), parsing: .unconditional, help: ArgumentHelp("Bytes per buffer, a multiple of 32 from 64K to 64M; K, M mean 2^10, 2^20 (default 1M).", valueName: "n"))
    var bufferSize = "1M"

    @Option(name: .customLong("suite"), help: ArgumentHelp("Suite to run on each buffer: \(SuiteID.allCases.map(\.rawValue).joined(separator: ", ")); repeat or separate with commas. Default: ent, sp800-22.", valueName: "name"))
    var suites: [String] = []

    @Option(name: .customLong("claimed-entropy"), parsing: .unconditional, help: ArgumentHelp("Claimed min-entropy per byte for the health tests' cutoffs, (0, 8] (default 8).", valueName: "H"))
    var claimedEntropy: Double = 8

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("PEM certificate chain: serve HTTPS (with --tls-key).", valueName: "file"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("PEM private key of --tls-cert.", valueName: "file"))
    var tlsKey: String?

    @Option(name: .customLong("pool-limit"), parsing: .unconditional, help: ArgumentHelp("Capture pauses while this many passed buffers wait, 1…100000 (default 64).", valueName: "n"))
    var poolLimit = GateSettings.defaultPoolLimit

    @Option(name: .customLong("ledger-sync"), help: ArgumentHelp("full: each allocation is flushed to disk before its bytes leave (survives power loss; default). normal: flushed at checkpoints only (survives kill -9, not a system crash).", valueName: "mode"))
    var ledgerSync: Ledger.Durability = .full

    @Flag(name: .customLong("idle-battery"), inversion: .prefixedNo, help: "Run the battery only on CPU time that serving leaves free (Linux SCHED_IDLE; capture and filing at nice 10). The default: requests never wait behind a battery. --no-idle-battery shares the CPU fairly instead, for a machine where other work would starve the battery.")
    var idleBattery = true

    @Option(parsing: .unconditional, help: ArgumentHelp("Worker threads for the battery, 1…1024 (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Longest wait in seconds for the source, 0.001…86400 (default 30).", valueName: "seconds"))
    var timeout: Double = 30

    @Option(name: .customLong("log-level"), help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (default info). Logs go to standard error and never hold served bytes.", valueName: "level"))
    var logLevel = "info"

    @OptionGroup(title: "SP 800-22 options")
    var sp80022: SP80022Options

    @OptionGroup(title: "History")
    var history: HistoryOptions

    func validate() throws {
        try OptionChecks.jobs(jobs)
        guard claimedEntropy > 0 && claimedEntropy <= 8 else {
            throw ValidationError("--claimed-entropy \(claimedEntropy): must be in (0, 8]")
        }
        let size = try OptionChecks.byteCount(bufferSize, option: "--buffer-size")
        try OptionChecks.rethrow { try settings(bufferSize: size, health: try healthSettings()).validate() }
        _ = try listenAddress()
        _ = try selectedSuites()
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level '\(logLevel)': use trace, debug, info, notice, warning, error or critical") }
        try OptionChecks.rethrow { try CaptureSourceOptions(timeout: timeout).validate() }
        let spec: CaptureSourceSpec
        do { spec = try CaptureSourceSpec(parsing: source) } catch { throw ValidationError("--source: \(error.description)") }
        if case let .path(path) = spec, !FileBytes.exists(path) {
            throw ValidationError("--source \(path): no such file or device")
        }
        if spool.isEmpty { throw ValidationError("--spool needs a directory") }
    }

    /// HOST and PORT of --listen (IPv6 in brackets).
    func listenAddress() throws -> (host: String, port: Int) {
        guard let colon = listen.lastIndex(of: ":") else { throw ValidationError("--listen '\(listen)': expected HOST:PORT") }
        var host = String(listen[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--listen '\(listen)': expected HOST:PORT with a port 0…65535")
        }
        return (host, port)
    }

    func selectedSuites() throws -> [SuiteID] {
        if suites.isEmpty { return [.ent, .sp80022] }
        return try suites.flatMap { $0.split(separator: ",") }.map { name in
            guard let suite = SuiteID(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError("--suite: unknown suite '\(name)' (choose from \(SuiteID.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return suite
        }
    }

    func healthSettings() throws -> CaptureHealthSettings {
        let parameters = try OptionChecks.rethrow {
            try HealthTestParameters(minEntropy: claimedEntropy, bitsPerSymbol: 8, falsePositiveProbability: exp2(-40))
        }
        return CaptureHealthSettings(parameters: parameters, sampleUnit: .byte, onAlarm: .continue)
    }

    func settings(bufferSize: Int, health: CaptureHealthSettings) throws -> GateSettings {
        GateSettings(
            bufferSize: bufferSize,
            parameters: AssessmentParameters(suites: try selectedSuites(), sp80022: try sp80022.parameters()),
            health: health, sourceOptions: CaptureSourceOptions(timeout: timeout), jobs: jobs ?? Parallel.defaultJobs,
            tool: ToolVersion.identity, arguments: Array(CommandLine.arguments.dropFirst()), poolLimit: poolLimit)
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "rngcert.gate")
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let signer = ReportSigner(key: try SigningKey(contentsOf: signKey))
        let keys = try apiKeys.map { try APIKeys.load($0) }
        let tls = try tlsCert.map { cert in try GateServer.tlsConfiguration(certificate: cert, key: tlsKey ?? "") }
        let (host, port) = try listenAddress()
        var settings = try settings(bufferSize: try ByteCount.parse(bufferSize, parameter: "--buffer-size"), health: try healthSettings())
        settings.idleBatteries = idleBattery
        if history.database != nil {
            let history = self.history
            settings.onFiled = { report, path in try history.record([(report, path)]) }
        }
        let spoolDirectory = Spool(root: spool)
        try spoolDirectory.create()
        try spoolDirectory.lock()
        let ledger = try Ledger(path: spoolDirectory.ledgerPath, durability: ledgerSync)
        let status = GateStatus()
        let pipeline = try BufferPipeline(source: try CaptureSourceSpec(parsing: source), spool: spoolDirectory, ledger: ledger,
                                          signer: signer, settings: settings, status: status, logger: logger)
        let router = GateRouter(dispenser: Dispenser(spool: spoolDirectory, ledger: ledger), status: status, apiKeys: keys,
                                registry: registry, logger: logger)
        try AsyncBridge.run {
            try await GateServer.run(host: host, port: port, router: router, pipeline: pipeline, tls: tls, logger: logger) { url in
                // Unbuffered: a script or test waits for this line.
                FileHandle.standardOutput.write(Data("listening on \(url)\n".utf8))
            }
        }
    }
}
