import Foundation
import GRDB
import History
import RandomnessCore
import Testing

@Suite struct HistoryStoreTests {
    @Test func recordsAndReadsBackInTimeOrderPerDevice() throws {
        let dir = try HistoryTemporaryDirectory()
        let path = dir.path + "/h.sqlite"
        var generator = Xoshiro256StarStar(seed: 1)
        let nights = (0..<6).map { SyntheticNights.night(device: $0 % 2 == 0 ? "A" : "B'; DROP TABLE report;--", index: 5 - $0, z: 0.5, h: 7.5,
                                                         generator: &generator) }
        let recorded = try HistoryStore(path: path, create: true).record(nights)
        #expect(recorded.allSatisfy { $0.row.id != nil && $0.tests.allSatisfy { $0.reportId == $0.reportId && $0.id != nil } })
        // Reopening runs the migrator again: nothing changes, nothing is lost.
        let store = try HistoryStore(path: path, create: false)
        #expect(try store.devices() == ["A", "B'; DROP TABLE report;--"])
        let a = try store.nights(device: "A")
        #expect(a.map(\.row.inputPath) == ["night-2.bin", "night-4.bin", "night-6.bin"])
        #expect(a.map(\.row.time) == a.map(\.row.time).sorted())
        let original = recorded.first { $0.row.inputPath == "night-6.bin" }!
        #expect(a.last == original)
        #expect(try store.nights(since: "2026-11-04").map(\.row.inputPath).sorted() == ["night-4.bin", "night-5.bin", "night-6.bin"])
        #expect(try store.nights().count == 6)
    }

    @Test func migrationsAreRecordedAndSchemaHasTheIssuesColumns() throws {
        let dir = try HistoryTemporaryDirectory()
        let path = dir.path + "/h.sqlite"
        _ = try HistoryStore(path: path, create: true)
        let queue = try DatabaseQueue(path: path)
        let columns = try queue.read { db in try db.columns(in: "report").map(\.name) }
        for name in ["device", "time", "inputSHA256", "inputBytes", "toolVersion", "entVerdict", "sp80022Verdict", "sp80090bVerdict",
                     "entEntropy", "entChiSquareP", "assessedH", "claimedH", "healthAlarms", "reportPath", "signerFingerprint"] {
            #expect(columns.contains(name), "missing column \(name)")
        }
        let testColumns = try queue.read { db in try db.columns(in: "sp80022Test").map(\.name) }
        #expect(testColumns.contains("proportion") && testColumns.contains("uniformityP") && testColumns.contains("histograms"))
        let applied = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.count == 1)
    }

    @Test func missingDatabaseIsNotCreatedForReading() throws {
        let dir = try HistoryTemporaryDirectory()
        #expect(throws: HistoryError.notFound(path: dir.path + "/none.sqlite")) {
            try HistoryStore(path: dir.path + "/none.sqlite", create: false)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/none.sqlite"))
    }

    @Test func notADatabaseIsAOneLineError() throws {
        let dir = try HistoryTemporaryDirectory()
        let path = dir.path + "/bad.sqlite"
        try Data("this is not sqlite, just some text that is long enough to be a header......................".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try HistoryStore(path: path, create: false)
            Issue.record("opened a text file as a history")
        } catch {
            #expect(error.description.hasPrefix(path + ": cannot open the history database"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func aCorruptCellIsAOneLineReadErrorNotACrash() throws {
        let dir = try HistoryTemporaryDirectory()
        let path = dir.path + "/h.sqlite"
        var generator = Xoshiro256StarStar(seed: 8)
        try HistoryStore(path: path, create: true).record([SyntheticNights.night(device: "A", index: 0, z: 0, generator: &generator)])
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE sp80022Test SET histograms = '[[1,2]]\u{1B}[31m'") }
        let store = try HistoryStore(path: path, create: false)
        do {
            _ = try store.nights()
            Issue.record("read a corrupt histogram")
        } catch {
            #expect(error.description.hasPrefix(path + ": cannot read the history"))
            #expect(!error.description.contains("\n") && !error.description.contains("\u{1B}") && !error.description.contains("SELECT"))
        }
        // Without histograms (the table), the row still reads.
        #expect(try store.nights(histograms: false).count == 1)
    }

    @Test func sinceDatesAreCheckedStrictly() {
        for good in ["2026-12-05", "2026-12-05T03:00Z", "2026-12-05T03:00:59Z"] { #expect(HistoryDate.isValid(good), "\(good)") }
        for bad in ["2026-13-05", "yesterday", "2026-12-5", "2026-12-05T03:00", "2026-12-05 03:00:00Z", "", "2026-12-05T03:00:59+01:00"] {
            #expect(!HistoryDate.isValid(bad), "\(bad)")
        }
    }
}
