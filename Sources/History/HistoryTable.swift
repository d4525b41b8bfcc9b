import Foundation
import RandomnessCore

/// The plain-text table `rngcert history` prints, one line per night, and the findings of
/// `--check`. Device names and paths are terminal-escaped.
public enum HistoryTable {
    public static func text(_ nights: [HistoryNight]) -> String {
        let header = ["device", "time", "verdict", "ENT H", "ENT p", "bias z", "STS pass", "90B H", "claim", "alarms", "input"]
        var rows = [header]
        for night in nights {
            let row = night.row
            let pass = night.tests.reduce(0) { $0 + $1.passCount }
            let size = night.tests.reduce(0) { $0 + $1.sampleSize }
            rows.append([
                TerminalText.escaped(row.device), row.time, row.verdict,
                row.entEntropy.map { fixed($0, 6) } ?? "-", row.entChiSquareP.map { fixed($0, 4) } ?? "-",
                row.biasScore.map { fixed($0, 2) } ?? "-", size > 0 ? fixed(Double(pass) / Double(size), 4) : "-",
                row.assessedH.map { fixed($0, 4) } ?? "-", row.claimedH.map { fixed($0, 4) } ?? "-",
                row.healthAlarms.map(String.init) ?? "-", TerminalText.escaped(row.inputPath),
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = rows.map { row in
            row.enumerated().map { index, cell in index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
        text += "\n\(nights.count) report\(nights.count == 1 ? "" : "s")"
        return text
    }

    /// One line per finding: "drift: device 'X': rule (test) at night N (time, input): detail".
    public static func findings(_ findings: [DriftFinding]) -> String {
        if findings.isEmpty { return "check: no drift rule fired" }
        return findings.map { f in
            "drift: device '\(TerminalText.escaped(f.device))': \(f.rule.rawValue) (\(TerminalText.escaped(f.test))) at night \(f.night) "
                + "(\(f.time), \(TerminalText.escaped(f.inputPath))): \(f.detail)"
        }.joined(separator: "\n")
    }

    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
