import AssessmentEngine
import SP80022
import RandomnessCore

/// Re-runs the assessment a report records (same parameters, same seeds) on the data file
/// and returns the new report. `verify --rerun` takes it from the assessment runner.
public typealias ReportRerun = @Sendable (_ recorded: Report, _ dataPath: String) throws -> Report

/// Checks a signed report offline, step by step: key, signature, data, re-run.
///
/// Trust comes from outside the report: a public key file (`trustedKey`) or a fingerprint
/// (`pinnedFingerprint`) obtained out of band; at least one is required. The key embedded in
/// the report is used to check the signature only when its fingerprint is the pinned one.
public struct ReportVerifier: Sendable {
    /// A public key given by the user, and where it came from (for messages).
    public struct TrustedKey: Sendable {
        public let key: VerificationKey
        public let source: String
        public init(key: VerificationKey, source: String) {
            self.key = key
            self.source = source
        }
    }

    /// Fields that legitimately differ between a report and its re-run: when and where it
    /// ran, by which build, the command line, the data file's path, the signer, and the
    /// capture manifest (provenance read from beside the data file, which a copy of the
    /// data need not carry; it is signed with the report and names the same SHA-256). Every
    /// other field (schema, parameters, input identity, every suite result, the verdict)
    /// must agree. The gate's record (buffer id, Merkle root, chain) is checked by the
    /// gate's own verification, not by a re-run.
    public static let rerunIgnoredFields: Set<String> = [
        "tool", "host", "startedAt", "finishedAt", "command.arguments", "input.path", "signer",
        "input.captureManifest", "gate",
    ]

    public let trustedKey: TrustedKey?
    public let pinnedFingerprint: String?
    public let dataPath: String?
    public let rerun: ReportRerun?
    /// Relative tolerance for numbers in the re-run comparison; 0 means exact.
    public let tolerance: Double

    /// - Throws: `VerificationError` when there is no trust anchor, the fingerprint is not
    ///   64 hex digits, or a re-run is asked for without a data file.
    public init(
        trustedKey: TrustedKey? = nil, pinnedFingerprint: String? = nil, dataPath: String? = nil,
        rerun: ReportRerun? = nil, tolerance: Double = 0
    ) throws(VerificationError) {
        guard trustedKey != nil || pinnedFingerprint != nil else { throw .noTrustAnchor }
        if let pinnedFingerprint {
            guard let normalized = KeyFingerprint.normalize(pinnedFingerprint) else {
                throw .invalidFingerprint(pinnedFingerprint)
            }
            self.pinnedFingerprint = normalized
        } else {
            self.pinnedFingerprint = nil
        }
        if rerun != nil && dataPath == nil { throw .rerunNeedsData }
        self.trustedKey = trustedKey
        self.dataPath = dataPath
        self.rerun = rerun
        self.tolerance = tolerance
    }

    /// Runs every check, calling `onCheck` as each finishes (so slow re-runs show progress).
    ///
    /// A failed check is reported in the outcome; an input that cannot be read (data file
    /// missing) or a re-run that throws is thrown.
    public func verify(_ input: SignedReportInput, onCheck: (VerificationCheck) -> Void = { _ in }) throws -> VerificationOutcome {
        var checks: [VerificationCheck] = []
        func record(_ check: VerificationCheck) {
            checks.append(check)
            onCheck(check)
        }

        let keyCheck = checkKey(input.signed)
        record(keyCheck.check)
        record(checkSignature(input.signed, with: keyCheck.signatureKey))
        // A report whose key or signature check failed is not trusted: nothing read from it
        // (the table's name, the byte limit, the length) drives work on other files.
        let untrusted = checks.contains(where: { $0.status == .failed })
        if let table = input.report.suites.sp80022?.streamTable {
            record(untrusted ? VerificationCheck(.streams, .skipped, "an earlier check failed")
                             : try checkStreamTable(table, besides: input.reportPath))
        }
        if let dataPath {
            if checks.contains(where: { $0.status == .failed }) {
                record(VerificationCheck(.data, .skipped, "an earlier check failed"))
            } else {
                record(try checkData(input.report, dataPath: dataPath))
            }
        }
        if let rerun, let dataPath {
            if checks.contains(where: { $0.status == .failed }) {
                record(VerificationCheck(.rerun, .skipped, "an earlier check failed"))
            } else {
                record(try checkRerun(input, rerun: rerun, dataPath: dataPath))
            }
        }
        return VerificationOutcome(reportPath: input.reportPath, checks: checks)
    }

