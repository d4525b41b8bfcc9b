/// A JSON document as a tree that keeps each number's literal text, so two documents can be
/// compared exactly (no rounding through Double, no loss above 2^53) and differences shown
/// as written.
public indirect enum JSONTree: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number as written, e.g. "0.51" or "1e-07".
    case number(String)
    case string(String)
    case array([JSONTree])
    /// Members in document order.
    case object([Member])

    public struct Member: Equatable, Sendable {
        public let key: String
        public let value: JSONTree
        public init(key: String, value: JSONTree) {
            self.key = key
            self.value = value
        }
    }

    /// Parses UTF-8 JSON text (RFC 8259).
    public static func parse(_ bytes: [UInt8]) throws(JSONTreeError) -> JSONTree {
        var parser = Parser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// The path of the first object member whose key occurs earlier in the same object
    /// (`input.sha256`, `suites.sp80022.tests[2].name`), in document order; nil if none.
    public func firstDuplicateKey() -> String? {
        func walk(_ node: JSONTree, _ path: String) -> String? {
            switch node {
            case let .object(members):
                var seen = Set<String>()
                for member in members {
                    let memberPath = path.isEmpty ? member.key : path + "." + member.key
                    if !seen.insert(member.key).inserted { return memberPath }
                    if let found = walk(member.value, memberPath) { return found }
                }
                return nil
            case let .array(items):
                for (index, item) in items.enumerated() {
                    if let found = walk(item, path + "[\(index)]") { return found }
                }
                return nil
            default:
                return nil
            }
        }
        return walk(self, "")
    }

    /// A short rendering for messages: scalars as written, containers summarised.
    public var summary: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .number(n): return n
        case let .string(s): return "\"\(s)\""
        case let .array(items): return "array of \(items.count)"
        case let .object(members): return "object with \(members.count) fields"
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        func error(_ reason: String) -> JSONTreeError { JSONTreeError(offset: position, reason: reason) }

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[position]) { position += 1 }
        }

        mutating func value(depth: Int) throws(JSONTreeError) -> JSONTree {
            guard depth < 512 else { throw error("nesting deeper than 512 levels") }
            guard position < bytes.count else { throw error("unexpected end of text") }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func literal(_ word: String) throws(JSONTreeError) {
            let text = Array(word.utf8)
            guard bytes.count - position >= text.count, Array(bytes[position..<position + text.count]) == text else {
                throw error("invalid literal")
            }
            position += text.count
        }

        mutating func object(depth: Int) throws(JSONTreeError) -> JSONTree {
            position += 1
            var members: [Member] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a field name") }
                let key = try string()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':'") }
                position += 1
                skipWhitespace()
                members.append(Member(key: key, value: try value(depth: depth + 1)))
                skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of text in an object") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
                throw error("expected ',' or '}'")
            }
        }

        mutating func array(depth: Int) throws(JSONTreeError) -> JSONTree {
            position += 1
            var items: [JSONTree] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of text in an array") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
                throw error("expected ',' or ']'")
            }
        }

        mutating func number() throws(JSONTreeError) -> String {
            let start = position
            func digits(_ p: inout Int, _ bytes: [UInt8]) -> Int {
                let s = p
                while p < bytes.count, (0x30...0x39).contains(bytes[p]) { p += 1 }
                return p - s
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits(&position, bytes) > 0 else { position = start; throw error("invalid value") }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits(&position, bytes) > 0 else { throw error("digit expected after '.'") }
            }
            if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                guard digits(&position, bytes) > 0 else { throw error("digit expected in exponent") }
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        mutating func string() throws(JSONTreeError) -> String {
            position += 1
            var out: [UInt8] = []
            while true {
                guard position < bytes.count else { throw error("unterminated string") }
                let c = bytes[position]
                position += 1
                switch c {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard position < bytes.count else { throw error("unterminated escape") }
                    let e = bytes[position]
                    position += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0c)
                    case UInt8(ascii: "n"): out.append(0x0a)
                    case UInt8(ascii: "r"): out.append(0x0d)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var unit = try hex4()
                        if (0xd800..<0xdc00).contains(unit), bytes.count - position >= 6,
                           bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                            position += 2
                            let low = try hex4()
                            unit = 0x10000 + ((unit - 0xd800) << 10) + (low &- 0xdc00)
                        }
                        let scalar = Unicode.Scalar(unit) ?? "\u{fffd}"
                        out.append(contentsOf: Array(String(scalar).utf8))
                    default:
                        throw error("invalid escape")
                    }
                default:
                    guard c >= 0x20 else { throw error("control character in string") }
                    out.append(c)
                }
            }
        }

        mutating func hex4() throws(JSONTreeError) -> UInt32 {
            guard bytes.count - position >= 4 else { throw error("truncated \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[position] | 0x20
                let digit: UInt8
                switch c {
                case 0x30...0x39: digit = c - 0x30
                case 0x61...0x66: digit = c - 0x61 + 10
                default: throw error("invalid \\u escape")
                }
                v = v << 4 | UInt32(digit)
                position += 1
            }
            return v
        }
    }
}

/// Where JSON text is not valid.
public struct JSONTreeError: Error, CustomStringConvertible, Equatable, Sendable {
    public let offset: Int
    public let reason: String
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}
