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
            the JSON file. render does not check the signature: it names the signer the \
            report names (run `rngcert verify` to check it). Exit status: 0 written; 2 unreadable or malformed report, unknown \
            schemaVersion, or an existing output without --force.
            """
    )

    @Argument(help: ArgumentHelp("The report (report.json), or the directory that holds it.", valueName: "report"))
    var report: String

    @Option(help: ArgumentHelp("The HTML file to write (default: report.html beside the report).", valueName: "file"))
    var out: String?

    @Flag(help: "Overwrite an existing output file.")
    var force = false

    func validate() throws {
        if let out, out.isEmpty || out.hasSuffix("/") { throw ValidationError("--out needs a file name, e.g. --out report.html") }
    }

    func run() throws {
        // Messages quote file names and report fields: escape them (see TerminalText).
        do {
            try render()
        } catch let code as ExitCode {
            throw code
        } catch {
            throw TerminalText.EscapedError(error)
        }
    }

    private func render() throws {
        let reportPath = FileBytes.isDirectory(report)
            ? (report.hasSuffix("/") ? report : report + "/") + ReportSigner.reportFileName
            : report
        let output = out ?? ReportHTML.defaultOutputPath(forReport: reportPath)
        let bytes = try FileBytes.read(reportPath)
        let decoded = try ReportCoding.decodeCanonical(bytes, path: reportPath)
        let html = ReportHTML.render(decoded, reportBytes: bytes)
        try SecureFileWriter.replace(output, bytes: Array(html.utf8), mode: 0o644, overwrite: force)
        print(TerminalText.escaped("html: \(output)"))
        // render reads the report; it does not check the signature, so it names the signer
        // as the report does and says so.
        if let signer = decoded.signer {
            print(TerminalText.escaped(
                "signer named in the report: \(signer.algorithm) key fingerprint \(signer.fingerprint) "
                    + "(signature not checked by render; run rngcert verify)"))
        } else {
            print("unsigned: the report names no signer")
        }
    }
}