    /// Is the report's signer the trusted key? Also picks the key the signature is checked
    /// with: the trusted key file if given, else the embedded key (judged by the key check).
    public func checkKey(_ input: SignedBytes) -> (check: VerificationCheck, signatureKey: VerificationKey?) {
        let path = input.path
        let signatureKey = trustedKey?.key ?? input.embeddedKey
        guard let signer = input.signer, let embedded = input.embeddedKey else {
            return (VerificationCheck(.key, .failed, "\(path) names no signer (an unsigned report)"), signatureKey)
        }
        guard signer.fingerprint == embedded.fingerprint else {
            return (VerificationCheck(.key, .failed,
                "\(path): signer.fingerprint \(signer.fingerprint) is not the fingerprint of signer.publicKey (\(embedded.fingerprint))"),
                signatureKey)
        }
        if let trustedKey, trustedKey.key != embedded {
            return (VerificationCheck(.key, .failed,
                "\(path) names the signer key with fingerprint \(embedded.fingerprint), not \(trustedKey.source) (fingerprint \(trustedKey.key.fingerprint))"),
                signatureKey)
        }
        if let pinnedFingerprint, embedded.fingerprint != pinnedFingerprint {
            return (VerificationCheck(.key, .failed,
                "the report's signer key has fingerprint \(embedded.fingerprint), not the pinned \(pinnedFingerprint)"),
                signatureKey)
        }
        let detail: String
        switch (trustedKey, pinnedFingerprint) {
        case let (trusted?, _?):
            detail = "\(trusted.source) is the report's signer and has the pinned fingerprint \(embedded.fingerprint)"
        case let (trusted?, nil):
            detail = "\(trusted.source) is the report's signer, fingerprint \(embedded.fingerprint)"
        default:
            detail = "the report's signer key has the pinned fingerprint \(embedded.fingerprint)"
        }
        return (VerificationCheck(.key, .passed, detail), signatureKey)
    }

    /// Is the detached signature an Ed25519 signature of exactly the file's bytes by `key`?
    public func checkSignature(_ input: SignedBytes, with key: VerificationKey?) -> VerificationCheck {
        guard let key else {
            return VerificationCheck(.signature, .skipped, "no key to check it with: the report names no signer and no --key was given")
        }
        if key.isValidSignature(input.signature, for: input.bytes) {
            return VerificationCheck(.signature, .passed, "Ed25519, key fingerprint \(key.fingerprint)")
        }
        return VerificationCheck(.signature, .failed,
            "\(input.signaturePath) is not a valid Ed25519 signature of \(input.path) by the key with fingerprint \(key.fingerprint)")
    }

