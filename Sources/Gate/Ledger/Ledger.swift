import Foundation
import GRDB
import Metrics
import RandomnessCore

/// The gate's ledger: SQLite (through GRDB, WAL mode, `synchronous = FULL` by default) holding every
/// buffer's state and every allocation.
///
/// The contract: `allocate` commits the allocation (and the buffer's advanced `nextLeaf`)
/// durably before it returns, so bytes are sent only after the ledger knows them. Leaf
/// ranges only move forward, so after a crash and restart no leaf is granted twice; only
/// buffers in state `passed` are ever allocated from, so no untested byte is granted.
public final class Ledger: Sendable {
    /// When a commit reaches the disk (SQLite's `synchronous` in WAL mode).
    public enum Durability: String, Sendable, CaseIterable {
        /// Every commit is flushed (fsync) before it returns: an allocation survives a crash
        /// of the process, of the system and a power loss. The default.
        case full
        /// Commits are written to the WAL but flushed only at checkpoints: an allocation
        /// survives a crash of the process (`kill -9`), not a system crash or power loss
        /// (after one, the last allocations may be forgotten, and so granted again).
        case normal
    }

    public let path: String
    let database: DatabasePool
    /// Keeps the write-ahead log bounded off the commit path.
    let checkpointer: LedgerCheckpointer

    /// Opens (creating if needed) the ledger at `path` and migrates it to the current schema.
    public convenience init(path: String, durability: Durability = .full) throws(LedgerError) {
        try self.init(path: path, durability: durability, checkpoints: LedgerCheckpointer.Schedule())
    }

