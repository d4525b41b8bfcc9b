import Crypto
import RandomnessCore

/// The API keys file (`--api-keys`): one key a line, `NAME SHA256 [QUOTA]`, where SHA256 is
/// the SHA-256 of the key (64 hex digits; the key itself is never stored) and QUOTA the
/// bytes the key may take per UTC day (K, M, G mean 2^10, 2^20, 2^30; none: no limit).
/// Blank lines and lines starting with `#` are skipped. Make a line with
/// `printf %s "$KEY" | sha256sum`.
public struct APIKeys: Sendable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var hash: [UInt8]
        public var dailyQuota: Int?
    }

    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// Parses the file's text; `path` names it in errors.
    public init(text: String, path: String) throws(GateError) {
        var entries: [Entry] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 2 || fields.count == 3 else {
                throw .apiKeys(path: path, line: index + 1, reason: "expected NAME SHA256 [QUOTA], got \(fields.count) fields")
            }
            let name = String(fields[0])
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }), name != "-" else {
                throw .apiKeys(path: path, line: index + 1, reason: "name '\(name)' must be letters, digits, '-', '_' or '.'")
            }
            guard let hash = Hex.decode(fields[1]), hash.count == 32 else {
                throw .apiKeys(path: path, line: index + 1, reason: "the key's SHA-256 must be 64 hex digits")
            }
            var quota: Int?
            if fields.count == 3 {
                do { quota = try ByteCount.parse(String(fields[2]), parameter: "quota") } catch {
                    throw .apiKeys(path: path, line: index + 1, reason: "\(error)")
                }
            }
            guard !entries.contains(where: { $0.name == name }) else {
                throw .apiKeys(path: path, line: index + 1, reason: "the name '\(name)' is given twice")
            }
            entries.append(Entry(name: name, hash: hash, dailyQuota: quota))
        }
        guard !entries.isEmpty else { throw .apiKeys(path: path, line: 0, reason: "no keys") }
        self.entries = entries
    }

    /// Reads and parses the file.
    public static func load(_ path: String) throws -> APIKeys {
        let bytes = try FileBytes.read(path, limit: 16 << 20)
        return try APIKeys(text: String(decoding: bytes, as: UTF8.self), path: path)
    }

    /// The entry whose hash is SHA-256(`key`), compared in constant time: every entry's
    /// 32 bytes are compared in full, whichever matches.
    public func match(_ key: String) -> Entry? {
        let digest = Array(SHA256.hash(data: Array(key.utf8)))
        var found: Entry?
        for entry in entries {
            var difference: UInt8 = 0
            for i in 0..<32 { difference |= entry.hash[i] ^ digest[i] }
            if difference == 0 { found = entry }
        }
        return found
    }
}
