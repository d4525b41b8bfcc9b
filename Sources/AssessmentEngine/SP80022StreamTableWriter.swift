import Foundation
import RandomnessCore
import SP80022

/// Writes the full SP 800-22 per-stream table as the streams complete, hashing it as it goes
/// (to a file, or hash only for a re-run).
///
/// The table is CSV (RFC 4180), one header line and one row per stream and test:
/// `stream,bitOffset,test,notApplicable,pValues` — the 0-based stream, its first bit's
/// offset, STS's test name, the reason when the test could not run (quoted), and the test's
/// p-values in slot order separated by spaces, each printed in the shortest form that reads
/// back to the same double. At STS's defaults that is about 3.7 KB per stream of 10^6 bits,
/// about 32 MB per GiB of input.
public final class SP80022StreamTableWriter {
    public static let fileName = "sp80022-streams.csv"
    public static let header = "stream,bitOffset,test,notApplicable,pValues\n"

    private let file: AtomicFileStream?
    private var digest = SHA256Digest()
    private var buffer: [UInt8] = []
    private var rows = 0
    private var bytes = 0

    /// A writer into `file` (its temporary file until committed), or hash-only when nil;
    /// without `header`, rows only (a shard's part of the table).
    public init(file: AtomicFileStream?, header: Bool = true) throws {
        self.file = file
        if header { append(Self.header) }
    }

    /// Adds the rows of one stream.
    public func write(_ stream: SP80022StreamResult) throws {
        for outcome in stream.outcomes {
            var line = "\(stream.index),\(stream.bitOffset),\(outcome.test.rawValue),"
            if let reason = outcome.notApplicable { line += "\"" + reason.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            line += ","
            line += outcome.pValues.map { "\($0)" }.joined(separator: " ")
            line += "\n"
            append(line)
            rows += 1
        }
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Flushes the table and returns how the report refers to it.
    public func finish() throws -> SP80022StreamTableReference {
        try flush()
        return SP80022StreamTableReference(file: Self.fileName, rows: rows, byteCount: bytes, sha256: digest.hex())
    }

    private func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        digest.update(buffer)
        bytes += buffer.count
        if let file { try file.write(buffer) }
        buffer.removeAll(keepingCapacity: true)
    }
}