    init(path: String, durability: Durability, checkpoints: LedgerCheckpointer.Schedule) throws(LedgerError) {
        self.path = path
        var configuration = Configuration()
        let synchronous = durability == .full ? "FULL" : "NORMAL"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(checkpoints.backstopPages)")
        }
        configuration.busyMode = .timeout(10)
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
            checkpointer = try LedgerCheckpointer(path: path, synchronous: synchronous, schedule: checkpoints)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Schema versions, applied in order and recorded by GRDB.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: buffers and allocations") { db in
            try db.execute(sql: """
                CREATE TABLE buffer (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    state TEXT NOT NULL,
                    byteCount INTEGER NOT NULL DEFAULT 0,
                    leafSize INTEGER NOT NULL,
                    leafCount INTEGER NOT NULL DEFAULT 0,
                    nextLeaf INTEGER NOT NULL DEFAULT 0 CHECK (nextLeaf <= leafCount),
                    merkleRoot TEXT,
                    reportSHA256 TEXT,
                    reason TEXT,
                    createdAt TEXT NOT NULL,
                    testedAt TEXT
                );
                CREATE TABLE allocation (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    bufferID INTEGER NOT NULL REFERENCES buffer(id),
                    firstLeaf INTEGER NOT NULL,
                    endLeaf INTEGER NOT NULL CHECK (endLeaf > firstLeaf),
                    byteCount INTEGER NOT NULL,
                    client TEXT NOT NULL,
                    allocatedAt TEXT NOT NULL,
                    allocatedDay TEXT NOT NULL,
                    UNIQUE (bufferID, firstLeaf)
                );
                CREATE INDEX allocation_client_day ON allocation(client, allocatedDay);
                """)
        }
        // Each allocation costs the same however long the ledger gets: the pool's buffers
        // are found through an index, and a key's bytes of the day are one row.
        migrator.registerMigration("v2: usage per key and day, buffers by state") { db in
            try db.execute(sql: """
                CREATE TABLE usage (
                    client TEXT NOT NULL,
                    day TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    PRIMARY KEY (client, day)
                ) WITHOUT ROWID;
                INSERT INTO usage (client, day, bytes)
                    SELECT client, allocatedDay, SUM(byteCount) FROM allocation GROUP BY client, allocatedDay;
                CREATE INDEX buffer_state ON buffer(state, id);
                """)
        }
        return migrator
    }

    func write<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try database.write(body)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }

    /// Records a new buffer in state `capturing` and returns its id (never reused).
    public func beginBuffer(leafSize: Int) throws(LedgerError) -> Int {
        try write { db in
            try db.execute(sql: "INSERT INTO buffer (state, leafSize, createdAt) VALUES (?, ?, ?)",
                           arguments: [BufferState.capturing.rawValue, leafSize, UTCTimestamp.now()])
            return Int(db.lastInsertedRowID)
        }
    }

    /// Records a buffer's outcome: `passed` or `quarantined` with its report, or `discarded`.
    public func finishBuffer(_ id: Int, state: BufferState, byteCount: Int, leafCount: Int, merkleRoot: String?,
                             reportSHA256: String?, reason: String?) throws(LedgerError) {
        try write { db in
            try db.execute(sql: """
                UPDATE buffer SET state = ?, byteCount = ?, leafCount = ?, merkleRoot = ?, reportSHA256 = ?,
                       reason = ?, testedAt = ? WHERE id = ? AND state = ?
                """, arguments: [state.rawValue, byteCount, leafCount, merkleRoot, reportSHA256, reason,
                                 UTCTimestamp.now(), id, BufferState.capturing.rawValue])
            if db.changesCount != 1 {
                throw LedgerError.inconsistent(path: path, reason: "buffer \(id) is not being captured")
            }
        }
    }

    /// Grants `leaves` consecutive leaves of the oldest passed buffer that has them, for
    /// `byteCount` bytes, to `client` — unless its bytes for the current UTC day plus
    /// `byteCount` would pass `dailyQuota`. Committed durably before it returns.
    public func allocate(leaves: Int, byteCount: Int, client: String, dailyQuota: Int?) throws(LedgerError) -> AllocationResult {
        try allocate([AllocationRequest(leaves: leaves, byteCount: byteCount, client: client, dailyQuota: dailyQuota)])[0]
    }

    /// Decides `requests` in order, in one transaction committed durably before it returns
    /// (one disk flush for all of them): each request sees the grants and usage of those
    /// before it, exactly as if they had been allocated one by one.
    public func allocate(_ requests: [AllocationRequest]) throws(LedgerError) -> [AllocationResult] {
        let now = UTCTimestamp.now()
        let day = String(now.prefix(10))
        let results = try write { db in
            try requests.map { try Self.allocate($0, in: db, now: now, day: day) }
        }
        if checkpointer.takeCatchUp() {
            let started = DispatchTime.now().uptimeNanoseconds
            do {
                _ = try database.writeWithoutTransaction { try $0.checkpoint(.passive) }
            } catch {
                // Busy: the background phase holds the checkpoint lock. The next commit tries
                // again, so a slow disk (long background checkpoints) cannot keep the log
                // from restarting.
                checkpointer.catchUpMissed()
            }
            Metrics.Timer(label: "rngcert_gate_ledger_catch_up_seconds").recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started))
        }
        return results
    }

    /// One request inside the batch's transaction. The statements are prepared once per
    /// connection (GRDB's statement cache), not parsed again for every request.
    private static func allocate(_ request: AllocationRequest, in db: Database, now: String, day: String) throws -> AllocationResult {
        precondition(request.leaves > 0)
        if let quota = request.dailyQuota {
            let usage = try db.cachedStatement(sql: "SELECT bytes FROM usage WHERE client = ? AND day = ?")
            let used = try Int.fetchOne(usage, arguments: [request.client, day]) ?? 0
            if used + request.byteCount > quota { return .overQuota(used: used, quota: quota) }
        }
        let oldest = try db.cachedStatement(sql: """
            SELECT id, nextLeaf, leafCount FROM buffer
            WHERE state = ? AND leafCount - nextLeaf >= ? ORDER BY id LIMIT 1
            """)
        guard let row = try Row.fetchOne(oldest, arguments: [BufferState.passed.rawValue, request.leaves]) else { return .poolEmpty }
        let id: Int = row["id"], first: Int = row["nextLeaf"], count: Int = row["leafCount"]
        let end = first + request.leaves
        let exhausted = end == count
        try db.cachedStatement(sql: "UPDATE buffer SET nextLeaf = ?, state = ? WHERE id = ? AND nextLeaf = ?")
            .execute(arguments: [end, exhausted ? BufferState.exhausted.rawValue : BufferState.passed.rawValue, id, first])
        try db.cachedStatement(sql: """
            INSERT INTO allocation (bufferID, firstLeaf, endLeaf, byteCount, client, allocatedAt, allocatedDay)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id, first, end, request.byteCount, request.client, now, day])
        let allocationID = db.lastInsertedRowID
        try db.cachedStatement(sql: """
            INSERT INTO usage (client, day, bytes) VALUES (?, ?, ?)
            ON CONFLICT (client, day) DO UPDATE SET bytes = bytes + excluded.bytes
            """).execute(arguments: [request.client, day, request.byteCount])
        return .granted(Allocation(id: allocationID, bufferID: id, firstLeaf: first, endLeaf: end,
                                   byteCount: request.byteCount, client: request.client, allocatedAt: now,
                                   exhaustedBuffer: exhausted))
    }

    /// Every buffer, oldest first.
    public func buffers() throws(LedgerError) -> [BufferRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM buffer ORDER BY id").map(Self.record)
        }
    }

    /// The ids of the first `limit` passed buffers after `id`, in order: the next to serve.
    public func passedBuffers(after id: Int, limit: Int) throws(LedgerError) -> [Int] {
        try read { db in
            try Int.fetchAll(db, sql: "SELECT id FROM buffer WHERE state = ? AND id > ? ORDER BY id LIMIT ?",
                             arguments: [BufferState.passed.rawValue, id, limit])
        }
    }

    /// One buffer's row.
    public func buffer(_ id: Int) throws(LedgerError) -> BufferRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM buffer WHERE id = ?", arguments: [id]).map(Self.record)
        }
    }

    static func record(_ row: Row) throws -> BufferRecord {
        let stateText: String = row["state"]
        guard let state = BufferState(rawValue: stateText) else {
            throw LedgerError.inconsistent(path: "ledger", reason: "unknown buffer state '\(stateText)'")
        }
        return BufferRecord(id: row["id"], state: state, byteCount: row["byteCount"], leafCount: row["leafCount"],
                            nextLeaf: row["nextLeaf"], merkleRoot: row["merkleRoot"], reportSHA256: row["reportSHA256"],
                            reason: row["reason"])
    }

    /// Every allocation, in the order granted.
    public func allocations() throws(LedgerError) -> [Allocation] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.*, (a.endLeaf = b.leafCount) AS lastOfBuffer FROM allocation a JOIN buffer b ON b.id = a.bufferID ORDER BY a.id
                """).map { row in
                Allocation(id: row["id"], bufferID: row["bufferID"], firstLeaf: row["firstLeaf"], endLeaf: row["endLeaf"],
                           byteCount: row["byteCount"], client: row["client"], allocatedAt: row["allocatedAt"],
                           exhaustedBuffer: row["lastOfBuffer"])
            }
        }
    }

    /// The SHA-256 of the newest buffer report written (the next report's chain link).
    public func lastReportSHA256() throws(LedgerError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT reportSHA256 FROM buffer WHERE reportSHA256 IS NOT NULL ORDER BY id DESC LIMIT 1")
        }
    }

    /// Buffers per state, and the leaves still to serve in passed buffers.
    public func counts() throws(LedgerError) -> (states: [BufferState: Int], poolLeaves: Int, poolBuffers: Int) {
        try read { db in
            var states: [BufferState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM buffer GROUP BY state") {
                if let state = BufferState(rawValue: row["state"]) { states[state] = row["n"] }
            }
            let pool = try Row.fetchOne(db, sql: "SELECT COALESCE(SUM(leafCount - nextLeaf), 0) AS leaves, COUNT(*) AS n FROM buffer WHERE state = ?",
                                        arguments: [BufferState.passed.rawValue])
            return (states, pool?["leaves"] ?? 0, pool?["n"] ?? 0)
        }
    }
}