    /// The per-stream table named by the report, beside the report file: its SHA-256 and
    /// length must be the recorded ones. A report downloaded without it skips the check (the
    /// signed report still names the table's hash).
    func checkStreamTable(_ table: SP80022StreamTableReference, besides reportPath: String) throws -> VerificationCheck {
        let directory = reportPath.contains("/") ? String(reportPath[..<reportPath.lastIndex(of: "/")!]) : "."
        guard !table.file.contains("/"), table.file != "..", !table.file.isEmpty else {
            return VerificationCheck(.streams, .failed, "the report names the table \(table.file), not a file beside it")
        }
        let path = directory + "/" + table.file
        guard FileBytes.exists(path) else {
            return VerificationCheck(.streams, .skipped, "\(path) is not there; the report records sha256 \(table.sha256)")
        }
        // Hashed only if it is a regular file: a FIFO put there would block the read forever.
        guard FileBytes.isRegularFile(path) else {
            return VerificationCheck(.streams, .failed, "\(path): not a regular file")
        }
        var digest = SHA256Digest()
        let count = try InputSource(path: path).stream { digest.update($0) }
        let hash = digest.hex()
        guard hash == table.sha256, count == table.byteCount else {
            return VerificationCheck(.streams, .failed,
                "sha256 of \(path) (\(count) bytes) is \(hash); the report records \(table.sha256) for \(table.byteCount) bytes")
        }
        return VerificationCheck(.streams, .passed, "\(path): \(table.rows) rows, sha256 \(hash)")
    }

    /// Hashes the data file as the assessment read it: its first `byteLimit` bytes if the
    /// report recorded a limit, else all of it; compares SHA-256 and length.
    func checkData(_ report: Report, dataPath: String) throws -> VerificationCheck {
        let limit = report.command.parameters.byteLimit
        var digest = SHA256Digest()
        let count: Int
        do {
            count = try InputSource(path: dataPath).stream(byteLimit: limit) { digest.update($0) }
        } catch {
            switch error {
            case let .tooFewBytes(_, available, requested):
                return VerificationCheck(.data, .failed,
                    "\(dataPath) has \(available) bytes, fewer than the \(requested) the report tested")
            case .empty:
                return VerificationCheck(.data, .failed, "\(dataPath) is empty; the report tested \(report.input.byteCount) bytes")
            default:
                throw error
            }
        }
        let hash = digest.hex()
        let scope = limit.map { "first \($0) bytes of \(dataPath)" } ?? "\(count) bytes of \(dataPath)"
        guard hash == report.input.sha256, count == report.input.byteCount else {
            return VerificationCheck(.data, .failed,
                "sha256 of the \(scope) is \(hash); the report records \(report.input.sha256) for \(report.input.byteCount) bytes")
        }
        return VerificationCheck(.data, .passed, "sha256 \(hash), \(scope)")
    }

    /// Re-runs the assessment and compares the new report with the signed bytes, field by
    /// field (except `rerunIgnoredFields`).
    func checkRerun(_ input: SignedReportInput, rerun: ReportRerun, dataPath: String) throws -> VerificationCheck {
        let fresh: Report
        do {
            fresh = try rerun(input.report, dataPath)
        } catch {
            throw VerificationError.rerunFailed(reason: "\(error)")
        }
        let recordedTree: JSONTree
        let freshTree: JSONTree
        do {
            recordedTree = try JSONTree.parse(input.bytes)
            freshTree = try JSONTree.parse(ReportCoding.encode(fresh))
        } catch {
            throw VerificationError.rerunUnreadable(reason: "\(error)")
        }
        let differences = JSONTreeDifference.between(
            recordedTree, freshTree, ignoring: Self.rerunIgnoredFields, tolerance: tolerance, limit: 1000)
        let versionNote = fresh.tool.version == input.report.tool.version
            ? "" : "; recorded by rngcert \(input.report.tool.version), re-run by \(fresh.tool.version)"
        guard let first = differences.first else {
            let suites = input.report.command.parameters.suites.map(\.rawValue).joined(separator: ", ")
            let agreement = tolerance > 0 ? "within relative tolerance \(tolerance)" : "exactly"
            return VerificationCheck(.rerun, .passed,
                "re-ran \(suites.isEmpty ? "no suites" : suites) on \(dataPath); every recorded result agrees \(agreement)\(versionNote)")
        }
        let more = differences.count > 1
            ? " (first of \(differences.count >= 1000 ? "at least 1000" : "\(differences.count)") differences)" : ""
        return VerificationCheck(.rerun, .failed, "\(first)\(more)\(versionNote)")
    }
}
