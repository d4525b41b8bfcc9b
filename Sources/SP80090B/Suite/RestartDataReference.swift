/// The restart dataset an assessment runs the restart tests on (`assess --restart-data FILE`):
/// the path as given and the file's size and SHA-256, so a report names exactly the bytes and
/// a re-run refuses another file.
public struct RestartDataReference: Codable, Sendable, Equatable {
    public var path: String
    public var byteCount: Int
    /// Lowercase hex.
    public var sha256: String

    public init(path: String, byteCount: Int, sha256: String) {
        self.path = path
        self.byteCount = byteCount
        self.sha256 = sha256
    }
}
