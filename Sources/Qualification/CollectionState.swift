import Foundation
import RandomnessCore

/// What a collection in an output folder was made with (`data/collection.json`): a run that
/// resumes it must use the same sources, restart command and sample width, or the rows
/// already collected would be mixed with rows of another device or procedure.
public struct CollectionState: Codable, Sendable, Equatable {
    public var noiseSource: String?
    public var restartSource: String?
    public var restartCommand: String?
    public var bitsPerSample: Int

    public init(config: QualificationConfig) {
        if case let .source(s) = config.noise.origin { noiseSource = s }
        if case let .source(s) = config.restart.origin {
            restartSource = s
            restartCommand = config.restart.command
        }
        bitsPerSample = config.noise.bitsPerSample
    }

    /// Writes the state at `path`, or checks it against the one already there.
    public func record(at path: String) throws(CollectionError) {
        if FileBytes.exists(path) {
            let recorded: CollectionState
            do {
                recorded = try JSONDecoder().decode(CollectionState.self, from: Data(try FileBytes.read(path, limit: 1 << 20)))
            } catch {
                throw .stateMismatch(path: path, reason: "unreadable collection state (\(error)); move the folder away to start afresh")
            }
            guard recorded == self else {
                throw .stateMismatch(path: path, reason: "this folder holds data collected with another source, restart command or bits_per_sample; use another --out, or restore the configuration it was made with")
            }
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try SecureFileWriter.replace(path, bytes: Array(try encoder.encode(self)) + [0x0a], mode: 0o644, overwrite: false)
        } catch {
            throw .file(path: path, reason: "\(error)")
        }
    }
}
