import AssessmentEngine
import ENT
import RandomnessCore
import SP80022
import SP80090B

/// Everything the HTML report shows, prepared from a `Report` as plain strings, numbers and
/// finished SVG: the templates only place it. Built from the decoded report and the exact
/// JSON text it was decoded from.
public struct ReportPage: Sendable, Equatable {
    public var documentTitle: String
    /// The input's file name (or "standard input").
    public var heading: String
    /// "rngcert 0.1.0 · 2026-11-21 22:22:02 UTC · host vm".
    public var subtitle: String
    public var generator: String
    public var schemaVersion: Int
    public var verdict: VerdictBadge
    public var verdictSummary: String
    public var suites: [SuiteRow]
    public var input: [KeyValueRow]
    public var run: [KeyValueRow]
    public var signed: Bool
    public var signer: [KeyValueRow]
    public var ent: ENTSection?
    public var sp80022: SP80022Section?
    public var sp80090b: SP80090BSection?
    public var verification: VerificationSection
    public var embedded: EmbeddedReport
    public var stylesheet: String

    /// - Parameters:
    ///   - report: the decoded report.
    ///   - json: the text of report.json the report was decoded from, embedded verbatim.
    ///   - jsonSHA256: SHA-256 of those bytes (lowercase hex).
    public init(report: Report, json: String, jsonSHA256: String) {
        let input = report.input
        let name = input.path == "-" ? "standard input" : (input.path.split(separator: "/").last.map(String.init) ?? input.path)
        heading = name
        verdict = VerdictBadge(report.verdict)
        documentTitle = "\(verdict.text) · \(name) · rngcert report"
        generator = "\(report.tool.name) \(report.tool.version)"
        schemaVersion = report.schemaVersion
        subtitle = "Assessed by \(report.tool.name) \(report.tool.version) on \(Self.readableTime(report.startedAt)) · host \(report.host)"

        var suites: [SuiteRow] = []
        if let ent = report.suites.ent {
            var detail = "entropy \(DisplayFormat.fixed(ent.byteMode.entropy, 6)) bits per byte"
            if let p = ent.byteMode.chiSquarePValue { detail += ", χ² p = \(DisplayFormat.pValue(p))" }
            suites.append(SuiteRow(name: "ENT", anchor: "ent", verdict: VerdictBadge(ent.verdict), detail: detail))
        }
        if let sts = report.suites.sp80022 {
            let slots = sts.analysis.flatMap(\.slots)
            let failed = slots.filter { $0.verdict == .fail }.count
            let marked = slots.filter(\.flagged).count
            suites.append(SuiteRow(
                name: "SP 800-22", anchor: "sp800-22", verdict: VerdictBadge(sts.verdict),
                detail: "\(DisplayFormat.grouped(sts.streamCount)) × \(DisplayFormat.grouped(sts.streamLength)) bits, \(sts.tests.count) tests, "
                    + "\(slots.count) slots, \(marked) marked, \(failed) failed"))
        }
        if let ea = report.suites.sp80090b {
            let track = ea.assessedBy == .iid ? "IID" : "non-IID"
            suites.append(SuiteRow(
                name: "SP 800-90B", anchor: "sp800-90b", verdict: VerdictBadge(ea.verdict),
                detail: (ea.assessedMinEntropy.map { "H = \(DisplayFormat.fixed($0, 6)) bits per \(ea.bitsPerSymbol)-bit sample (\(track) track)" } ?? "no min-entropy assessed")
                    + (ea.healthTests.map { ", \(DisplayFormat.grouped($0.alarmCount)) health-test alarm\($0.alarmCount == 1 ? "" : "s")" } ?? "")))
        }
        self.suites = suites
        let failing = report.suites.verdicts.filter { $0.verdict == .fail }.map { Self.suiteName($0.suite) }
        let suspect = report.suites.verdicts.filter { $0.verdict == .suspect }.map { Self.suiteName($0.suite) }
        switch report.verdict {
        case .pass: verdictSummary = suites.count == 1 ? "The one suite that ran passed." : suites.count == 2 ? "Both suites that ran passed." : "All \(suites.count) suites that ran passed."
        case .fail: verdictSummary = "Failed: \(failing.joined(separator: ", "))." + (suspect.isEmpty ? "" : " Suspect: \(suspect.joined(separator: ", ")).")
        case .suspect: verdictSummary = "No suite failed, but \(suspect.joined(separator: ", ")) gave a borderline result worth a second look."
        case .notApplicable: verdictSummary = suites.isEmpty ? "No suite ran." : "No suite could run on this input: see the reasons below."
        }

        var inputRows = [
            KeyValueRow("Path", input.path == "-" ? "- (standard input)" : input.path, code: true),
            KeyValueRow("Size", DisplayFormat.bytes(input.byteCount)),
            KeyValueRow("SHA-256", input.sha256, code: true),
            KeyValueRow("Format", Self.formatName(input.format)),
            KeyValueRow("Bit order", input.bitOrder == .msb ? "most significant bit first (msb)" : "least significant bit first (lsb)"),
            KeyValueRow("Bits per symbol", input.bitsPerSymbol.map(String.init) ?? "— (SP 800-90B did not run)"),
        ]
        if let limit = report.command.parameters.byteLimit {
            inputRows.append(KeyValueRow("Byte limit", "first \(DisplayFormat.grouped(limit)) bytes (--bytes)"))
        }
        self.input = inputRows
        var runRows = [
            KeyValueRow("Tool", "\(report.tool.name) \(report.tool.version) (\(report.tool.build))"),
            KeyValueRow("Command", ([report.tool.name] + report.command.arguments).map(quoted).joined(separator: " "), code: true),
            KeyValueRow("Host", report.host),
            KeyValueRow("Started", Self.readableTime(report.startedAt)),
            KeyValueRow("Finished", Self.readableTime(report.finishedAt)),
        ]
        if let duration = DisplayFormat.duration(from: report.startedAt, to: report.finishedAt) {
            runRows.append(KeyValueRow("Duration", duration))
        }
        runRows.append(KeyValueRow("Schema version", "\(report.schemaVersion)"))
        run = runRows
        if let signer = report.signer {
            signed = true
            self.signer = [
                KeyValueRow("Algorithm", signer.algorithm),
                KeyValueRow("Fingerprint", signer.fingerprint, code: true, note: "SHA-256 of the raw public key"),
                KeyValueRow("Public key", signer.publicKey, code: true),
            ]
        } else {
            signed = false
            signer = []
        }
        ent = report.suites.ent.map { ENTSection($0) }
        sp80022 = report.suites.sp80022.map { SP80022Section($0) }
        sp80090b = report.suites.sp80090b.map { SP80090BSection($0) }
        verification = VerificationSection(report: report, reportSHA256: jsonSHA256)
        embedded = EmbeddedReport(json: json, byteCount: json.utf8.count, sha256: jsonSHA256)
        stylesheet = ReportStylesheet.css
    }

    static func suiteName(_ suite: SuiteID) -> String {
        switch suite {
        case .ent: "ENT"
        case .sp80022: "SP 800-22"
        case .sp80090b: "SP 800-90B"
        }
    }

    static func formatName(_ format: InputFormat) -> String {
        switch format {
        case .raw: "raw bytes"
        case .ascii01: "ASCII '0'/'1' characters"
        case .hex: "hexadecimal text"
        case .samples: "one sample per byte"
        }
    }

    /// "2026-11-21T22:22:02.682Z" → "2026-11-21 22:22:02.682 UTC" (other text unchanged).
    static func readableTime(_ rfc3339: String) -> String {
        guard rfc3339.count >= 20, rfc3339.hasSuffix("Z"), DisplayFormat.seconds(rfc3339: rfc3339) != nil else { return rfc3339 }
        return rfc3339.dropLast().replacingOccurrences(of: "T", with: " ") + " UTC"
    }
}
