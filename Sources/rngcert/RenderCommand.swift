import ArgumentParser
import Certification
import RandomnessCore

/// `rngcert render`: re-renders the HTML report from a report.json.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the self-contained HTML report from a report.json.",
        discussion: """
            Writes the same page `rngcert assess` writes as report.html, from the bytes of the \
            given report.json (embedded verbatim). The default output is report.html beside \
            the JSON file. Exit status: 0 written; 2 unreadable or malformed report, unknown \
            schemaVersion, or an existing output without --force.
            """
    )

    @Argument(help: ArgumentHelp("The report (report.json), or the directory that holds it.", valueName: "report"))
    var report: String

    @Option(help: ArgumentHelp("The HTML file to write (default: report.html beside the report).", valueName: "file"))
    var out: String?

    @Flag(help: "Overwrite an existing output file.")
    var force = false

    func run() throws {
        let reportPath = FileBytes.isDirectory(report)
            ? (report.hasSuffix("/") ? report : report + "/") + ReportSigner.reportFileName
            : report
        let output = out ?? ReportHTML.defaultOutputPath(forReport: reportPath)
        let html = try ReportHTML.render(reportBytes: FileBytes.read(reportPath), path: reportPath)
        try SecureFileWriter.replace(output, bytes: Array(html.utf8), mode: 0o644, overwrite: force)
        print("html: \(output)")
    }
}
