import AssessmentEngine
import Capture
import Certification
import Dispatch
import Foundation
import Logging
import Metrics
import RandomnessCore

/// Capture → buffer → battery → signed report → pool or quarantine, while capture goes on.
///
/// One thread captures buffers of `settings.bufferSize` bytes through `CaptureToFile` (the
/// continuous RCT/APT health tests run on every sample; each buffer gets its manifest);
/// another tests them in order with `Assessment.run` and writes each signed report with the
/// gate's record (buffer id, Merkle root, previous report's SHA-256). At most two captured
/// buffers wait for the battery, and capture pauses while `poolLimit` passed buffers wait
/// to be served, so memory and disk stay bounded.
public final class BufferPipeline: @unchecked Sendable {
    public let spool: Spool
    public let ledger: Ledger
    public let settings: GateSettings
    public let status: GateStatus
    let signer: ReportSigner
    let source: CaptureSourceSpec
    let logger: Logger
    /// Reports chain in buffer order; only the assessment queue touches it.
    private var previousReportSHA256: String?
    private let assessQueue = DispatchQueue(label: "rngcert.gate.assess")
    private let inFlight = DispatchSemaphore(value: 2)

    public init(source: CaptureSourceSpec, spool: Spool, ledger: Ledger, signer: ReportSigner, settings: GateSettings,
                status: GateStatus, logger: Logger) throws(GateError) {
        try settings.validate()
        self.source = source
        self.spool = spool
        self.ledger = ledger
        self.signer = signer
        self.settings = settings
        self.status = status
        self.logger = logger
    }

