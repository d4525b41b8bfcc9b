import Certification

/// The version printed by `--version` and recorded in reports.
enum ToolVersion {
    static let version = "0.1.0"

    /// Build configuration, as recorded in reports.
    static var build: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    static var identity: ToolIdentity { ToolIdentity(version: version, build: build) }
}
