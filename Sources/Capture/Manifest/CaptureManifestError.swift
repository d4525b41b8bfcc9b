/// Why a manifest could not be read.
public enum CaptureManifestError: Error, CustomStringConvertible, Equatable, Sendable {
    case unreadable(path: String, reason: String)
    case malformed(path: String, reason: String)
    case unknownSchemaVersion(path: String, version: Int)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "\(path): cannot read capture manifest: \(reason)"
        case let .malformed(path, reason): "\(path): not a valid capture manifest: \(reason)"
        case let .unknownSchemaVersion(path, version):
            "\(path): unknown capture manifest schemaVersion \(version) (this rngcert reads version \(CaptureManifest.currentSchemaVersion))"
        }
    }
}
