/// One labelled figure in a definition list or two-column table.
public struct KeyValueRow: Sendable, Equatable {
    public let label: String
    public let value: String
    /// Shown in a monospaced face (hashes, paths, command lines).
    public let code: Bool
    /// An optional explanation shown under or beside the value.
    public let note: String?

    public init(_ label: String, _ value: String, code: Bool = false, note: String? = nil) {
        self.label = label
        self.value = value
        self.code = code
        self.note = note
    }
}
