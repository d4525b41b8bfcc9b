import AssessmentEngine
import Foundation

/// Renders the self-contained HTML report (report.html) from the bytes of report.json.
///
/// The page is built from exactly those bytes: they are decoded (schema version checked
/// first), turned into a `ReportPage` and embedded verbatim. The output depends only on the
/// bytes, so rendering the same report.json twice gives the same page.
public enum ReportHTML {
    /// The page for the report whose JSON is `reportBytes`; `path` names it in errors.
    public static func render(reportBytes: [UInt8], path: String) throws(ReportError) -> String {
        let report = try ReportCoding.decodeCanonical(reportBytes, path: path)
        guard let json = String(validating: reportBytes, as: UTF8.self) else {
            throw .malformed(path: path, reason: "not UTF-8 text")
        }
        return render(ReportPage(report: report, json: json, jsonSHA256: SHA256Digest.hex(of: reportBytes)))
    }

    /// The page for `report` as encoded into `reportBytes` (exactly `ReportCoding.encode(report)`,
    /// the bytes of report.json), without decoding them again: what `ReportOutput` writes. It
    /// is the page `render(reportBytes:path:)` gives for those bytes.
    public static func render(_ report: Report, reportBytes: [UInt8]) -> String {
        render(ReportPage(report: report, json: String(decoding: reportBytes, as: UTF8.self),
                          jsonSHA256: SHA256Digest.hex(of: reportBytes)))
    }

    /// The page for a prepared view model.
    public static func render(_ page: ReportPage) -> String {
        guard let html = HTMLTemplateLibrary.library.render(page, withTemplate: PageTemplate.name) else {
            preconditionFailure("built-in template '\(PageTemplate.name)' is missing")
        }
        return html
    }
}

extension ReportHTML {
    /// Where `rngcert render` writes by default: the report's path with its `.json` extension
    /// replaced by `.html` (`report.html` beside `report.json`), or `.html` appended.
    public static func defaultOutputPath(forReport path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        if name.hasSuffix(".json") && name.count > 5 { return String(path.dropLast(5)) + ".html" }
        return path + ".html"
    }
}
