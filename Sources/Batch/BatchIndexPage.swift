import Certification
import Foundation
import RandomnessCore

/// `index.html`: one self-contained page (no scripts, no external resources) listing every
/// input of the batch with its verdict and a relative link to its report.html. Every string
/// from the inputs (paths, errors, device) is HTML-escaped.
public enum BatchIndexPage {
    public static func html(summary: BatchSummary) -> String {
        let e = HTMLText.escape
        let worst = summary.entries.contains { $0.status == .error } ? "error"
            : (summary.entries.compactMap(\.verdict).max() ?? .notApplicable).rawValue
        var rows = ""
        for entry in summary.entries {
            let verdict = entry.verdict?.rawValue ?? "error"
            let link = entry.status == .error ? "—"
                : "<a href=\"\(e(percentEncoded(entry.directory)))/report.html\">report</a> · <a href=\"\(e(percentEncoded(entry.directory)))/report.json\">json</a>"
            let suites = (entry.suites ?? [:]).sorted { $0.key < $1.key }.map { "\(e($0.key)): <span class=\"v-\(e($0.value.rawValue))\">\(e($0.value.rawValue))</span>" }
                .joined(separator: ", ")
            rows += "<tr data-verdict=\"\(e(verdict))\"><td class=\"path\">\(e(entry.input))</td>"
                + "<td><span class=\"v-\(e(verdict))\">\(e(verdict.uppercased()))</span></td>"
                + "<td>\(e(entry.status.rawValue))</td><td>\(suites.isEmpty ? e(entry.error ?? "") : suites)</td>"
                + "<td>\(entry.byteCount.map(String.init) ?? "")</td><td class=\"hash\">\(e(entry.sha256.map { String($0.prefix(16)) + "…" } ?? ""))</td>"
                + "<td>\(link)</td></tr>\n"
        }
        let counts = summary.counts.sorted { $0.key < $1.key }.map { "\(e($0.key)) \($0.value)" }.joined(separator: " · ")
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>rngcert batch\(summary.device.map { " — " + e($0) } ?? "")</title>
        <style>
        body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
        table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
        .path,.hash{font-family:ui-monospace,monospace;word-break:break-all}
        .v-pass{color:#176b2c;font-weight:600}.v-fail,.v-error{color:#b00020;font-weight:600}.v-suspect{color:#a35c00;font-weight:600}.v-not-applicable{color:#666}
        </style></head><body>
        <h1>rngcert batch</h1>
        <p id="batch-verdict" data-verdict="\(e(worst))">\(summary.entries.count) inputs: \(counts). Exit code \(summary.exitCode).</p>
        <p>Device: \(e(summary.device ?? "not named")) · started \(e(summary.startedAt)) · finished \(e(summary.finishedAt)) · rngcert \(e(summary.tool.version)) · <a href="summary.json">summary.json</a> · <a href="junit.xml">junit.xml</a></p>
        <table id="entries"><thead><tr><th>input</th><th>verdict</th><th>status</th><th>suites</th><th>bytes</th><th>sha256</th><th>report</th></tr></thead>
        <tbody>
        \(rows)</tbody></table>
        </body></html>

        """
    }

    /// A directory name (already [A-Za-z0-9._-]) as a URL path segment.
    static func percentEncoded(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name
    }
}
