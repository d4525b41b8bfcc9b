import AssessmentEngine
import RandomnessCore
import SP80090B

/// The restart dataset of `assess --restart-data FILE` (SP 800-90B §3.1.4): read and hashed
/// when the parameters are made, read again and checked against that hash when the restart
/// tests run (also in a re-run), then handed to `SP80090BSuite.addRestartTests`.
public enum RestartDataset {
    /// The largest restart file read: far above the 1,000 × 1,000 samples the tests take
    /// (`RestartMatrix` refuses any other size with its reason).
    static let readLimit = 64 << 20

    /// Why the restart dataset could not be used; names the file. Exit code 2.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// Reads `path` and returns its reference (size and SHA-256) for the parameters.
    public static func reference(path: String) throws -> RestartDataReference {
        let bytes = try read(path)
        return RestartDataReference(path: path, byteCount: bytes.count, sha256: SHA256Digest.hex(of: bytes))
    }

    /// Runs the restart tests on the referenced file when the parameters name one (shard 1 of
    /// a sharded run does it too, so the merged report has them).
    public static func apply(to result: inout SP80090BSuiteResult?, parameters: AssessmentParameters, jobs: Int) throws {
        guard var suite = result, let reference = parameters.sp80090b?.restartData else { return }
        let bytes = try read(reference.path)
        let sha256 = SHA256Digest.hex(of: bytes)
        guard sha256 == reference.sha256 else {
            throw Failure(description: "--restart-data \(TerminalText.escaped(reference.path)): its SHA-256 is \(sha256), not the recorded \(reference.sha256) (another file)")
        }
        do {
            try SP80090BSuite.addRestartTests(to: &suite, rowDataset: bytes, jobs: jobs)
        } catch {
            throw Failure(description: "--restart-data \(TerminalText.escaped(reference.path)): \(error)")
        }
        result = suite
    }

    static func read(_ path: String) throws -> [UInt8] {
        do {
            return try FileBytes.read(path, limit: readLimit)
        } catch {
            throw Failure(description: "--restart-data \(TerminalText.escaped(path)): cannot read: \(error.reason)")
        }
    }
}
