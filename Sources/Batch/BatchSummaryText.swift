import RandomnessCore

/// The lines `rngcert batch` prints: one per input, then the totals and the files written.
/// Input paths and errors are terminal-escaped.
public enum BatchSummaryText {
    public static func text(_ summary: BatchSummary, files: BatchFiles) -> String {
        var lines = summary.entries.map { entry in
            let verdict = (entry.verdict?.rawValue ?? "error").uppercased()
            // Errors name their file themselves ("PATH: cannot open: …").
            let text = entry.error ?? (entry.input + (entry.status == .resumed ? " (resumed)" : ""))
            return verdict.padding(toLength: 15, withPad: " ", startingAt: 0) + TerminalText.escaped(text)
        }
        let counts = summary.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        lines.append("batch: \(summary.entries.count) inputs (\(counts)); exit code \(summary.exitCode)")
        lines.append("summary: \(TerminalText.escaped(files.summary))")
        lines.append("junit: \(TerminalText.escaped(files.junit))")
        lines.append("index: \(TerminalText.escaped(files.index))")
        return lines.joined(separator: "\n")
    }
}
