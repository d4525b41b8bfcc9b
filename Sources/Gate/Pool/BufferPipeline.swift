import AssessmentEngine
import Capture
import Certification
import Dispatch
import Foundation
import Logging
import Metrics
import RandomnessCore

/// Capture → buffer → battery → signed report → pool or quarantine, as a three-stage
/// pipeline.
///
/// One thread captures buffers of `settings.bufferSize` bytes through `CaptureToFile` (the
/// continuous RCT/APT health tests run on every sample; each buffer gets its manifest); a
/// second stage tests two at a time with `Assessment.run`; a third, in the same order, builds the
/// Merkle tree and writes each signed report with the gate's record (buffer id, Merkle root,
/// previous report's SHA-256), then files the buffer. At most four captured buffers are in
/// flight, and capture pauses while `poolLimit` passed buffers wait to be served, so memory
/// and disk stay bounded.
public final class BufferPipeline: @unchecked Sendable {
    public let spool: Spool
    public let ledger: Ledger
    public let settings: GateSettings
    public let status: GateStatus
    let signer: ReportSigner
    let source: CaptureSourceSpec
    let logger: Logger
    /// Reports chain in buffer order; only the filing queue touches it (after `run` set it).
    private var previousReportSHA256: String?
    /// Stage 2, the battery: two buffers at a time, each on its own thread with half of
    /// `settings.jobs` workers, so one buffer's serial parts (reading, hashing, ENT, the final
    /// analysis) overlap the other's streams. Results do not depend on the thread count.
    private let batterySlots = DispatchSemaphore(value: 2)
    /// Stage 3, filing, in buffer order: it overlaps the next buffer's battery. With idle
    /// batteries it runs at background QoS (nice 10 on Linux), below the server's threads.
    private let fileQueue: DispatchQueue
    /// Buffers captured and not yet filed: two under test, one being filed, one waiting.
    private let inFlight = DispatchSemaphore(value: 4)

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
        fileQueue = DispatchQueue(label: "rngcert.gate.file", qos: settings.idleBatteries ? .background : .unspecified)
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
        // Filing waits for each battery, so this waits for both stages.
        defer { fileQueue.sync {} }
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
                                                         bufferCount: 4, progressInterval: 3600,
                                                         qos: settings.idleBatteries ? .background : .unspecified)
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
            let started = DispatchTime.now().uptimeNanoseconds
            // Batteries may finish out of order; filing is queued now, in capture order,
            // and waits for its own buffer's battery.
            let tested = ResultSlot<Report>()
            batterySlots.wait()
            let worker = Thread { [self] in
                if settings.idleBatteries { ThreadScheduling.idle() }
                tested.set(Result { try battery(id, directory: directory) })
                batterySlots.signal()
            }
            worker.name = "rngcert-gate-battery-\(id)"
            worker.start()
            fileQueue.async { [self] in
                defer { inFlight.signal() }
                do {
                    try file(id, directory: directory, manifest: manifest, report: try tested.wait().get(), started: started)
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

    /// Stage 2 (a battery thread, two at a time): the battery on one captured buffer; the report, unsigned.
    private func battery(_ id: Int, directory: String) throws -> Report {
        try Assessment.run(
            source: InputSource(path: directory + "/" + Spool.dataFileName), parameters: settings.parameters,
            jobs: max(1, settings.jobs / 2), arguments: settings.arguments, tool: settings.tool, streamTable: .none)
    }

    /// Stage 3 (filing queue, in buffer order): the Merkle tree, the gate record with the
    /// chain link, the signed report, the move to pool/ or quarantine/, the ledger.
    private func file(_ id: Int, directory: String, manifest: CaptureManifest, report: Report, started: UInt64) throws {
        var report = report
        let batteryDone = DispatchTime.now().uptimeNanoseconds
        let bytes = try FileBytes.read(directory + "/" + Spool.dataFileName, limit: GateSettings.bufferSizeRange.upperBound)
        let tree = MerkleTree(bytes: bytes)
        let root = Hex.encode(tree.root)
        let verdict = BufferVerdict.judge(report: report, manifest: report.input.captureManifest ?? manifest, bufferSize: settings.bufferSize)
        let destination = verdict.serve ? spool.pool(id) : spool.quarantine(id)
        report.input.path = (verdict.serve ? "pool/" : "quarantine/") + Spool.name(id) + "/" + Spool.dataFileName
        report.gate = GateRecord(bufferID: id, merkleRoot: root, leafSize: tree.leafSize,
                                 leafCount: tree.leafCount, previousReportSHA256: previousReportSHA256)
        let reportSHA256 = try BufferReportWriter.write(report, into: directory, signer: signer).sha256
        try spool.move(directory, to: destination)
        try ledger.finishBuffer(id, state: verdict.serve ? .passed : .quarantined, byteCount: bytes.count,
                                leafCount: tree.leafCount, merkleRoot: root, reportSHA256: reportSHA256, reason: verdict.reason)
        previousReportSHA256 = reportSHA256
        if let onFiled = settings.onFiled {
            do { try onFiled(signer.stamped(report), ReportFiles(directory: destination).report) } catch {
                logger.warning("buffer not recorded in the history", metadata: ["buffer": "\(id)", "error": "\(error)"])
            }
        }
        let now = DispatchTime.now().uptimeNanoseconds
        let seconds = Double(now - started) / 1e9
        Counter(label: "rngcert_gate_buffers_total", dimensions: [("outcome", verdict.serve ? "passed" : "quarantined")]).increment()
        Metrics.Timer(label: "rngcert_gate_buffer_test_seconds").recordSeconds(seconds)
        let timing: Logger.Metadata = ["buffer": "\(id)", "seconds": "\(seconds)",
                                       "filing seconds": "\(Double(now - batteryDone) / 1e9)"]
        if verdict.serve {
            logger.info("buffer passed", metadata: timing.merging(["verdict": "\(report.verdict.rawValue)"]) { a, _ in a })
        } else {
            logger.warning("buffer quarantined", metadata: timing.merging(["reason": "\(verdict.reason ?? "")"]) { a, _ in a })
        }
    }
}
