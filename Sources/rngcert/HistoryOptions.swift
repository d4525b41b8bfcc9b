import ArgumentParser
import Certification
import History

/// `--history DB` and `--device NAME`, shared by `assess`, `batch` and `serve` (each buffer's
/// report): where each report is recorded and under which device.
struct HistoryOptions: ParsableArguments {
    @Option(name: .customLong("history"), help: ArgumentHelp("SQLite history database to record each report in (created when missing).", valueName: "db"))
    var database: String?

    @Option(help: ArgumentHelp("Device name the reports are recorded under in --history (default: '\(HistoryNight.defaultDevice)').", valueName: "name"))
    var device: String?

    func validate() throws {
        if let device, device.isEmpty || device.count > 200 {
            throw ValidationError("--device: must be 1 to 200 characters")
        }
    }

    /// Records `reports` (report, report.json path) in the history, when one is named.
    func record(_ reports: [(report: Report, path: String)]) throws {
        guard let database, !reports.isEmpty else { return }
        let nights = reports.map { HistoryNight(report: $0.report, device: device ?? HistoryNight.defaultDevice, reportPath: $0.path) }
        try HistoryStore(path: database, create: true).record(nights)
    }
}
