import Certification
import Foundation
import Logging
import RandomnessCore

/// Brings the spool in line with the ledger when the gate starts (after a stop or a crash).
///
/// - A buffer still `capturing` whose signed report reached pool/ or quarantine/ (the gate
///   stopped between the rename and the ledger's update) is recorded as its directory says,
///   with the report's Merkle root and SHA-256 — so the chain goes on from it.
/// - Any other `capturing` buffer was never tested: its incoming/ directory is removed and
///   it is recorded as discarded. Nothing untested is ever served.
/// - An `exhausted` buffer's data file is removed (every leaf was granted).
public enum SpoolRecovery {
    public static func recover(spool: Spool, ledger: Ledger, logger: Logger) throws {
        try spool.create()
        for buffer in try ledger.buffers() {
            switch buffer.state {
            case .capturing:
                if let finished = try filed(buffer.id, spool: spool) {
                    try ledger.finishBuffer(buffer.id, state: finished.state, byteCount: finished.byteCount,
                                            leafCount: finished.gate.leafCount, merkleRoot: finished.gate.merkleRoot,
                                            reportSHA256: finished.reportSHA256, reason: finished.state == .quarantined ? "recovered from quarantine/" : nil)
                    logger.notice("buffer recovered", metadata: ["buffer": "\(buffer.id)", "state": "\(finished.state.rawValue)"])
                } else {
                    spool.remove(spool.incoming(buffer.id))
                    try ledger.finishBuffer(buffer.id, state: .discarded, byteCount: 0, leafCount: 0, merkleRoot: nil,
                                            reportSHA256: nil, reason: "the gate stopped before the buffer was tested")
                    logger.notice("untested buffer discarded", metadata: ["buffer": "\(buffer.id)"])
                }
            case .exhausted:
                SecureFileWriter.remove(spool.pool(buffer.id) + "/" + Spool.dataFileName)
            case .passed, .quarantined, .discarded:
                break
            }
        }
        // incoming/ directories the ledger does not know (created, then the ledger write
        // failed) are never served either.
        if let names = try? FileManager.default.contentsOfDirectory(atPath: spool.root + "/incoming") {
            for name in names { spool.remove(spool.root + "/incoming/" + name) }
        }
    }

    /// A buffer whose signed report is in pool/ or quarantine/.
    static func filed(_ id: Int, spool: Spool) throws -> (state: BufferState, gate: GateRecord, reportSHA256: String, byteCount: Int)? {
        for (directory, state) in [(spool.pool(id), BufferState.passed), (spool.quarantine(id), .quarantined)] {
            let path = directory + "/" + ReportSigner.reportFileName
            guard FileBytes.isRegularFile(path), FileBytes.isRegularFile(path + ".sig") else { continue }
            let bytes = try FileBytes.read(path)
            let report = try ReportCoding.decodeCanonical(bytes, path: path)
            guard let gate = report.gate, gate.bufferID == id else {
                throw GateError.buffer(id: id, reason: "\(path) is not the report of buffer \(id)")
            }
            return (state, gate, Hex.sha256(bytes), report.input.byteCount)
        }
        return nil
    }
}
