import RandomnessCore

/// Why a capture or a simulation could not start, or could not publish its file: bad
/// parameters, an unopenable source, an output that exists. Nothing was captured, or (for
/// `.cannotPublish`) the bytes are kept at the temporary path named.
public enum CaptureError: Error, CustomStringConvertible, Equatable, Sendable {
    case invalidSource(String, reason: String)
    case invalidParameter(name: String, value: String, reason: String)
    case source(CaptureSourceError)
    case output(FileWriteError)
    /// The capture ran but its file could not be given its name; the bytes are at `keptAt`.
    case cannotPublish(FileWriteError, keptAt: String)
    /// The capture file is published but its manifest could not be written.
    case manifestNotWritten(FileWriteError, capture: String, byteCount: Int, sha256: String)

    public var description: String {
        switch self {
        case let .invalidSource(text, reason): "invalid source '\(text)': \(reason)"
        case let .invalidParameter(name, value, reason): "invalid value '\(value)' for \(name): \(reason)"
        case let .source(error): error.description
        case let .output(error): error.description
        case let .cannotPublish(error, keptAt): "\(error); the captured bytes are kept in \(keptAt)"
        case let .manifestNotWritten(error, capture, byteCount, sha256):
            "\(capture) is published (\(byteCount) bytes, sha256 \(sha256)) but its manifest could not be written: \(error)"
        }
    }
}
