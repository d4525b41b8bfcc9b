import AssessmentEngine
@testable import Certification
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RandomnessCore
import Testing

/// The whole page: well-formed, self-contained, the verdict element, the embedded report.json
/// byte for byte, deterministic, and the errors for reports it cannot render.
@Suite("HTML report page")
struct ReportHTMLTests {
    /// Characters that could break out of the `<pre>`, a script block or an attribute, and
    /// non-ASCII text, placed where the report holds free text (path and arguments).
    static let hostilePath = "runs/</script><!-- </pre> & \"q\" 'a' ]]> \u{2028} Ünïcødé ✓ 🎲.bin"

    func page(_ bytes: [UInt8]) throws -> (html: String, document: XMLDocument) {
        let html = try ReportHTML.render(reportBytes: bytes, path: "report.json")
        return (html, try XMLCheck.document(html))
    }

    @Test("the page is well-formed and shows the verdict, input, signer and suites")
    func structure() throws {
        let report = try HTMLFixtures.eightStreams.get()
        let bytes = try HTMLFixtures.signedBytes(report)
        let (_, document) = try page(bytes)
        let verdict = try #require(try XMLCheck.nodes("//*[@id='verdict']", in: document).first)
        #expect(XMLCheck.attribute(verdict, "data-verdict") == report.verdict.rawValue)
        #expect(XMLCheck.attribute(verdict, "class") == "verdict \(VerdictBadge(report.verdict).cssClass)")
        #expect(verdict.stringValue?.contains(VerdictBadge(report.verdict).text) == true)
        let text = try #require(document.rootElement()?.stringValue)
        #expect(text.contains(report.input.sha256))
        #expect(text.contains(try #require(try HTMLFixtures.signer().stamped(report).signer?.fingerprint)))
        #expect(try XMLCheck.nodes("//*[@id='unsigned']", in: document).isEmpty)
        for id in ["ent", "sp800-22", "verification", "signed-report", "ent-byte-frequency", "sts-histogram", "sts-proportions"] {
            #expect(try XMLCheck.nodes("//*[@id='\(id)']", in: document).count == 1, "id \(id)")
        }
        #expect(try XMLCheck.nodes("//*[@id='sp800-90b']", in: document).isEmpty)
        // Ids are unique, and every in-page link and aria reference points to one.
        let ids = try XMLCheck.nodes("//@id", in: document).compactMap(\.stringValue)
        #expect(Set(ids).count == ids.count)
        for href in try XMLCheck.nodes("//@href", in: document).compactMap(\.stringValue) {
            #expect(href.hasPrefix("#") && ids.contains(String(href.dropFirst())), "href \(href)")
        }
        for reference in try XMLCheck.nodes("//@aria-labelledby", in: document).compactMap(\.stringValue) {
            for id in reference.split(separator: " ") { #expect(ids.contains(String(id)), "aria-labelledby \(id)") }
        }
        // Every chart is accessible: a title and a description.
        for svg in try XMLCheck.nodes("//svg", in: document) {
            #expect(XMLCheck.attribute(svg, "role") == "img")
            #expect(try !svg.nodes(forXPath: "title").isEmpty && !svg.nodes(forXPath: "desc").isEmpty)
        }
    }

    @Test("an unsigned report says so")
    func unsigned() throws {
        let (_, document) = try page(try ReportCoding.encode(HTMLFixtures.eightStreams.get()))
        #expect(try XMLCheck.nodes("//*[@id='unsigned']", in: document).count == 1)
        #expect(try XMLCheck.nodes("//*[@id='verification']", in: document).first?.stringValue?.contains("not signed") == true)
    }

    @Test("the embedded report.json is byte for byte the input, whatever its text holds")
    func embeddedJSONRoundTrip() throws {
        var report = try HTMLFixtures.eightStreams.get()
        report.input.path = Self.hostilePath
        report.command.arguments = ["assess", Self.hostilePath, "--out", "</pre></details><script>alert(1)</script>"]
        report.host = "<b>host</b> & co"
        let bytes = try HTMLFixtures.signedBytes(report)
        let json = try #require(String(validating: bytes, as: UTF8.self))
        #expect(json.contains("</script>") && json.contains("</pre>"))  // nothing in the JSON was escaped away
        let (html, document) = try page(bytes)
        let pre = try #require(try XMLCheck.nodes("//pre[@id='report-json']", in: document).first)
        #expect(Array(try #require(pre.stringValue).utf8) == bytes)
        // Between the tags the JSON is escaped: no markup from the report reaches the page.
        let start = try #require(html.range(of: "<pre id=\"report-json\" class=\"json\">"))
        let end = try #require(html.range(of: "</pre>", range: start.upperBound..<html.endIndex))
        let inner = html[start.upperBound..<end.lowerBound]
        #expect(!inner.contains("<") && !inner.contains(">"))
        #expect(inner == HTMLText.escape(json)[...])
        #expect(try XMLCheck.nodes("//script", in: document).isEmpty)
        #expect(try XMLCheck.nodes("//b", in: document).isEmpty)
        // The digest shown is the digest of those bytes.
        #expect(html.contains(SHA256Digest.hex(of: bytes)))
    }

    @Test("nothing outside the page: no URL, no external file, no script")
    func selfContained() throws {
        let (html, document) = try page(try HTMLFixtures.signedBytes(HTMLFixtures.oneStream.get()))
        for needle in ["http://", "https://", "url(", "@import", "src=", "<link", "<script", "<img", "<iframe", "<object", "<embed", "//fonts"] {
            #expect(!html.contains(needle), "\(needle)")
        }
        #expect(try XMLCheck.nodes("//*[@src]", in: document).isEmpty)
        #expect(try XMLCheck.nodes("//@href", in: document).allSatisfy { $0.stringValue?.hasPrefix("#") == true })
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\" />"))
    }

    @Test("the same report.json gives the same page, decoded or not")
    func deterministic() throws {
        let report = try HTMLFixtures.signer().stamped(HTMLFixtures.eightStreams.get())
        let bytes = try ReportCoding.encode(report)
        let page = try ReportHTML.render(reportBytes: bytes, path: "a")
        #expect(try page == ReportHTML.render(reportBytes: bytes, path: "b"))
        #expect(page == ReportHTML.render(report, reportBytes: bytes))
    }

    @Test("malformed JSON, an unknown schemaVersion and non-UTF-8 bytes are precise errors")
    func errors() throws {
        #expect(throws: ReportError.unknownSchemaVersion(path: "r.json", version: 1)) {
            try ReportHTML.render(reportBytes: Array(#"{"schemaVersion": 1}"#.utf8), path: "r.json")
        }
        let truncated = Array(try HTMLFixtures.signedBytes(HTMLFixtures.oneStream.get()).prefix(500))
        let error = #expect(throws: ReportError.self) { try ReportHTML.render(reportBytes: truncated, path: "r.json") }
        guard case let .malformed(path, reason)? = error else { Issue.record("expected .malformed, got \(String(describing: error))"); return }
        #expect(path == "r.json" && !reason.isEmpty)
        #expect(throws: ReportError.self) { try ReportHTML.render(reportBytes: [0x7b, 0xff, 0xfe, 0x7d], path: "r.json") }
        #expect(throws: ReportError.self) { try ReportHTML.render(reportBytes: Array(#"{"schemaVersion": 2}"#.utf8), path: "r.json") }
    }

    @Test("the SP 800-90B suite of a report renders: final H, reasons, tracks, health tests")
    func sp80090bSuite() throws {
        let report = try HTMLFixtures.withSP80090B.get()
        let suite = try #require(report.suites.sp80090b)
        let (html, document) = try page(try ReportCoding.encode(report))
        for id in ["sp800-90b", "final-entropy", "sp800-90b-reasons", "sp800-90b-noniid", "noniid-chart", "sp800-90b-iid",
                   "iid-chart", "sp800-90b-health", "health-summary"] {
            #expect(try XMLCheck.nodes("//*[@id='\(id)']", in: document).count == 1, "id \(id)")
        }
        #expect(try XMLCheck.nodes("//*[@id='sp800-90b-restart']", in: document).isEmpty)
        let final = try #require(try XMLCheck.nodes("//*[@id='final-entropy']", in: document).first?.stringValue)
        let h = try #require(suite.assessedMinEntropy)
        #expect(final.contains(DisplayFormat.fixed(h, 6)))
        let reasons = try XMLCheck.nodes("//*[@id='sp800-90b-reasons']/li", in: document).compactMap(\.stringValue)
        #expect(reasons == suite.reasons)
        #expect(html.contains("Cutoffs from the claimed min-entropy; alarms are judged against the false alarms chance gives a source that meets the claim."))
        let judgement = try #require(try XMLCheck.nodes("//*[@id='health-judgement']", in: document).first?.stringValue)
        #expect(judgement.contains("expected by chance"), "\(judgement)")
        let row = try #require(try XMLCheck.nodes("//table[@class='suites']//tr[td/a/@href='#sp800-90b']", in: document).first?.stringValue)
        #expect(row.contains("SP 800-90B") && row.contains("H = \(DisplayFormat.fixed(h, 6)) bits per 8-bit sample"))
    }

    @Test("permutation tests that did not run show why, and no figures")
    func iidPermutationsNotRun() throws {
        let report = try HTMLFixtures.eightStreams.get()
        let bytes = try ReportCoding.encode(report)
        var page = ReportPage(report: report, json: String(decoding: bytes, as: UTF8.self), jsonSHA256: SHA256Digest.hex(of: bytes))
        page.sp80090b = SP80090BSection(verdict: .pass, bitsPerSymbol: 3, iid: try HTMLFixtures.iidRejectedEarly.get())
        let document = try XMLCheck.document(ReportHTML.render(page))
        let note = try #require(try XMLCheck.nodes("//*[@id='iid-permutations-not-run']", in: document).first?.stringValue)
        #expect(note == "Not run: IID already rejected by chi-square independence.")
        #expect(try XMLCheck.nodes("//table[@class='permutations']", in: document).isEmpty)
    }

    @Test("a not-applicable SP 800-90B suite shows no min-entropy")
    func sp80090bNotApplicable() throws {
        var report = try HTMLFixtures.oneStream.get()
        report.suites.sp80090b = HTMLFixtures.notApplicableSP80090B
        let (html, document) = try page(try ReportCoding.encode(report))
        #expect(try XMLCheck.nodes("//*[@id='final-entropy']", in: document).isEmpty)
        #expect(!html.contains("H = 0.000000"))
        let row = try #require(try XMLCheck.nodes("//table[@class='suites']//tr[td/a/@href='#sp800-90b']", in: document).first?.stringValue)
        #expect(row.contains("no min-entropy assessed"), "\(row)")
    }

    @Test("every SP 800-90B panel renders when present (restart and health alarms included)")
    func sp80090bPanels() throws {
        let report = try HTMLFixtures.eightStreams.get()
        let bytes = try ReportCoding.encode(report)
        var page = ReportPage(report: report, json: String(decoding: bytes, as: UTF8.self), jsonSHA256: SHA256Digest.hex(of: bytes))
        let nonIID = try HTMLFixtures.nonIID.get()
        page.sp80090b = SP80090BSection(verdict: .fail, bitsPerSymbol: 8, nonIID: nonIID, iid: try HTMLFixtures.iid.get(),
                                        restart: try HTMLFixtures.restart.get(), health: try HTMLFixtures.health.get())
        let html = ReportHTML.render(page)
        // RNGCERT_HTML_SAMPLE_DIR=DIR keeps this page (DIR/report-90b-panels.html) to look at.
        if let sampleDirectory = ProcessInfo.processInfo.environment["RNGCERT_HTML_SAMPLE_DIR"] {
            try Data(html.utf8).write(to: URL(fileURLWithPath: sampleDirectory).appendingPathComponent("report-90b-panels.html"))
        }
        let document = try XMLCheck.document(html)
        for id in ["sp800-90b", "final-entropy", "sp800-90b-noniid", "noniid-chart", "sp800-90b-iid", "iid-chart",
                   "sp800-90b-restart", "restart-chart", "sp800-90b-health", "health-alarms"] {
            #expect(try XMLCheck.nodes("//*[@id='\(id)']", in: document).count == 1, "id \(id)")
        }
        // Without a suite's H, the section takes the non-IID assessment.
        let final = try #require(try XMLCheck.nodes("//*[@id='final-entropy']", in: document).first?.stringValue)
        #expect(final.contains(DisplayFormat.fixed(nonIID.assessedMinEntropy, 6)))
        let alarms = try XMLCheck.nodes("//*[@id='health-alarms']//tbody/tr", in: document)
        #expect(alarms.count == min(HealthPanel.listedAlarms, try HTMLFixtures.health.get().alarms.count))
    }

    @Test("ReportOutput writes report.html rendered from exactly the bytes of report.json")
    func writtenWithReport() throws {
        let dir = try SigningScratchDirectory()
        let written = try ReportOutput.write(try HTMLFixtures.oneStream.get(), into: dir.path, signer: HTMLFixtures.signer(), overwrite: false)
        #expect(try dir.listing() == ["report.html", "report.json", "report.json.sig"])
        #expect(written.files.html == dir.path + "/report.html")
        let html = try dir.read("report.html")
        #expect(html == written.html)
        #expect(html == Array(try ReportHTML.render(reportBytes: dir.read("report.json"), path: "x").utf8))
    }

    @Test("an existing report.html blocks writing unless overwrite is set")
    func htmlOverwrite() throws {
        let dir = try SigningScratchDirectory()
        try dir.file("report.html", Array("old".utf8))
        let report = try HTMLFixtures.oneStream.get()
        #expect(throws: FileWriteError.exists(path: dir.path + "/report.html")) {
            try ReportOutput.write(report, into: dir.path, signer: nil, overwrite: false)
        }
        #expect(try dir.listing() == ["report.html"])
        try ReportOutput.write(report, into: dir.path, signer: nil, overwrite: true)
        #expect(try dir.listing() == ["report.html", "report.json"])
        #expect(try dir.read("report.html") != Array("old".utf8))
    }

    @Test("the templates parse, and partials are included at the start of a line")
    func templates() throws {
        for (name, text) in HTMLTemplateLibrary.sources {
            #expect(throws: Never.self, "\(name)") { try HTMLTemplateLibrary.validate(text) }
            for line in text.split(separator: "\n") where line.contains("{{>") {
                #expect(line.hasPrefix("{{>"), "\(name): \(line)")
            }
        }
    }

    @Test("the default output of render is report.html beside report.json")
    func defaultOutput() {
        #expect(ReportHTML.defaultOutputPath(forReport: "out/report.json") == "out/report.html")
        #expect(ReportHTML.defaultOutputPath(forReport: "report.json") == "report.html")
        #expect(ReportHTML.defaultOutputPath(forReport: "out/run.JSON") == "out/run.JSON.html")
        #expect(ReportHTML.defaultOutputPath(forReport: "dir.json/.json") == "dir.json/.json.html")
    }
}
