import ArgumentParser
import Capture
import Foundation
import RandomnessCore
import SP80090B
#if canImport(Glibc)
import Glibc
#endif

extension AlarmPolicy: ExpressibleByArgument {}
extension HealthSampleUnit: ExpressibleByArgument {}
extension HTTPBodyFormat.JSONByteEncoding: ExpressibleByArgument {}

/// `rngcert capture`: record bytes from a source to a file, with continuous health tests,
/// an atomic write and a manifest.
///
/// Exit codes: 0 the capture is complete (and, under `--on-alarm mark`, no alarm was
/// raised); 1 it ended incomplete — interrupted (SIGINT, SIGTERM, SIGHUP, SIGQUIT), a source that kept
/// failing or ended early, a health alarm under `--on-alarm stop`, a write failure — or it
/// was marked by an alarm; the bytes captured are kept and the manifest says why. 2 bad
/// usage, a source that cannot be opened, or an output that exists (without --force);
/// nothing was captured.
struct CaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Capture bytes from a file, device, pipe, stdin, TCP stream or HTTP endpoint, with continuous health tests.",
        discussion: """
        Writes the bytes to --out atomically (a temporary file in the same directory, \
        flushed, then renamed) and FILE.manifest.json beside it: source, start and end \
        (UTC), byte count, SHA-256, chunks, errors and retries, and the health tests' \
        alarms. Ctrl-C (SIGINT), SIGTERM, SIGHUP or SIGQUIT stops cleanly: the bytes so \
        far are kept and the manifest marks the capture incomplete. A closed standard \
        error only stops the progress display.

        Sources: a path (file, character device such as /dev/hwrng, named pipe), '-' for \
        standard input, tcp://HOST:PORT, or an http(s):// URL fetched repeatedly (raw body, \
        or a JSON field with --json-field). Devices and URLs need --bytes.

        Health tests (SP 800-90B §4.4): the Repetition Count and Adaptive Proportion tests \
        run on every sample as it arrives, with cutoffs from --claimed-entropy, \
        --bits-per-symbol and --alpha. The first \(CaptureHealthSettings.defaultAlarmLimit) \
        alarms are listed in the manifest with their offsets; all are counted.

        Exit codes: 0 complete; 1 incomplete (interrupted, source failed or ended early, \
        stopped by a health alarm, write failed) or marked by an alarm under --on-alarm \
        mark, with the bytes kept; 2 bad usage, unopenable source or existing output.

        Examples:
          rngcert capture --source /dev/hwrng --bytes 64M --out hwrng.bin
          rngcert capture --source tcp://10.0.0.5:4000 --bytes 1G --out stream.bin --on-alarm stop
          rngcert capture --source https://qrng.example/api/bytes --header "X-API-Key: $KEY" \\
              --json-field data --json-encoding hex --bytes 1M --out qrng.bin
        """
    )

    @Option(help: ArgumentHelp("Path, '-', tcp://HOST:PORT or http(s)://URL.", valueName: "source"))
    var source: String

    @Option(help: ArgumentHelp("Capture file to write (its manifest goes to FILE.manifest.json).", valueName: "file"))
    var out: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Bytes to capture; K, M, G mean 2^10, 2^20, 2^30. Default: to the end of the source (files, pipes, stdin, TCP).", valueName: "n"))
    var bytes: String?

    @Flag(help: "Replace an existing capture file and manifest.")
    var force = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Longest wait in seconds for data, a connection or an HTTP response, 0.001…86400 (default 30).", valueName: "seconds"))
    var timeout: Double = 30

    @Option(parsing: .unconditional, help: ArgumentHelp("Retries after consecutive failures before giving up, 0…10000 (default 5).", valueName: "n"))
    var retries: Int = 5

    @Option(name: .customLong("retry-delay"), parsing: .unconditional, help: ArgumentHelp("Wait before the first retry, 0…3600 s, doubling for each further one up to 30 s (default 0.5).", valueName: "seconds"))
    var retryDelay: Double = 0.5

    @Option(name: .customLong("header"), help: ArgumentHelp("HTTP request header 'Name: value' (repeatable), e.g. an API key. Values are never recorded.", valueName: "header"))
    var headers: [String] = []

    @Option(name: .customLong("json-field"), help: ArgumentHelp("HTTP responses are JSON; take the bytes from this field (dotted path, e.g. data or result.random.data).", valueName: "path"))
    var jsonField: String?

    @Option(name: .customLong("json-encoding"), help: ArgumentHelp("How the JSON field encodes bytes when it is a string: base64 or hex (default base64). An array of integers 0…255 is read as bytes.", valueName: "encoding"))
    var jsonEncoding: HTTPBodyFormat.JSONByteEncoding = .base64

    @Option(name: .customLong("claimed-entropy"), parsing: .unconditional, help: ArgumentHelp("Claimed min-entropy H per sample for the health tests' cutoffs (default: bits per symbol, i.e. full entropy).", valueName: "H"))
    var claimedEntropy: Double?

    @Option(name: .customLong("bits-per-symbol"), parsing: .unconditional, help: ArgumentHelp("Bits per sample, 1…8 (default 8; 1 with --samples bit).", valueName: "n"))
    var bitsPerSymbol: Int?

    @Option(help: ArgumentHelp("What one health-test sample is: byte (default) or bit (each byte's bits, most significant first).", valueName: "unit"))
    var samples: HealthSampleUnit = .byte

    @Option(parsing: .unconditional, help: ArgumentHelp("False-positive probability α of each health test, as 2^-N or a number (default 2^-40).", valueName: "alpha"))
    var alpha: String = "2^-40"

    @Option(name: .customLong("on-alarm"), help: ArgumentHelp("On a health alarm: stop (end the capture there), continue (record it), mark (record it and exit 1). Default continue.", valueName: "action"))
    var onAlarm: AlarmPolicy = .continue

    @Flag(help: "No progress display.")
    var quiet = false

    @Option(name: .customLong("progress-interval"), parsing: .unconditional, help: ArgumentHelp("Seconds between progress lines when standard error is not a terminal, 0.001…86400 (default 5).", valueName: "seconds"))
    var progressInterval: Double = 5

    func validate() throws {
        if let bytes { do { _ = try ByteCount.parse(bytes, parameter: "--bytes") } catch { throw ValidationError(error.description) } }
        try OptionChecks.rethrow {
            try CaptureSourceOptions(timeout: timeout).validate()
            try RetryPolicy(maxRetries: retries, initialDelay: retryDelay).validate()
        }
        guard CaptureSourceOptions.timeoutRange.contains(progressInterval) else {
            throw ValidationError("--progress-interval \(progressInterval): must be between \(CaptureSourceOptions.timeoutRange.lowerBound) and \(Int(CaptureSourceOptions.timeoutRange.upperBound)) seconds")
        }
        if let bitsPerSymbol {
            guard (1...8).contains(bitsPerSymbol) else { throw ValidationError("--bits-per-symbol must be between 1 and 8 (got \(bitsPerSymbol))") }
            if samples == .bit && bitsPerSymbol != 1 { throw ValidationError("--samples bit means 1 bit per symbol (got --bits-per-symbol \(bitsPerSymbol))") }
        }
        _ = try parsedAlpha()
        do { _ = try healthParameters() } catch let error as HealthTestError {
            switch error {
            case .minEntropyOutOfRange:
                throw ValidationError("--claimed-entropy \(claimedEntropy.map { "\($0)" } ?? ""): \(error)")
            case .cutoffOutOfRange, .falsePositiveProbabilityOutOfRange:
                throw ValidationError("--alpha '\(alpha)': too large: \(error) (α ≤ 0.5 always works)")
            default:
                throw ValidationError("\(error)")
            }
        }
        do { _ = try CaptureSourceSpec(parsing: source) } catch { throw ValidationError("--source: \(error.description)") }
        if out.isEmpty || out.hasSuffix("/") { throw ValidationError("--out needs a file name, e.g. --out capture.bin") }
    }

    /// α from "2^-N" or a decimal number, strictly between 0 and 1.
    func parsedAlpha() throws -> Double {
        let text = alpha.replacingOccurrences(of: " ", with: "")
        var value: Double?
        if text.hasPrefix("2^") { value = Double(text.dropFirst(2)).map { exp2($0) } } else { value = Double(text) }
        guard let value, value > 0, value < 1 else {
            throw ValidationError("--alpha must be a probability strictly between 0 and 1, as 2^-N or a number (got '\(alpha)')")
        }
        return value
    }

    func healthParameters() throws -> HealthTestParameters {
        let bits = bitsPerSymbol ?? (samples == .bit ? 1 : 8)
        return try HealthTestParameters(minEntropy: claimedEntropy ?? Double(bits), bitsPerSymbol: bits,
                                        falsePositiveProbability: try parsedAlpha())
    }

    func run() throws {
        // The health tests gather each 64 KiB block's alarms in arrays of up to a few hundred
        // KiB; on a constant source they are made and freed thousands of times a second, which
        // the start-up threshold of 64 KiB (tuned for SP 800-22) turns into mmap/munmap calls.
        MemoryTuning.setMmapThreshold(32 << 20)
        // A closed standard output or error (a pipe whose reader went away) must not kill a
        // capture, nor the process after it: writes fail with EPIPE and are let go.
        signal(SIGPIPE, SIG_IGN)
        // Under a file-size limit (ulimit -f), a write past it fails (EFBIG, recorded as a
        // write failure with the bytes so far kept) instead of killing the process.
        signal(SIGXFSZ, SIG_IGN)
        let spec = try CaptureSourceSpec(parsing: source)
        let byteLimit = try bytes.map { try ByteCount.parse($0, parameter: "--bytes") }
        let format: HTTPBodyFormat = jsonField.map { .json(field: $0, encoding: jsonEncoding) } ?? .raw
        let sourceOptions = CaptureSourceOptions(timeout: timeout, headers: try headers.map { try HTTPHeader(parsing: $0) }, bodyFormat: format)
        let health = CaptureHealthSettings(parameters: try healthParameters(), sampleUnit: samples, onAlarm: onAlarm)
        let display = CaptureProgressDisplay(quiet: quiet, interval: progressInterval)
        let configuration = CaptureConfiguration(
            byteLimit: byteLimit, health: health,
            retry: RetryPolicy(maxRetries: retries, initialDelay: retryDelay, maxDelay: max(30, retryDelay)),
            progressInterval: display.reportInterval)

        let stop = StopSignal()
        let outcome: CaptureToFile.Outcome
        do {
            outcome = try withExtendedLifetime(SignalStopHandler(stop: stop)) {
                try CaptureToFile.run(
                    source: spec, sourceOptions: sourceOptions, to: out, overwrite: force, configuration: configuration,
                    stop: stop, tool: "rngcert \(ToolVersion.version)", onProgress: display.show)
            }
        } catch CaptureError.cannotPublish(let error, let keptAt) {
            // The bytes were captured but could not take their name: a failed capture, not bad usage.
            RNGCert.writeError("rngcert: capture incomplete: \(error); the captured bytes are kept in \(keptAt)")
            throw ExitCode(1)
        } catch let error as CaptureError {
            // The bytes are published; only their record is missing: a failed capture, not bad usage.
            guard case .manifestNotWritten = error else { throw error }
            RNGCert.writeError("rngcert: capture incomplete: \(error)")
            throw ExitCode(1)
        }
        print(Self.summary(outcome))
        let manifest = outcome.manifest
        if !manifest.complete || manifest.flagged {
            RNGCert.writeError("rngcert: capture " + Self.problem(manifest))
            throw ExitCode(1)
        }
    }

    /// What went wrong, for standard error.
    static func problem(_ m: CaptureManifest) -> String {
        let kept = "\(m.byteCount)" + (m.requestedBytes.map { " of \($0)" } ?? "") + " bytes kept"
        let lastError = m.errors.last.map { ": \($0.message)" } ?? ""
        switch m.endReason {
        case .complete: return "marked: \(m.health.alarmCount) health alarm(s) under --on-alarm mark"
        case .interrupted: return "interrupted by \(m.signal ?? "a stop request") (\(kept))"
        case .sourceEnded: return "incomplete: the source ended early (\(kept))"
        case .sourceFailed: return "incomplete: the source failed after \(m.retries) retr\(m.retries == 1 ? "y" : "ies") (\(kept))\(lastError)"
        case .healthAlarm:
            let first = m.health.alarms.first.map { " (\($0.test.rawValue) at sample \($0.offset))" } ?? ""
            return "stopped by a health alarm\(first) (\(kept))"
        case .writeFailed: return "incomplete: writing the file failed (\(kept))\(lastError)"
        }
    }

    /// What the capture did, for standard output.
    static func summary(_ outcome: CaptureToFile.Outcome) -> String {
        let m = outcome.manifest, r = outcome.result, h = m.health
        let state = m.complete ? "complete" : "INCOMPLETE (\(m.endReason.rawValue)\(m.signal.map { ", \($0)" } ?? ""))"
        var lines = [
            "captured \(m.byteCount) bytes (\(ByteFormat.size(m.byteCount))) from \(TerminalText.escaped(m.source.location)) in \(String(format: "%.2f", r.seconds)) s (\(ByteFormat.rate(r.rate))): \(state)",
            "sha256 \(m.sha256)",
        ]
        let p = h.parameters
        var health = "health: \(h.alarmCount) alarm\(h.alarmCount == 1 ? "" : "s") in \(h.samplesTested) \(h.sampleUnit.rawValue) samples"
        health += " (repetition count \(h.repetitionCountAlarms), adaptive proportion \(h.adaptiveProportionAlarms);"
        health += " H = \(p.minEntropy), α = \(HealthTestParameters.alphaText(p.falsePositiveProbability)), RCT C = \(p.repetitionCountCutoff), APT W = \(p.adaptiveProportionWindow) C = \(p.adaptiveProportionCutoff))"
        if h.alarmCount > 0, let first = h.alarms.first { health += "; first at sample \(first.offset)" }
        lines.append(health)
        if m.errorCount > 0 { lines.append("errors: \(m.errorCount), retries: \(m.retries)") }
        lines.append("file: \(TerminalText.escaped(outcome.path))")
        lines.append("manifest: \(TerminalText.escaped(outcome.manifestPath))")
        return lines.joined(separator: "\n")
    }
}
