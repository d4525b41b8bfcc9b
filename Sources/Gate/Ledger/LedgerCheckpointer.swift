import Dispatch
import GRDB
import Metrics
import Synchronization

/// Keeps the ledger's write-ahead log bounded without long checkpoints on the commit path.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold, and
/// every allocation queued behind that commit waits for it: ~10 ms at 1,000 pages here, up
/// to ~100 ms at 8,192, against ~0.5 ms for a commit. So the ledger checkpoints in two
/// phases:
/// - every `periodMilliseconds`, this object's own connection copies the log into the database (a
///   PASSIVE checkpoint takes no lock a writer needs, so commits go on meanwhile);
/// - once the log is `resetFrames` long, the writer is asked, after its next commit, to
///   copy the few frames committed since (`takeCatchUp`). The log is then fully copied, and
///   the next commit starts it again from the beginning.
/// SQLite's own checkpoint stays as a backstop at `Schedule.backstopPages`.
final class LedgerCheckpointer: Sendable {
    /// When the phases run.
    struct Schedule: Sendable {
        /// The log length (frames of 4 KiB) at which the writer catches up, so the log restarts.
        var resetFrames = 12_288
        /// Time between two background checkpoints, in milliseconds; nil runs none on a
        /// timer (a test then calls `runBackgroundPhase` itself).
        var periodMilliseconds: Int? = 250
        /// SQLite's automatic checkpoint, in the writer, at this many WAL pages (4 KiB each).
        var backstopPages = 32_768
    }

    let schedule: Schedule
    private let connection: DatabaseQueue
    /// The background phase's timer; nil without a period. Dispatch sources are not
    /// Sendable; the lock makes their few uses safe.
    private let timer: Mutex<(any DispatchSourceTimer)?>
    private let catchUp = Atomic<Bool>(false)

    /// A second connection to the ledger at `path` (flushing as the writer does), and the timer.
    init(path: String, synchronous: String, schedule: Schedule) throws {
        self.schedule = schedule
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        connection = try DatabaseQueue(path: path, configuration: configuration)
        timer = Mutex(nil)
        guard let milliseconds = schedule.periodMilliseconds else { return }
        let period = DispatchTimeInterval.milliseconds(milliseconds)
        timer.withLock { timer in
            let source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "rngcert.gate.ledger-checkpoint"))
            source.schedule(deadline: .now() + period, repeating: period, leeway: .milliseconds(milliseconds / 5))
            source.setEventHandler { [weak self] in self?.runBackgroundPhase() }
            source.resume()
            timer = source
        }
    }

    deinit {
        timer.withLock { $0?.cancel() }
    }

    /// The background phase.
    func runBackgroundPhase() {
        let started = DispatchTime.now().uptimeNanoseconds
        guard let (frames, _) = try? connection.writeWithoutTransaction({ try $0.checkpoint(.passive) }) else { return }
        Metrics.Timer(label: "rngcert_gate_ledger_checkpoint_seconds").recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started))
        if frames >= schedule.resetFrames { catchUp.store(true, ordering: .relaxed) }
    }

    /// Whether the writer should catch up now (once per commit).
    func takeCatchUp() -> Bool {
        catchUp.exchange(false, ordering: .relaxed)
    }

    /// The writer's catch-up could not run (the background phase held the checkpoint
    /// lock): ask again after the next commit.
    func catchUpMissed() {
        catchUp.store(true, ordering: .relaxed)
    }
}
