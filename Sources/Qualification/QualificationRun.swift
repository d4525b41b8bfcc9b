import AssessmentEngine
import Capture
import Certification
import Foundation
import RandomnessCore
import SP80090B

/// What a qualification run reports as it goes.
public enum QualificationEvent: Sendable {
    case stage(String)
    case noiseProgress(CaptureProgress)
    /// Restart `done` of `total` is on disk (`resumedFrom` restarts were there at the start).
    case restartCollected(done: Int, total: Int, resumedFrom: Int)
}

/// `rngcert qualify`: from a configuration to a signed evidence folder.
///
/// 1. Refuses a folder that already holds a qualification report (nothing is overwritten).
/// 2. Collects or copies the data into `DIR/data/` (resuming a collection left there).
/// 3. Runs `QualificationAssessment`.
/// 4. Writes the evidence (`SHA256SUMS`, `registration.json`, `reference-commands.sh`, a copy
///    of the configuration), then the signed report and its HTML last: a folder with
///    `qualification.json` is complete.
public struct QualificationRun {
    public let config: QualificationConfig
    public let configurationPath: String
    public let configurationBytes: [UInt8]
    public let directory: String
    public let signer: ReportSigner
    public let tool: ToolIdentity
    public let arguments: [String]
    public let jobs: Int

    public init(config: QualificationConfig, configurationPath: String, configurationBytes: [UInt8], directory: String,
                signer: ReportSigner, tool: ToolIdentity, arguments: [String], jobs: Int) {
        self.config = config
        self.configurationPath = configurationPath
        self.configurationBytes = configurationBytes
        self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        self.signer = signer
        self.tool = tool
        self.arguments = arguments
        self.jobs = jobs
    }

    public var reportPath: String { directory + "/" + QualificationReport.fileName }

    /// The evidence folder's files besides the data, in the order they are written.
    public static let evidenceFiles = ["qualification.yaml", "SHA256SUMS", "registration.json", "reference-commands.sh",
                                       QualificationReport.signatureFileName, QualificationReport.htmlFileName, QualificationReport.fileName]

    /// Checks that the folder can take a new report, before anything is collected: one that
    /// holds a finished report is refused. (The other evidence files are derived from the
    /// report and are rewritten by a run that resumes after dying while writing them.)
    public func prepare() throws {
        if FileBytes.exists(reportPath) { throw FileWriteError.exists(path: reportPath) }
        try DirectoryMaker.create(directory + "/data")
        try CollectionState(config: config).record(at: directory + "/data/collection.json")
    }

    /// Checks every existing file the configuration names (readable, regular, of a usable
    /// size) before anything is collected or created, so that a wrong path costs nothing.
    public func preflight() throws {
        let bits = config.noise.bitsPerSample
        if case let .file(path) = config.noise.origin {
            let size = try FileRangeReader(path: path).size
            let maximum = NonIIDData.maximumBits / bits
            if size < QualificationConfig.minimumNoiseSamples {
                throw CollectionError.file(path: path, reason: "holds \(GroupedNumber.text(size)) samples; at least \(GroupedNumber.text(QualificationConfig.minimumNoiseSamples)) are needed (1,000,000 for a submission)")
            }
            if config.noise.samples == nil, size > maximum {
                throw CollectionError.file(path: path, reason: "holds \(GroupedNumber.text(size)) samples, more than the \(GroupedNumber.text(maximum)) the estimators take; set noise.samples to assess its first samples")
            }
        }
        if case let .file(path) = config.restart.origin {
            let size = try FileRangeReader(path: path).size
            let expected = RestartCollector.restarts * RestartCollector.samplesPerRestart
            guard size == expected else {
                throw CollectionError.file(path: path, reason: "holds \(GroupedNumber.text(size)) bytes; a restart dataset is exactly 1,000 restarts × 1,000 samples = 1,000,000 bytes, one sample per byte, row after row")
            }
        }
        for component in config.conditioning {
            guard let path = component.outputFile else { continue }
            let size = try FileRangeReader(path: path).size
            let needed = QualificationAssessment.conditionedBitsAssessed / 8
            guard size >= needed else {
                throw CollectionError.file(path: path, reason: "holds \(GroupedNumber.text(size)) bytes; h′ is estimated on the first 1,000,000 bits (\(GroupedNumber.text(needed)) bytes)")
            }
        }
    }

