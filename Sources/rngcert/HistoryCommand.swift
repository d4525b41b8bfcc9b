import ArgumentParser
import Certification
import History
import RandomnessCore

/// `rngcert history`: the reports recorded with --history, as a table, JSON or a trend page,
/// and the drift rules (--check).
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the history of recorded reports, render trend charts, check for drift.",
        discussion: """
        Reads the SQLite history written by `assess --history` and `batch --history`. \
        --check applies the drift rules (README, "Nightly jobs"): the pooled SP 800-22 \
        p-values of each test fail uniformity; the bias score rises over nights; the \
        assessed H falls below the claim or drops more than --entropy-drop below its \
        trailing median. It exits 1 when one fires and names the device, test and night.

        Example:
          rngcert history history.sqlite --device hwrng-7 --since 2026-11-01 --check --html trends.html
        """
    )

    @Argument(help: "History database (from --history).")
    var database: String

    @Option(help: ArgumentHelp("Only this device.", valueName: "name"))
    var device: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Only reports started at or after this UTC date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ).", valueName: "date"))
    var since: String?

    @Flag(help: "Print JSON instead of the table.")
    var json = false

    @Option(help: ArgumentHelp("Write a self-contained HTML page with trend charts per device.", valueName: "file"))
    var html: String?

    @Flag(help: "Overwrite an existing --html file.")
    var force = false

    @Flag(help: "Apply the drift rules; exit 1 when one fires.")
    var check = false

    @Option(parsing: .unconditional, help: ArgumentHelp("False-alarm rate of each drift rule per device and check, in [1e-9, 0.5] (default 0.001).", valueName: "a"))
    var alpha: Double = 0.001

    @Option(name: .customLong("entropy-drop"), parsing: .unconditional, help: ArgumentHelp("Fraction of its trailing median H may drop before entropy-drop fires, in [0, 1] (default 0.1).", valueName: "f"))
    var entropyDrop: Double = 0.1

    func validate() throws {
        if let html, html.isEmpty || html.hasSuffix("/") { throw ValidationError("--html needs a file name, e.g. --html trends.html") }
        guard DriftRules.alphaRange.contains(alpha) else { throw ValidationError("--alpha \(alpha): must be between 1e-9 and 0.5") }
        guard DriftRules.dropRange.contains(entropyDrop) else { throw ValidationError("--entropy-drop \(entropyDrop): must be between 0 and 1") }
        if let since, !HistoryDate.isValid(since) {
            throw ValidationError("--since '\(TerminalText.escaped(since))': expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
        }
    }

    func run() throws {
        let store = try HistoryStore(path: database, create: false)
        let nights = try store.nights(device: device, since: since, histograms: check || html != nil)
        let rules = DriftRules(alpha: alpha, entropyDropFraction: entropyDrop)
        let findings = check ? rules.check(nights) : nil
        if let html {
            let page = HistoryPage.html(nights: nights, rules: rules, generatedAt: Timestamp.now())
            try SecureFileWriter.replace(html, bytes: Array(page.utf8), mode: 0o644, overwrite: force)
        }
        if json {
            let listing = HistoryListing(database: database, device: device, since: since, nights: nights,
                                         rules: check ? rules : nil, findings: findings)
            print(String(decoding: try listing.encoded(), as: UTF8.self), terminator: "")
        } else {
            print(HistoryTable.text(nights))
            if let findings { print(HistoryTable.findings(findings)) }
        }
        if let findings, !findings.isEmpty { throw ExitCode(1) }
    }
}
