/// One place where two JSON trees disagree, named by its path from the root
/// (`suites.sp800-22.streams[3].pValues[7]`).
public struct JSONTreeDifference: Equatable, Sendable, CustomStringConvertible {
    public let path: String
    /// The left (recorded) side, summarised; "absent" when the field is missing there.
    public let left: String
    /// The right (re-run) side, summarised; "absent" when the field is missing there.
    public let right: String

    public var description: String { "\(path.isEmpty ? "(top level)" : path): \(left) ≠ \(right)" }

    /// The differences between `left` and `right` in document order (depth first, object
    /// fields in the left document's order, then fields only the right one has), at most
    /// `limit` of them.
    ///
    /// Fields whose path is in `ignoring` are skipped. Numbers are equal when written alike,
    /// when they are the same Double, or, with `tolerance` > 0, when
    /// |a − b| ≤ tolerance · max(1, |a|, |b|); integers of more than 15 digits must be
    /// written alike.
    public static func between(
        _ left: JSONTree, _ right: JSONTree, ignoring: Set<String> = [], tolerance: Double = 0, limit: Int = 1
    ) -> [JSONTreeDifference] {
        var walker = Walker(ignoring: ignoring, tolerance: tolerance, limit: limit)
        walker.compare(left, right, path: "")
        return walker.found
    }

    private struct Walker {
        let ignoring: Set<String>
        let tolerance: Double
        let limit: Int
        var found: [JSONTreeDifference] = []

        var isFull: Bool { found.count >= limit }

        mutating func compare(_ a: JSONTree, _ b: JSONTree, path: String) {
            guard !isFull, !ignoring.contains(path) else { return }
            switch (a, b) {
            case let (.object(x), .object(y)):
                var right: [String: JSONTree] = [:]
                for member in y { right[member.key] = member.value }
                var seen = Set<String>()
                for member in x {
                    seen.insert(member.key)
                    let child = path.isEmpty ? member.key : path + "." + member.key
                    if let other = right[member.key] {
                        compare(member.value, other, path: child)
                    } else if !ignoring.contains(child), !isFull {
                        found.append(JSONTreeDifference(path: child, left: member.value.summary, right: "absent"))
                    }
                }
                for member in y where !seen.contains(member.key) {
                    let child = path.isEmpty ? member.key : path + "." + member.key
                    if !ignoring.contains(child), !isFull {
                        found.append(JSONTreeDifference(path: child, left: "absent", right: member.value.summary))
                    }
                }
            case let (.array(x), .array(y)):
                for i in 0..<min(x.count, y.count) { compare(x[i], y[i], path: path + "[\(i)]") }
                if x.count != y.count, !isFull {
                    found.append(JSONTreeDifference(path: path, left: "\(x.count) elements", right: "\(y.count) elements"))
                }
            case let (.number(x), .number(y)):
                if !numbersAgree(x, y) { found.append(JSONTreeDifference(path: path, left: x, right: y)) }
            default:
                if a != b { found.append(JSONTreeDifference(path: path, left: a.summary, right: b.summary)) }
            }
        }

        func numbersAgree(_ x: String, _ y: String) -> Bool {
            if x == y { return true }
            // Integers too long for a Double's 53 bits (seeds, counts) compare as written.
            func isLongInteger(_ s: String) -> Bool {
                !s.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) && s.filter(\.isNumber).count > 15
            }
            if isLongInteger(x) || isLongInteger(y) { return false }
            guard let a = Double(x), let b = Double(y) else { return false }
            if a == b { return true } // e.g. "1e-07" and "1.0e-7"
            guard tolerance > 0 else { return false }
            return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
        }
    }
}