    public func run(stop: StopSignal, onEvent: @escaping @Sendable (QualificationEvent) -> Void) throws -> QualificationReport {
        let startedAt = UTCTimestamp.now()
        try preflight()
        try prepare()
        let bits = config.noise.bitsPerSample
        var datasets: [EvidenceDataset] = []

        // Raw noise.
        let noiseFile = "data/noise.bin"
        let maximumSamples = NonIIDData.maximumBits / bits
        switch config.noise.origin {
        case let .source(source):
            onEvent(.stage("capturing \(GroupedNumber.text(config.noise.samples ?? QualificationConfig.requiredNoiseSamples)) raw noise samples from \(source)"))
            let health = try HealthTestParameters(minEntropy: config.claim.minEntropy, bitsPerSymbol: bits, falsePositiveProbability: config.health.alpha)
            try NoiseCollector(source: source, samples: config.noise.samples ?? QualificationConfig.requiredNoiseSamples, health: health,
                               path: directory + "/" + noiseFile, tool: "\(tool.name) \(tool.version)")
                .collect(stop: stop) { onEvent(.noiseProgress($0)) }
            datasets.append(try EvidenceDataset.hashing(noiseFile, in: directory, role: .rawNoise, origin: source, bitsPerSample: bits))
        case let .file(path):
            onEvent(.stage("copying the raw noise from \(path)"))
            datasets.append(try EvidenceDataset.copy(role: .rawNoise, from: path, to: noiseFile, in: directory, byteLimit: config.noise.samples,
                                                     bitsPerSample: bits, minimumBytes: QualificationConfig.minimumNoiseSamples))
        }

        // Restart dataset.
        let restartFile = "data/restart.bin"
        let restartBytes = RestartCollector.restarts * RestartCollector.samplesPerRestart
        switch config.restart.origin {
        case let .source(source):
            let collector = RestartCollector(source: source, hook: config.restart.command.map { RestartHook(command: $0, timeout: config.restart.commandTimeout) },
                                             bitsPerSample: bits, path: directory + "/" + restartFile)
            let resumed = collector.collectedRestarts()
            onEvent(.stage(resumed > 0 && resumed < RestartCollector.restarts
                ? "collecting restarts \(resumed + 1)…\(RestartCollector.restarts) from \(source) (resuming: \(resumed) already collected)"
                : "collecting \(RestartCollector.restarts) restarts × \(RestartCollector.samplesPerRestart) samples from \(source)"))
            try collector.collect(stop: stop) { onEvent(.restartCollected(done: $0, total: RestartCollector.restarts, resumedFrom: resumed)) }
            datasets.append(try EvidenceDataset.hashing(restartFile, in: directory, role: .restart, origin: source, bitsPerSample: bits))
        case let .file(path):
            onEvent(.stage("copying the restart dataset from \(path)"))
            datasets.append(try EvidenceDataset.copy(role: .restart, from: path, to: restartFile, in: directory, byteLimit: restartBytes,
                                                     bitsPerSample: bits, minimumBytes: restartBytes))
        }

        // Conditioned datasets of non-vetted components.
        var conditioned: [Int: QualificationData.Conditioned] = [:]
        let leading = QualificationAssessment.conditionedBitsAssessed / 8
        for (index, component) in config.conditioning.enumerated() {
            guard let path = component.outputFile else { continue }
            onEvent(.stage("copying the conditioned output of \(component.name) from \(path)"))
            let file = "data/conditioned-\(index + 1).bin"
            let dataset = try EvidenceDataset.copy(role: .conditioned, from: path, to: file, in: directory, byteLimit: nil,
                                                   bitsPerSample: nil, minimumBytes: leading, component: index)
            datasets.append(dataset)
            let reader = try FileRangeReader(path: directory + "/" + file)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(leading)
            try reader.forEachChunk(in: 0..<leading) { bytes.append(contentsOf: $0) }
            conditioned[index] = .init(leadingBytes: bytes, byteCount: dataset.byteCount)
        }
        if stop.isRequested { throw CollectionError.interrupted(what: "qualification", collected: "the data in \(directory)/data") }

        onEvent(.stage("assessing (SP 800-90B: both tracks, restart tests, conditioning, health tests)"))
        let noise = try FileBytes.read(directory + "/" + noiseFile, limit: maximumSamples)
        let restartRows = try FileBytes.read(directory + "/" + restartFile, limit: restartBytes)
        // The copies were hashed as they were written; what is assessed must be those bytes.
        guard SHA256Digest.hex(of: noise) == datasets[0].sha256, SHA256Digest.hex(of: restartRows) == datasets[1].sha256 else {
            throw CollectionError.file(path: directory + "/data", reason: "a data file changed while qualify ran")
        }
        let result = try QualificationAssessment.run(config: config, data: QualificationData(noise: noise, restartRows: restartRows, conditioned: conditioned), jobs: jobs)

        var report = QualificationReport(
            tool: tool, arguments: arguments, host: ProcessInfo.processInfo.hostName, startedAt: startedAt,
            finishedAt: UTCTimestamp.now(), configurationFile: configurationPath,
            configurationSHA256: SHA256Digest.hex(of: configurationBytes), configuration: config, datasets: datasets,
            assessment: result, referenceCommands: ReferenceCommand.all(config: config, datasets: datasets, result: result))
        report.signer = SignerIdentity(key: signer.key.publicKey)
        try write(report)
        return report
    }

    /// Writes the evidence files, then the signed report and its HTML.
    func write(_ report: QualificationReport) throws {
        func put(_ name: String, _ bytes: [UInt8]) throws {
            try SecureFileWriter.replace(directory + "/" + name, bytes: bytes, mode: 0o644, overwrite: name != QualificationReport.fileName)
        }
        try put("qualification.yaml", configurationBytes)
        var sums = ""
        for d in report.datasets { sums += "\(d.sha256)  \(d.file)\n" }
        sums += "\(report.configurationSHA256)  qualification.yaml\n"
        try put("SHA256SUMS", Array(sums.utf8))
        try put("registration.json", try RegistrationMetadata(report: report).encoded())
        try put("reference-commands.sh", Array(ReferenceCommand.script(report.referenceCommands).utf8))
        let bytes = try report.encoded()
        try put(QualificationReport.signatureFileName, try signer.sign(bytes))
        try put(QualificationReport.htmlFileName, Array(QualificationHTML.render(report, reportBytes: bytes).utf8))
        try put(QualificationReport.fileName, bytes)
        SecureFileWriter.syncDirectory(of: directory + "/" + QualificationReport.fileName)
    }
}
