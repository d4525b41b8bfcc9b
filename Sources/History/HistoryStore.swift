import Foundation
import GRDB
import RandomnessCore

/// The history: an SQLite database (through GRDB) with one row per report, brought to the
/// current schema by `HistoryMigrations` whenever it is opened.
///
/// Opening for writing creates the file when missing; opening for reading refuses a missing
/// file (`HistoryError.notFound`) rather than creating an empty history.
public final class HistoryStore: Sendable {
    public let path: String
    private let queue: DatabaseQueue

    public init(path: String, create: Bool) throws(HistoryError) {
        self.path = path
        if !create && !FileManager.default.fileExists(atPath: path) { throw .notFound(path: path) }
        // An existing database must be a regular file: SQLite would block on a FIFO or read a device.
        if FileBytes.exists(path) && !FileBytes.isRegularFile(path) {
            throw .cannotOpen(path: path, reason: FileBytes.isDirectory(path) ? "is a directory" : "not a regular file")
        }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try HistoryMigrations.migrator.migrate(queue)
        } catch {
            throw .cannotOpen(path: path, reason: Self.describe(error))
        }
    }

    /// Appends `nights` in order, in one transaction; returns them with their ids.
    @discardableResult
    public func record(_ nights: [HistoryNight]) throws(HistoryError) -> [HistoryNight] {
        do {
            return try queue.write { db in
                try nights.map { night in
                    var row = night.row
                    try row.insert(db)
                    let reportId = row.id!
                    let tests = try night.tests.map { test in
                        var test = test
                        test.reportId = reportId
                        try test.insert(db)
                        return test
                    }
                    return HistoryNight(row: row, tests: tests)
                }
            }
        } catch {
            throw .cannotWrite(path: path, reason: Self.describe(error))
        }
    }

    /// The reports of `device` (all devices when nil) at or after `since` (an RFC 3339 date or
    /// time prefix, compared as text), in time order, then in the order recorded; with
    /// `histograms: false` the tests' histograms are left empty (the table needs none).
    public func nights(device: String? = nil, since: String? = nil, histograms: Bool = true) throws(HistoryError) -> [HistoryNight] {
        do {
            return try queue.read { db in
                var request = HistoryRow.all()
                if let device { request = request.filter(Column("device") == device) }
                if let since { request = request.filter(Column("time") >= since) }
                let rows = try request.order(Column("time"), Column("id")).fetchAll(db)
                var tests: [Int64: [SP80022TestRow]] = [:]
                let ids = rows.compactMap(\.id)
                for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                    var request = SP80022TestRow.filter(chunk.contains(Column("reportId"))).order(Column("id"))
                    if !histograms {
                        request = request.select(sql: "id, reportId, test, verdict, passCount, sampleSize, proportion, uniformityP, '' AS histograms")
                    }
                    for test in try request.fetchAll(db) {
                        tests[test.reportId, default: []].append(test)
                    }
                }
                return rows.map { HistoryNight(row: $0, tests: tests[$0.id!] ?? []) }
            }
        } catch {
            throw .cannotRead(path: path, reason: Self.describe(error))
        }
    }

    /// The devices in the history, sorted.
    public func devices() throws(HistoryError) -> [String] {
        do {
            return try queue.read { db in
                try String.fetchAll(db, sql: "SELECT DISTINCT device FROM \(HistoryRow.databaseTableName) ORDER BY device")
            }
        } catch {
            throw .cannotRead(path: path, reason: Self.describe(error))
        }
    }

    /// A one-line account of a GRDB or SQLite error, without the row and SQL GRDB appends,
    /// terminal-escaped (it may quote values from the file).
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return TerminalText.escaped(error.message ?? "SQLite error \(error.resultCode.rawValue)") }
        var text = "\(error)"
        if let cut = text.range(of: ", column index:") { text = String(text[..<cut.lowerBound]) }
        return TerminalText.escaped(text.count > 300 ? String(text.prefix(300)) + "…" : text)
    }
}
