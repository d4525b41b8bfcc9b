import Capture
import ENT
import RandomnessCore
import SP80022
import SP80090B

/// Runs the chosen suites on one input and assembles the report.
///
/// The suites are pure; this is where bytes are read, hashed and decoded. When ENT is the
/// only suite and the input is raw bytes in the default bit order, the input is streamed
/// once (SHA-256 and ENT side by side) with bounded memory, whatever its size.
public enum Assessment {
    /// Reads `source`, runs every suite in `parameters` and returns the report (unsigned).
    ///
    /// A capture manifest beside a file input (`PATH.manifest.json`) goes into
    /// `input.captureManifest` when its SHA-256 and byte count match the bytes tested. One
    /// that does not match (another capture, a `--bytes` prefix, an edited file) or cannot
    /// be read is left out and reported through `onWarning`; the assessment goes on.
    public static func run(
        source: InputSource, parameters: AssessmentParameters, jobs: Int,
        arguments: [String], tool: ToolIdentity, onWarning: (String) -> Void = { _ in }
    ) throws -> Report {
        let startedAt = Timestamp.now()
        var digest = SHA256Digest()
        let byteCount: Int
        let outcome: SuiteOutcome
        if streamsENTOnly(parameters) {
            var accumulator = ENTAccumulator()
            byteCount = try source.stream(byteLimit: parameters.byteLimit) { chunk in
                digest.update(chunk)
                accumulator.add(chunk)
            }
            outcome = SuiteOutcome(results: SuiteResults(ent: accumulator.suiteResult()), bitsPerSymbol: nil)
        } else {
            let bytes = try source.readAll(byteLimit: parameters.byteLimit)
            digest.update(bytes)
            byteCount = bytes.count
            outcome = try suites(bytes: bytes, name: source.displayName, parameters: parameters, jobs: jobs)
        }
        let sha256 = digest.hex()
        let input = InputIdentity(
            path: source.path, byteCount: byteCount, sha256: sha256,
            format: parameters.decoding.format, bitOrder: parameters.decoding.bitOrder,
            bitsPerSymbol: outcome.bitsPerSymbol,
            captureManifest: captureManifest(for: source, byteCount: byteCount, sha256: sha256, onWarning: onWarning))
        return Report(
            tool: tool, command: CommandRecord(arguments: arguments, parameters: parameters), input: input,
            host: Timestamp.hostName(), startedAt: startedAt, finishedAt: Timestamp.now(), suites: outcome.results)
    }

    /// The manifest beside a file input, if there is one and it describes these bytes.
    static func captureManifest(
        for source: InputSource, byteCount: Int, sha256: String, onWarning: (String) -> Void
    ) -> CaptureManifest? {
        guard !source.isStandardInput else { return nil }
        let path = CaptureManifest.path(forCapture: source.path)
        guard FileBytes.exists(path) else { return nil }
        do {
            let manifest = try CaptureManifest.load(path)
            guard manifest.describes(byteCount: byteCount, sha256: sha256) else {
                onWarning("\(path) describes other bytes (\(manifest.byteCount) bytes, sha256 \(manifest.sha256.prefix(16))…; "
                    + "assessed \(byteCount) bytes, sha256 \(sha256.prefix(16))…); not recorded in the report")
                return nil
            }
            return manifest
        } catch {
            onWarning("\(error); not recorded in the report")
            return nil
        }
    }

    /// What the suites produced, and the sample width SP 800-90B used (nil if it did not run).
    public struct SuiteOutcome: Sendable, Equatable {
        public var results: SuiteResults
        public var bitsPerSymbol: Int?
    }

    /// Runs every suite in `parameters` on bytes already read — also what a re-run calls.
    public static func suites(bytes: [UInt8], name: String, parameters: AssessmentParameters, jobs: Int) throws -> SuiteOutcome {
        let decoding = parameters.decoding
        var results = SuiteResults()
        let needsBits = parameters.suites.contains(.sp80022)
            || (parameters.suites.contains(.ent) && !(decoding.format == .raw && decoding.bitOrder == .msb))
        let bits = needsBits ? try InputDecoder.bits(from: bytes, options: decoding, name: name) : nil
        if parameters.suites.contains(.ent) {
            var accumulator = ENTAccumulator()
            if let bits { accumulator.add(bits.packedBytes) } else { accumulator.add(bytes) }
            results.ent = accumulator.suiteResult()
        }
        if let sp80022 = parameters.sp80022, let bits {
            results.sp80022 = try SP80022Battery.run(bits, parameters: sp80022, jobs: jobs)
        }
        var bitsPerSymbol: Int?
        if let sp80090b = parameters.sp80090b {
            let samples = try InputDecoder.samples(from: bytes, options: decoding, name: name)
            let result = try SP80090BSuite.run(samples: samples.samples, parameters: sp80090b, jobs: jobs)
            results.sp80090b = result
            bitsPerSymbol = result.bitsPerSymbol
        }
        return SuiteOutcome(results: results, bitsPerSymbol: bitsPerSymbol)
    }

    /// Whether the input can be streamed: ENT alone, on raw bytes in their own order.
    static func streamsENTOnly(_ parameters: AssessmentParameters) -> Bool {
        parameters.suites == [.ent] && parameters.decoding.format == .raw && parameters.decoding.bitOrder == .msb
    }

    /// Re-runs a recorded assessment on the data file: same parameters, fresh timestamps.
    public static func rerun(_ recorded: Report, dataPath: String, jobs: Int) throws -> Report {
        try run(
            source: InputSource(path: dataPath), parameters: recorded.command.parameters, jobs: jobs,
            arguments: recorded.command.arguments, tool: recorded.tool)
    }
}
