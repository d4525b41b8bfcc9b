import AssessmentEngine
import Capture
import Certification
import Foundation
import Gate
import Logging
import RandomnessCore
import SP80090B

/// A spool in a temporary directory, filled by the real pipeline from a file source of
/// seeded pseudo-random bytes (Xoshiro256**), optionally followed by a faulty stretch.
final class GateFixture: Sendable {
    let directory: String
    let spool: Spool
    let ledger: Ledger
    let key = SigningKey.generate()
    let status = GateStatus()
    let bufferSize: Int

    static let logger: Logger = {
        var logger = Logger(label: "rngcert.gate.tests")
        logger.logLevel = .error
        return logger
    }()

    /// `good` buffers of seeded bytes, then `constant` buffers of one repeated byte (which
    /// the health tests and ENT reject), then `tail` extra bytes (a short buffer, discarded).
    init(good: Int, constant: Int = 0, tail: Int = 0, bufferSize: Int = 64 << 10, seed: UInt64 = 1) throws {
        directory = NSTemporaryDirectory() + "rngcert-gate-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.bufferSize = bufferSize
        var generator = Xoshiro256StarStar(seed: seed)
        var bytes = [UInt8](repeating: 0, count: good * bufferSize)
        for i in stride(from: 0, to: bytes.count, by: 8) {
            withUnsafeBytes(of: generator.next().littleEndian) { word in
                for j in 0..<8 { bytes[i + j] = word[j] }
            }
        }
        bytes += [UInt8](repeating: 0x5a, count: constant * bufferSize)
        bytes += [UInt8](repeating: 0x11, count: tail)
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/source.bin"))
        spool = Spool(root: directory + "/spool")
        try spool.create()
        ledger = try Ledger(path: spool.ledgerPath)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    var sourcePath: String { directory + "/source.bin" }

    func settings() throws -> GateSettings {
        let health = CaptureHealthSettings(
            parameters: try HealthTestParameters(minEntropy: 8, bitsPerSymbol: 8, falsePositiveProbability: 0x1p-40),
            sampleUnit: .byte, onAlarm: .continue)
        return GateSettings(bufferSize: bufferSize, parameters: AssessmentParameters(suites: [.ent]), health: health, jobs: 2,
                            tool: ToolIdentity(version: "test", build: "test"), arguments: ["serve", "--test"])
    }

    func pipeline() throws -> BufferPipeline {
        try BufferPipeline(source: .path(sourcePath), spool: spool, ledger: ledger, signer: ReportSigner(key: key),
                           settings: settings(), status: status, logger: Self.logger)
    }

    /// Runs the pipeline until the file source ends.
    func fill() throws {
        try pipeline().run(stop: StopSignal())
    }

    var dispenser: Dispenser { Dispenser(spool: spool, ledger: ledger) }

    /// The signed report of buffer `id`, as a verifier reads it.
    func report(_ id: Int) throws -> SignedReportInput {
        guard let directory = spool.reportDirectory(id) else { throw GateError.buffer(id: id, reason: "no report") }
        return try SignedReportInput.load(reportPath: directory + "/report.json")
    }
}
