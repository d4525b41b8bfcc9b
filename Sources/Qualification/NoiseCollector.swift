import Capture
import Foundation
import RandomnessCore
import SP80090B

/// Captures the raw noise (SP 800-90B §3.1.1 item 1) from a capture source into
/// `data/noise.bin` with `rngcert capture`'s machinery: the continuous health tests at the
/// claimed H run on it and its manifest is written beside it.
///
/// A complete `noise.bin` of the asked size is reused (a resumed run); one of another size
/// is refused. A capture that ends early is kept as `noise.bin.incomplete…` (never deleted)
/// and the run stops with an error, so the next run captures a whole sequence afresh: the
/// sequential dataset must be consecutive samples.
public struct NoiseCollector {
    public let source: String
    public let samples: Int
    public let health: HealthTestParameters
    public let path: String
    public let tool: String

    public init(source: String, samples: Int, health: HealthTestParameters, path: String, tool: String) {
        self.source = source
        self.samples = samples
        self.health = health
        self.path = path
        self.tool = tool
    }

    public func collect(stop: StopSignal, onProgress: (@Sendable (CaptureProgress) -> Void)?) throws(CollectionError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard Int(info.st_size) == samples else {
                throw .stateMismatch(path: path, reason: "holds \(info.st_size) samples, not the \(samples) of noise.samples; move it away to capture again")
            }
            return
        }
        let spec: CaptureSourceSpec
        do { spec = try CaptureSourceSpec(parsing: source) } catch { throw .source(what: "noise capture", source: source, reason: "\(error)") }
        let configuration = CaptureConfiguration(byteLimit: samples, health: CaptureHealthSettings(parameters: health))
        let outcome: CaptureToFile.Outcome
        do {
            outcome = try CaptureToFile.run(source: spec, sourceOptions: CaptureSourceOptions(), to: path, overwrite: false,
                                            configuration: configuration, stop: stop, tool: tool, onProgress: onProgress)
        } catch {
            throw .source(what: "noise capture", source: source, reason: "\(error)")
        }
        guard outcome.result.byteCount == samples else {
            let kept = keepIncomplete()
            let reason = outcome.result.endReason.rawValue
            if outcome.result.endReason == .interrupted {
                throw .interrupted(what: "noise capture", collected: "\(outcome.result.byteCount) samples in \(kept)")
            }
            throw .source(what: "noise capture", source: source,
                          reason: "ended (\(reason)) after \(outcome.result.byteCount) of \(samples) samples; kept as \(kept)")
        }
    }

    /// Moves a short capture and its manifest out of the way under a new name.
    func keepIncomplete() -> String {
        var n = 1
        var target = path + ".incomplete"
        while FileBytes.exists(target) {
            n += 1
            target = path + ".incomplete-\(n)"
        }
        rename(path, target)
        rename(CaptureManifest.path(forCapture: path), CaptureManifest.path(forCapture: target))
        return target
    }
}
