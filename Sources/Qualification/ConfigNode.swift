import Foundation
import Yams

/// A node of the parsed YAML document with its key path, read with the type and range the
/// schema asks for; every failure is a `QualificationConfigError` naming the key and line.
struct ConfigNode {
    let node: Node
    /// The dotted path, e.g. `restart.command` or `conditioning[0].n_in`.
    let path: String
    let file: String

    func error(_ message: String) -> QualificationConfigError {
        QualificationConfigError(file: file, line: node.mark?.line, column: node.mark?.column, key: path, message: message)
    }

    func child(_ key: String, _ node: Node) -> ConfigNode {
        ConfigNode(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    /// The mapping's values by key; a key outside `allowed`, a non-string key or a value
    /// that is not a mapping is an error (so a misspelt key is never silently ignored).
    func mapping(allowed: [String]) throws(QualificationConfigError) -> [String: ConfigNode] {
        guard case let .mapping(mapping) = node else { throw error("must be a mapping of \(allowed.joined(separator: ", "))") }
        var values: [String: ConfigNode] = [:]
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else { throw error("keys must be plain names") }
            let key = scalar.string
            let here = ConfigNode(node: keyNode, path: path.isEmpty ? key : "\(path).\(key)", file: file)
            guard allowed.contains(key) else {
                throw here.error("unknown key (expected one of: \(allowed.joined(separator: ", ")))")
            }
            guard values[key] == nil else { throw here.error("given twice") }
            values[key] = child(key, value)
        }
        return values
    }

    func sequence() throws(QualificationConfigError) -> [ConfigNode] {
        guard case let .sequence(sequence) = node else { throw error("must be a list") }
        return sequence.enumerated().map { ConfigNode(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    /// The scalar's text; a mapping, list or alias is an error.
    func scalarText() throws(QualificationConfigError) -> String {
        switch node {
        case let .scalar(scalar): return scalar.string
        case .alias: throw error("aliases are not supported; write the value")
        default: throw error("must be a single value")
        }
    }

    func string() throws(QualificationConfigError) -> String {
        let text = try scalarText()
        guard !text.isEmpty else { throw error("must not be empty") }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" }) else {
            throw error("must not hold control characters")
        }
        return text
    }

    func int(in range: ClosedRange<Int>) throws(QualificationConfigError) -> Int {
        let text = try scalarText()
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(value) else {
            throw error("must be an integer from \(range.lowerBound) to \(range.upperBound), got \(quoted(text))")
        }
        return value
    }

    /// A finite number with `check` true, described by `expected` in the error.
    func double(expected: String, _ check: (Double) -> Bool) throws(QualificationConfigError) -> Double {
        let text = try scalarText()
        guard let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite, check(value) else {
            throw error("must be \(expected), got \(quoted(text))")
        }
        return value
    }

    /// A probability written as a number in (0, 1) or as 2^-k.
    func probability() throws(QualificationConfigError) -> Double {
        let text = try scalarText().replacingOccurrences(of: " ", with: "")
        var value: Double?
        if text.hasPrefix("2^-"), let k = Double(text.dropFirst(3)), k.isFinite { value = exp2(-k) }
        if value == nil { value = Double(text) }
        guard let value, value.isFinite, value > 0, value < 1 else {
            throw error("must be a probability in (0, 1), as a number or 2^-k, got \(quoted(text))")
        }
        return value
    }

    func bool() throws(QualificationConfigError) -> Bool {
        switch try scalarText().lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        case let text: throw error("must be true or false, got \(quoted(text))")
        }
    }

    func quoted(_ text: String) -> String {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return "\"" + shown.unicodeScalars.map { $0.value < 0x20 || $0 == "\"" ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined() + "\""
    }
}
