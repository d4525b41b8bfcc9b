import Foundation

/// The report's JSON Schema (Schemas/report.schema.json) read as plain JSON, with the two
/// walks that keep it in step with the Codable types: every key of an encoded report must be
/// described (`uncovered`), and every key a type decodes must be described (`SchemaProbe`).
struct ReportSchema {
    let root: [String: Any]

    static let url = HTMLFixtures.packageRoot.appendingPathComponent("Schemas/report.schema.json")

    init(_ root: [String: Any]) { self.root = root }

    static func load() throws -> ReportSchema {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let root = object as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
        return ReportSchema(root)
    }

    /// The schema of a `$defs` entry.
    func definition(_ name: String) -> [String: Any]? {
        (root["$defs"] as? [String: Any])?[name] as? [String: Any]
    }

    /// Follows `$ref` ("#/$defs/name") until a schema without one.
    func resolve(_ schema: [String: Any]) -> [String: Any] {
        var current = schema
        var hops = 0
        while let ref = current["$ref"] as? String, hops < 32 {
            guard ref.hasPrefix("#/$defs/"), let target = definition(String(ref.dropFirst("#/$defs/".count))) else { return [:] }
            current = target
            hops += 1
        }
        return current
    }

    /// The alternatives of a `oneOf`/`anyOf` schema, or the schema itself.
    func branches(_ schema: [String: Any]) -> [[String: Any]] {
        let s = resolve(schema)
        if let list = (s["oneOf"] ?? s["anyOf"]) as? [[String: Any]] { return list.map(resolve) }
        return [s]
    }

    /// The schema for member `key` of an object described by `schema`: its `properties` entry,
    /// else an `additionalProperties` schema; nil when the schema does not describe the key.
    func member(_ key: String, of schema: [String: Any]) -> [String: Any]? {
        if let properties = schema["properties"] as? [String: Any], let s = properties[key] as? [String: Any] { return s }
        return schema["additionalProperties"] as? [String: Any]
    }

    /// Every member path the schema describes below `schema` (`properties` only, through `$ref`,
    /// every `oneOf` alternative and `items`), in the form `SchemaProbe.visited` records.
    func propertyPaths(_ schema: [String: Any], prefix: [String] = [], depth: Int = 0) -> Set<String> {
        guard depth < 40 else { return [] }
        var out: Set<String> = []
        for s in branches(schema) {
            if let items = s["items"] as? [String: Any] { out.formUnion(propertyPaths(items, prefix: prefix, depth: depth + 1)) }
            for (key, child) in (s["properties"] as? [String: Any]) ?? [:] {
                out.insert((prefix + [key]).joined(separator: "."))
                if let child = child as? [String: Any] { out.formUnion(propertyPaths(child, prefix: prefix + [key], depth: depth + 1)) }
            }
        }
        return out
    }

    /// JSON paths of the keys of `value` (a JSONSerialization tree) that `schema` does not describe.
    func uncovered(_ value: Any, schema: [String: Any], path: String = "$") -> [String] {
        let alternatives = branches(schema)
        var best: [String]? = nil
        for s in alternatives {
            var misses: [String] = []
            if let object = value as? [String: Any] {
                for (key, child) in object.sorted(by: { $0.key < $1.key }) {
                    if let childSchema = member(key, of: s) {
                        misses += uncovered(child, schema: childSchema, path: "\(path).\(key)")
                    } else {
                        misses.append("\(path).\(key)")
                    }
                }
            } else if let array = value as? [Any] {
                for (i, element) in array.enumerated() {
                    if let items = s["items"] as? [String: Any] {
                        misses += uncovered(element, schema: items, path: "\(path)[\(i)]")
                    } else {
                        misses.append("\(path)[\(i)]")
                    }
                }
            }
            if misses.isEmpty { return [] }
            if best == nil || misses.count < best!.count { best = misses }
        }
        return best ?? []
    }
}

/// Decodes a type against the schema with made-up values, recording every key the type asks
/// for that the schema does not describe. Optional members are explored too (the probe says
/// every key is present), so a field that no test report happens to contain is still checked.
/// String values come from the schema (`enum`, `const`) so enums decode; `oneOf` schemas take
/// alternative `branch` (run the probe once per alternative to see them all).
final class SchemaProbe {
    let schema: ReportSchema
    let branch: Int
    private(set) var missing: [String] = []
    /// Every member path the type decoded ("suites.sp800-22.streams.outcomes"), indices left out.
    private(set) var visited: Set<String> = []

    init(schema: ReportSchema, branch: Int = 0) {
        self.schema = schema
        self.branch = branch
    }

    func record(_ path: [any CodingKey], _ key: String) {
        missing.append((path.map(\.stringValue) + [key]).joined(separator: "."))
    }

    func visit(_ path: [any CodingKey], _ key: String) {
        visited.insert((path.filter { $0.intValue == nil }.map(\.stringValue) + [key]).joined(separator: "."))
    }

    /// The schema a value at this point is read with: `$ref` followed, `oneOf` branch chosen.
    func resolved(_ s: [String: Any]?) -> [String: Any]? {
        guard let s else { return nil }
        let alternatives = schema.branches(s)
        return alternatives[min(branch, alternatives.count - 1)]
    }

