import Foundation
import RandomnessCore

/// How an HTTP response body becomes captured bytes.
///
/// - `raw`: the body is the bytes.
/// - `json(field:encoding:)`: the body is JSON; `field` is a dotted path to the value
///   (`data`, `result.random.data`, `data.0` for an array element), which is a string in
///   `encoding` (base64, padding optional, whitespace ignored; or hex, either case) or an
///   array of integers 0…255.
public enum HTTPBodyFormat: Sendable, Equatable, CustomStringConvertible {
    case raw
    case json(field: String, encoding: JSONByteEncoding)

    /// How a JSON string field encodes bytes.
    public enum JSONByteEncoding: String, Sendable, CaseIterable {
        case base64
        case hex
    }

    public var description: String {
        switch self {
        case .raw: "raw"
        case let .json(field, encoding): "json:\(field) (\(encoding.rawValue))"
        }
    }

    /// The bytes in `body`; a body without them is `.malformedResponse` naming `source`.
    public func bytes(from body: Data, source: String) throws(CaptureSourceError) -> [UInt8] {
        switch self {
        case .raw:
            guard !body.isEmpty else { throw .malformedResponse(source: source, reason: "empty body") }
            return [UInt8](body)
        case let .json(field, encoding):
            let root: Any
            do {
                root = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
            } catch {
                throw .malformedResponse(source: source, reason: "body is not JSON (\(body.count) bytes)")
            }
            var value: Any = root
            for key in field.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
                if let object = value as? [String: Any], let next = object[key] {
                    value = next
                } else if let array = value as? [Any], let index = Int(key), array.indices.contains(index) {
                    value = array[index]
                } else {
                    throw .malformedResponse(source: source, reason: "no JSON field '\(field)'")
                }
            }
            let bytes: [UInt8]
            if let text = value as? String {
                guard let decoded = Self.decode(text, encoding) else {
                    throw .malformedResponse(source: source, reason: "JSON field '\(field)' is not valid \(encoding.rawValue)")
                }
                bytes = decoded
            } else if let numbers = value as? [Any] {
                var out: [UInt8] = []
                out.reserveCapacity(numbers.count)
                for case let number as NSNumber in numbers {
                    let v = number.doubleValue
                    guard v >= 0, v <= 255, v == v.rounded() else {
                        throw .malformedResponse(source: source, reason: "JSON field '\(field)' holds \(number), not a byte 0…255")
                    }
                    out.append(UInt8(v))
                }
                guard out.count == numbers.count else {
                    throw .malformedResponse(source: source, reason: "JSON field '\(field)' is an array with non-numbers")
                }
                bytes = out
            } else {
                throw .malformedResponse(source: source, reason: "JSON field '\(field)' is neither a string nor an array of bytes")
            }
            guard !bytes.isEmpty else { throw .malformedResponse(source: source, reason: "JSON field '\(field)' is empty") }
            return bytes
        }
    }

    static func decode(_ text: String, _ encoding: JSONByteEncoding) -> [UInt8]? {
        let compact = text.filter { !$0.isWhitespace }
        switch encoding {
        case .base64:
            let padded = compact + String(repeating: "=", count: (4 - compact.count % 4) % 4)
            return Data(base64Encoded: padded).map { [UInt8]($0) }
        case .hex:
            let digits = Array(compact.utf8)
            guard digits.count % 2 == 0 else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(digits.count / 2)
            var i = 0
            while i < digits.count {
                guard let high = HexDigit.value(digits[i]), let low = HexDigit.value(digits[i + 1]) else { return nil }
                out.append(high << 4 | low)
                i += 2
            }
            return out
        }
    }
}