    /// Brings the spool in line with the ledger after a stop or crash (see `SpoolRecovery`),
    /// then captures and tests until the source ends or fails or `stop` is requested. Waits
    /// for the buffer under test before returning.
    public func run(stop: StopSignal) throws {
        try SpoolRecovery.recover(spool: spool, ledger: ledger, logger: logger)
        previousReportSHA256 = try ledger.lastReportSHA256()
        var options = settings.sourceOptions
        options.byteLimit = nil
        let byteSource: any ByteSource
        do {
            byteSource = try source.open(options, stop: stop)
        } catch {
            status.setSource(.failed, error.description)
            logger.error("cannot open the source", metadata: ["source": "\(source)", "error": "\(error)"])
            throw error
        }
        defer { byteSource.close() }
        status.setSource(.capturing)
        defer { assessQueue.sync {} }
        while !stop.isRequested {
            if try waitForRoom(stop: stop) == false { break }
            status.setSource(.capturing)
            inFlight.wait()
            let id = try ledger.beginBuffer(leafSize: MerkleTree.leafSize)
            let directory = spool.incoming(id)
            let outcome: CaptureToFile.Outcome
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                let output = try AtomicFileStream(path: directory + "/" + Spool.dataFileName, overwrite: false)
                let configuration = CaptureConfiguration(byteLimit: settings.bufferSize, health: settings.health,
                                                         chunkSize: min(CaptureConfiguration.defaultChunkSize, settings.bufferSize),
                                                         bufferCount: 4, progressInterval: 3600)
                outcome = try CaptureToFile.run(source: byteSource, output: output, configuration: configuration, stop: stop,
                                                tool: "\(settings.tool.name) \(settings.tool.version)")
            } catch {
                inFlight.signal()
                try? discard(id, directory: directory, reason: "capture failed: \(error)")
                status.setSource(.failed, "\(error)")
                throw error
            }
            let manifest = outcome.manifest
            status.addCaptured(bytes: manifest.byteCount, alarms: manifest.health.alarmCount)
            Counter(label: "rngcert_gate_captured_bytes_total").increment(by: manifest.byteCount)
            Counter(label: "rngcert_gate_health_alarms_total").increment(by: manifest.health.alarmCount)
            if manifest.byteCount < settings.bufferSize {
                // A short buffer: the source ended, failed or the gate is stopping.
                inFlight.signal()
                try discard(id, directory: directory, reason: "\(manifest.endReason.rawValue) after \(manifest.byteCount) of \(settings.bufferSize) bytes")
                switch manifest.endReason {
                case .interrupted: status.setSource(.stopped)
                case .sourceEnded, .complete: status.setSource(.ended)
                default: status.setSource(.failed, manifest.errors.last?.message ?? manifest.endReason.rawValue)
                }
                break
            }
            assessQueue.async { [self] in
                defer { inFlight.signal() }
                do {
                    try test(id, directory: directory, manifest: manifest)
                } catch {
                    logger.error("buffer not tested", metadata: ["buffer": "\(id)", "error": "\(error)"])
                    try? discard(id, directory: directory, reason: "not tested: \(error)")
                }
            }
        }
        if stop.isRequested { status.setSource(.stopped) }
    }

    /// Waits while the pool is full; false when stopped meanwhile.
    private func waitForRoom(stop: StopSignal) throws -> Bool {
        var waiting = false
        while try ledger.counts().poolBuffers >= settings.poolLimit {
            if !waiting { status.setSource(.waiting, "the pool is full (\(settings.poolLimit) buffers)"); waiting = true }
            if stop.isRequested { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }

    private func discard(_ id: Int, directory: String, reason: String) throws {
        spool.remove(directory)
        try ledger.finishBuffer(id, state: .discarded, byteCount: 0, leafCount: 0, merkleRoot: nil, reportSHA256: nil, reason: reason)
        logger.info("buffer discarded", metadata: ["buffer": "\(id)", "reason": "\(reason)"])
    }

    /// Runs the battery on one captured buffer, signs its report and files it.
    private func test(_ id: Int, directory: String, manifest: CaptureManifest) throws {
        let started = DispatchTime.now().uptimeNanoseconds
        let dataPath = directory + "/" + Spool.dataFileName
        var report = try Assessment.run(
            source: InputSource(path: dataPath), parameters: settings.parameters, jobs: settings.jobs,
            arguments: settings.arguments, tool: settings.tool, streamTable: .none)
        let bytes = try FileBytes.read(dataPath, limit: GateSettings.bufferSizeRange.upperBound)
        let tree = MerkleTree(bytes: bytes)
        let verdict = BufferVerdict.judge(report: report, manifest: report.input.captureManifest ?? manifest, bufferSize: settings.bufferSize)
        let destination = verdict.serve ? spool.pool(id) : spool.quarantine(id)
        report.input.path = (verdict.serve ? "pool/" : "quarantine/") + Spool.name(id) + "/" + Spool.dataFileName
        report.gate = GateRecord(bufferID: id, merkleRoot: Hex.encode(tree.root), leafSize: tree.leafSize,
                                 leafCount: tree.leafCount, previousReportSHA256: previousReportSHA256)
        let written = try ReportOutput.write(report, into: directory, signer: signer, overwrite: false)
        let reportSHA256 = Hex.sha256(written.bytes)
        try spool.move(directory, to: destination)
        try ledger.finishBuffer(id, state: verdict.serve ? .passed : .quarantined, byteCount: bytes.count,
                                leafCount: tree.leafCount, merkleRoot: Hex.encode(tree.root), reportSHA256: reportSHA256,
                                reason: verdict.reason)
        previousReportSHA256 = reportSHA256
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        Counter(label: "rngcert_gate_buffers_total", dimensions: [("outcome", verdict.serve ? "passed" : "quarantined")]).increment()
        Metrics.Timer(label: "rngcert_gate_buffer_test_seconds").recordSeconds(seconds)
        if verdict.serve {
            logger.info("buffer passed", metadata: ["buffer": "\(id)", "verdict": "\(report.verdict.rawValue)", "seconds": "\(seconds)"])
        } else {
            logger.warning("buffer quarantined", metadata: ["buffer": "\(id)", "reason": "\(verdict.reason ?? "")"])
        }
    }
}