    /// Probes `type` against the schema `root` and returns the undescribed keys.
    func run<T: Decodable>(_ type: T.Type, root: [String: Any]) throws -> [String] {
        _ = try T(from: ProbeDecoder(probe: self, schema: resolved(root), codingPath: []))
        return missing
    }
}

private struct ProbeKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { stringValue = "\(intValue)"; self.intValue = intValue }
}

private struct ProbeDecoder: Decoder {
    let probe: SchemaProbe
    let schema: [String: Any]?
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(ProbeKeyedContainer<Key>(probe: probe, schema: schema, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        ProbeUnkeyedContainer(probe: probe, items: probe.resolved(schema?["items"] as? [String: Any]), codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ProbeValue(probe: probe, schema: schema, codingPath: codingPath)
    }
}

/// Made-up leaf values that satisfy the schema where the type cares (enums, constants).
private struct ProbeValue: SingleValueDecodingContainer {
    let probe: SchemaProbe
    let schema: [String: Any]?
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { false }
    func decode(_ type: String.Type) throws -> String {
        if let values = schema?["enum"] as? [String], let first = values.first { return first }
        if let constant = schema?["const"] as? String { return constant }
        return "x"
    }
    func decode(_ type: Double.Type) throws -> Double { 0.5 }
    func decode(_ type: Float.Type) throws -> Float { 0.5 }
    func integer() -> Int { (schema?["const"] as? Int) ?? 1 }
    func decode(_ type: Int.Type) throws -> Int { integer() }
    func decode(_ type: Int8.Type) throws -> Int8 { Int8(integer()) }
    func decode(_ type: Int16.Type) throws -> Int16 { Int16(integer()) }
    func decode(_ type: Int32.Type) throws -> Int32 { Int32(integer()) }
    func decode(_ type: Int64.Type) throws -> Int64 { Int64(integer()) }
    func decode(_ type: UInt.Type) throws -> UInt { UInt(integer()) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { UInt8(integer()) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { UInt16(integer()) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { UInt32(integer()) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { UInt64(integer()) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: ProbeDecoder(probe: probe, schema: schema, codingPath: codingPath))
    }
}

private struct ProbeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let probe: SchemaProbe
    let schema: [String: Any]?
    var codingPath: [any CodingKey]

    /// The schema's property names (what an enum with associated values switches on); a
    /// dictionary (no `properties`) decodes empty.
    var allKeys: [Key] {
        ((schema?["properties"] as? [String: Any])?.keys.sorted() ?? []).compactMap { Key(stringValue: $0) }
    }

    func child(_ key: Key) -> [String: Any]? {
        probe.visit(codingPath, key.stringValue)
        guard let schema, let s = probe.schema.member(key.stringValue, of: schema) else {
            probe.record(codingPath, key.stringValue)
            return nil
        }
        return probe.resolved(s)
    }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }
    func value(_ key: Key) -> ProbeValue { ProbeValue(probe: probe, schema: child(key), codingPath: codingPath + [key]) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try value(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(key).decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: ProbeDecoder(probe: probe, schema: child(key), codingPath: codingPath + [key]))
    }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(ProbeKeyedContainer<NestedKey>(probe: probe, schema: child(key), codingPath: codingPath + [key]))
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        ProbeUnkeyedContainer(probe: probe, items: probe.resolved(child(key)?["items"] as? [String: Any]), codingPath: codingPath + [key])
    }
    func superDecoder() throws -> any Decoder { ProbeDecoder(probe: probe, schema: schema, codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder { ProbeDecoder(probe: probe, schema: child(key), codingPath: codingPath + [key]) }
}

/// An array of exactly one element, read with the `items` schema.
private struct ProbeUnkeyedContainer: UnkeyedDecodingContainer {
    let probe: SchemaProbe
    let items: [String: Any]?
    var codingPath: [any CodingKey]
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= 1 }

    init(probe: SchemaProbe, items: [String: Any]?, codingPath: [any CodingKey]) {
        self.probe = probe
        self.items = items
        self.codingPath = codingPath
        if items == nil { probe.record(codingPath, "[items]") }
    }

    mutating func next() -> ProbeValue {
        defer { currentIndex += 1 }
        return ProbeValue(probe: probe, schema: items, codingPath: codingPath + [ProbeKey(intValue: currentIndex)])
    }
    mutating func decodeNil() throws -> Bool { false }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next().decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next().decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next().decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().decode(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        defer { currentIndex += 1 }
        return KeyedDecodingContainer(ProbeKeyedContainer<NestedKey>(probe: probe, schema: items, codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        defer { currentIndex += 1 }
        return ProbeUnkeyedContainer(probe: probe, items: probe.resolved(items?["items"] as? [String: Any]), codingPath: codingPath)
    }
    mutating func superDecoder() throws -> any Decoder {
        defer { currentIndex += 1 }
        return ProbeDecoder(probe: probe, schema: items, codingPath: codingPath)
    }
}
