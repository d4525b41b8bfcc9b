/// The version printed by `--version` and recorded in reports.
enum ToolVersion {
    static let version = "0.1.0"
}
