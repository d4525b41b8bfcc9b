/// The outcome of one verification step, printed as one line:
/// `signature: ok (Ed25519, key fingerprint …)`, `data: FAILED (…)`, `rerun: skipped (…)`.
public struct VerificationCheck: Equatable, Sendable, CustomStringConvertible {
    public enum Name: String, Sendable, CaseIterable {
        /// The signing key is the trusted one (`--key` file or `--fingerprint` pin).
        case key
        /// The detached Ed25519 signature matches the report's bytes.
        case signature
        /// The SP 800-22 per-stream table beside the report has the recorded SHA-256 and length.
        case streams
        /// The data file's SHA-256 (and length) is the one recorded.
        case data
        /// Re-running the recorded assessment reproduces every recorded result.
        case rerun
        /// The report's verdict lets its bytes be served (pass, or the borderline suspect).
        case verdict
        /// The gate's record in the report is the one the delivery proof names.
        case gate
        /// Every delivered byte is in the report's Merkle tree (`rngcert fetch`/`verify --delivery`).
        case inclusion
        /// Each report names the SHA-256 of the one before it (`verify --chain`).
        case chain
    }

    public enum Status: Sendable {
        case passed, failed, skipped
    }

    public let name: Name
    public let status: Status
    /// What was checked, or precisely what disagreed.
    public let detail: String

    public init(_ name: Name, _ status: Status, _ detail: String) {
        self.name = name
        self.status = status
        self.detail = detail
    }

    public var description: String {
        switch status {
        case .passed: return "\(name.rawValue): ok (\(detail))"
        case .failed: return "\(name.rawValue): FAILED (\(detail))"
        case .skipped: return "\(name.rawValue): skipped (\(detail))"
        }
    }
}

/// All checks of one verification.
public struct VerificationOutcome: Equatable, Sendable {
    public let reportPath: String
    public let checks: [VerificationCheck]

    public init(reportPath: String, checks: [VerificationCheck]) {
        self.reportPath = reportPath
        self.checks = checks
    }

    /// True when every check that ran passed and the signature check ran.
    public var isVerified: Bool {
        !checks.contains { $0.status == .failed }
            && checks.contains { $0.name == .signature && $0.status == .passed }
            && checks.contains { $0.name == .key && $0.status == .passed }
    }

    /// The checks that failed, in order.
    public var failures: [VerificationCheck] { checks.filter { $0.status == .failed } }

    /// The closing line: `verified: DIR/report.json` or `not verified: signature, data failed`.
    public var summary: String {
        if isVerified { return "verified: \(reportPath)" }
        let names = failures.map(\.name.rawValue)
        return "not verified: \(reportPath) (" + (names.isEmpty ? "no signature check ran" : names.joined(separator: ", ") + " check failed") + ")"
    }
}
