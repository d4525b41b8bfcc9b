import GRDB

/// The history database's schema, one registered migration per version. Never edit a
/// shipped migration: add the next one.
enum HistoryMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: reports and SP 800-22 tests") { db in
            try db.create(table: HistoryRow.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("device", .text).notNull()
                t.column("time", .text).notNull()
                t.column("inputPath", .text).notNull()
                t.column("inputSHA256", .text).notNull()
                t.column("inputBytes", .integer).notNull()
                t.column("toolVersion", .text).notNull()
                t.column("verdict", .text).notNull()
                t.column("entVerdict", .text)
                t.column("sp80022Verdict", .text)
                t.column("sp80090bVerdict", .text)
                t.column("entEntropy", .double)
                t.column("entChiSquareP", .double)
                t.column("entBitChiSquareP", .double)
                t.column("bitOnes", .integer)
                t.column("bitCount", .integer)
                t.column("assessedH", .double)
                t.column("claimedH", .double)
                t.column("bitsPerSymbol", .integer)
                t.column("healthAlarms", .integer)
                t.column("reportPath", .text).notNull()
                t.column("signerFingerprint", .text)
            }
            try db.create(index: "report_device_time", on: HistoryRow.databaseTableName, columns: ["device", "time"])
            try db.create(table: SP80022TestRow.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo(HistoryRow.databaseTableName, onDelete: .cascade).notNull()
                t.column("test", .text).notNull()
                t.column("verdict", .text).notNull()
                t.column("passCount", .integer).notNull()
                t.column("sampleSize", .integer).notNull()
                t.column("proportion", .double)
                t.column("uniformityP", .double)
                t.column("histograms", .text).notNull()
            }
        }
        return migrator
    }
}
