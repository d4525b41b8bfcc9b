import RandomnessCore

/// Why partial results cannot be merged into a report; each says which part (or the data
/// file) and what is wrong, on one line. Exit code 2.
public enum MergeError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    /// The parts do not belong together (other input, parameters, tool or shard count).
    case mismatch(path: String, reason: String)
    case duplicateShard(index: Int, count: Int, first: String, second: String)
    case missingShards([Int], count: Int)
    /// `--data` is not the input the parts were computed from.
    case dataMismatch(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(TerminalText.escaped(path)): cannot read partial result: \(reason)"
        case let .mismatch(path, reason):
            return "\(TerminalText.escaped(path)): does not belong with the other parts: \(reason)"
        case let .duplicateShard(index, count, first, second):
            return "shard \(index)/\(count) given twice: \(TerminalText.escaped(first)) and \(TerminalText.escaped(second))"
        case let .missingShards(indices, count):
            let shown = indices.prefix(10).map { "\($0)/\(count)" }.joined(separator: ", ")
            return "missing shard\(indices.count == 1 ? "" : "s") \(shown)\(indices.count > 10 ? " and \(indices.count - 10) more" : "")"
        case let .dataMismatch(path, reason):
            return "\(TerminalText.escaped(path)): not the input these parts were computed from: \(reason)"
        }
    }
}
