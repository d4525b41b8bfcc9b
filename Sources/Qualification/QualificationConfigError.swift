/// A qualification file that cannot be used, named by file, line and key, e.g.
/// `lab/qualification.yaml:7:20: noise.bits_per_sample: must be an integer from 1 to 8, got "nine"`.
public struct QualificationConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    /// 1-based line and column of the offending value or mapping, when known.
    public var line: Int?
    public var column: Int?
    /// The dotted key path, e.g. `conditioning[1].n_in`; empty for the whole document.
    public var key: String
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return key.isEmpty ? "\(place): \(message)" : "\(place): \(key): \(message)"
    }
}
