/// Why collecting a dataset stopped. What was collected before stays on disk and a new run
/// with the same configuration and output folder goes on from there.
public enum CollectionError: Error, CustomStringConvertible, Equatable, Sendable {
    case hookFailed(restart: Int, command: String, reason: String)
    case source(what: String, source: String, reason: String)
    /// A sample with bits above bits_per_sample; `offset` is the byte offset in what was read.
    case sampleTooWide(what: String, offset: Int, value: UInt8, bitsPerSample: Int)
    /// The output folder holds a collection made with other settings.
    case stateMismatch(path: String, reason: String)
    case file(path: String, reason: String)
    case interrupted(what: String, collected: String)

    public var description: String {
        switch self {
        case let .hookFailed(restart, command, reason):
            "restart \(restart): restart command '\(command)' \(reason); restarts before it are kept, run qualify again to go on"
        case let .source(what, source, reason):
            "\(what): source \(source): \(reason)"
        case let .sampleTooWide(what, offset, value, bits):
            "\(what), byte \(offset): sample value \(value) does not fit bits_per_sample = \(bits)"
        case let .stateMismatch(path, reason):
            "\(path): \(reason)"
        case let .file(path, reason):
            "\(path): \(reason)"
        case let .interrupted(what, collected):
            "\(what) interrupted; \(collected) kept, run qualify again to go on"
        }
    }
}
