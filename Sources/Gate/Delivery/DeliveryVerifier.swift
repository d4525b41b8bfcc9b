import Certification
import RandomnessCore

/// Checks delivered bytes offline against the signed report of their buffer: signer key
/// (pinned fingerprint or key file), signature, verdict, the report's gate record, and
/// Merkle inclusion of every byte. The same checks run in `rngcert fetch` (before anything
/// is written) and in `rngcert verify --delivery` (later, without the network).
public enum DeliveryVerifier {
    /// The checks in order; the delivery is proved when none failed (`VerificationOutcome.isVerified`).
    public static func verify(report: SignedReportInput, bytes: [UInt8], proof: DeliveryProof, verifier: ReportVerifier,
                              bytesName: String) throws -> VerificationOutcome {
        var checks = try verifier.verify(report).checks
        let path = report.reportPath
        switch report.report.verdict {
        case .pass, .suspect:
            checks.append(VerificationCheck(.verdict, .passed, "\(report.report.verdict.rawValue)"))
        case .fail, .notApplicable:
            checks.append(VerificationCheck(.verdict, .failed, "\(path) has verdict \(report.report.verdict.rawValue); such a buffer is never served"))
        }
        guard let gate = report.report.gate else {
            checks.append(VerificationCheck(.gate, .failed, "\(path) has no gate record (not the report of a served buffer)"))
            return VerificationOutcome(reportPath: path, checks: checks)
        }
        let reportHash = Hex.sha256(report.bytes)
        if gate.bufferID != proof.bufferID {
            checks.append(VerificationCheck(.gate, .failed, "the proof is for buffer \(proof.bufferID); \(path) is the report of buffer \(gate.bufferID)"))
        } else if gate.leafSize != proof.leafSize || gate.leafCount != proof.leafCount {
            checks.append(VerificationCheck(.gate, .failed,
                "the proof's tree has \(proof.leafCount) leaves of \(proof.leafSize) bytes; the report's has \(gate.leafCount) of \(gate.leafSize)"))
        } else if reportHash != proof.reportSHA256 {
            checks.append(VerificationCheck(.gate, .failed, "sha256 of \(path) is \(reportHash); the proof names \(proof.reportSHA256)"))
        } else {
            checks.append(VerificationCheck(.gate, .passed, "buffer \(gate.bufferID), leaves \(proof.firstLeaf)-\(proof.endLeaf) of \(gate.leafCount)"))
        }
        checks.append(inclusion(bytes: bytes, proof: proof, root: gate.merkleRoot, bytesName: bytesName))
        return VerificationOutcome(reportPath: path, checks: checks)
    }

    /// The bytes and the proof's tail, hashed up the proof, give `root`.
    static func inclusion(bytes: [UInt8], proof: DeliveryProof, root: String, bytesName: String) -> VerificationCheck {
        guard bytes.count == proof.byteCount else {
            return VerificationCheck(.inclusion, .failed, "\(bytesName) has \(bytes.count) bytes; the proof covers \(proof.byteCount)")
        }
        guard let tail = Hex.decode(proof.tail), let range = proof.rangeProof, let rootBytes = Hex.decode(root) else {
            return VerificationCheck(.inclusion, .failed, "the proof's tail or hashes are not hex")
        }
        guard let computed = range.root(leafData: bytes + tail) else {
            return VerificationCheck(.inclusion, .failed,
                "the proof does not fit a tree of \(proof.leafCount) leaves (leaves \(proof.firstLeaf)-\(proof.endLeaf), \(proof.hashes.count) hashes, \(bytes.count)+\(tail.count) bytes)")
        }
        guard computed == rootBytes else {
            return VerificationCheck(.inclusion, .failed,
                "\(bytesName) with the proof gives Merkle root \(Hex.encode(computed)); the signed report's is \(root)")
        }
        return VerificationCheck(.inclusion, .passed,
            "\(bytes.count) bytes in leaves \(proof.firstLeaf)-\(proof.endLeaf) hash to the report's Merkle root \(root.prefix(16))…")
    }
}
