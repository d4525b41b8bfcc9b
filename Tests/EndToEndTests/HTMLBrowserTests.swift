import Certification
import Foundation
import Testing

/// A headless Chromium, the browser these tests load report.html in; tests that need it are
/// skipped when it is absent (`scripts/install-deps --test` installs Debian's `chromium`).
enum HeadlessBrowser {
    static let path: String? = {
        var candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        if let pathVariable = ProcessInfo.processInfo.environment["PATH"] {
            for directory in pathVariable.split(separator: ":") {
                candidates += ["chromium", "chromium-browser", "google-chrome"].map { "\(directory)/\($0)" }
            }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var isAvailable: Bool { path != nil }

    /// Runs the browser headless on `arguments` with a private profile, killed after 120 s.
    static func run(_ arguments: [String], profile: String) throws -> ProcessResult {
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                      "--user-data-dir=\(profile)"]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/timeout") {
            return try ProcessRunner.run("/usr/bin/timeout", ["120", path!] + common + arguments)
        }
        return try ProcessRunner.run(path!, common + arguments)
    }

    /// Where screenshots are kept for a human to look at: $RNGCERT_SCREENSHOT_DIR, or
    /// rngcert-screenshots in the temporary directory.
    static let screenshotDirectory: String = {
        let path = ProcessInfo.processInfo.environment["RNGCERT_SCREENSHOT_DIR"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("rngcert-screenshots").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()
}

/// report.html in a real browser: it loads offline without errors, the DOM holds the verdict
/// and the embedded report, and a screenshot is taken (kept in `HeadlessBrowser.screenshotDirectory`).
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"),
       .enabled(if: HeadlessBrowser.isAvailable, "Chromium is not installed (scripts/install-deps --test installs it); report.html was not checked in a browser"))
struct HTMLBrowserTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    /// Assesses `input` into `out`, signed with a fresh key, and returns the page's path.
    func assess(_ input: [UInt8], extra: [String]) throws -> String {
        try dir.write("input.bin", input)
        let key = try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path)
        #expect(key.status == 0, "stderr: \(key.stderr)")
        let run = try RNGCertBinary.run(["assess", "input.bin", "--out", "out", "--sign-key", "lab.key"] + extra, in: dir.path)
        #expect(run.status == 0 || run.status == 1, "stderr: \(run.stderr)")
        return dir.path + "/out/report.html"
    }

    /// Loads `page` and checks the DOM and the console; returns the DOM.
    func loadWithoutErrors(_ page: String, verdict: String) throws -> String {
        let run = try HeadlessBrowser.run(["--enable-logging=stderr", "--v=0", "--dump-dom", "file://" + page], profile: dir.path + "/profile-dom")
        #expect(run.status == 0, "chromium stderr: \(run.stderr)")
        let dom = run.stdout
        #expect(dom.contains("id=\"verdict\""))
        #expect(dom.contains("data-verdict=\"\(verdict)\""))
        #expect(dom.contains("<pre id=\"report-json\""))
        #expect(dom.contains("</html>"))
        for line in run.stderr.split(separator: "\n") where line.contains("CONSOLE") || line.contains("Uncaught")
            || line.contains("ERR_FILE_NOT_FOUND") || line.contains("net::ERR_") || line.contains("Refused to") {
            Issue.record("browser reported: \(line)")
        }
        // The embedded JSON, as the browser parsed it, is report.json.
        let json = try dir.read("out/report.json")
        let start = try #require(dom.range(of: "<pre id=\"report-json\" class=\"json\">"))
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let unescaped = dom[start.upperBound..<end.lowerBound]
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
        #expect(Array(unescaped.utf8) == json)
        return dom
    }

    /// Takes a 1280 × 2000 screenshot of `page` into `name` and checks it is a PNG.
    func screenshot(_ page: String, name: String) throws {
        let file = HeadlessBrowser.screenshotDirectory + "/" + name
        try? FileManager.default.removeItem(atPath: file)
        let run = try HeadlessBrowser.run(["--hide-scrollbars", "--screenshot=\(file)", "--window-size=1280,2000", "file://" + page],
                                          profile: dir.path + "/profile-shot")
        #expect(run.status == 0, "chromium stderr: \(run.stderr)")
        let png = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(png.count > 20_000, "screenshot \(file) is only \(png.count) bytes")
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height, big-endian, at offsets 16 and 20.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1280 && height == 2000)
        print("screenshot: \(file)")
    }

    @Test func passingReportRendersAndScreenshots() throws {
        let input = Array(try Data(contentsOf: URL(fileURLWithPath: AssessCommandTests.demoInput)))
        let page = try assess(input, extra: ["--suite", "ent,sp800-22"])
        let dom = try loadWithoutErrors(page, verdict: "pass")
        #expect(dom.contains("id=\"sts-proportions\""))
        try screenshot(page, name: "report-pass.png")
    }

    @Test func entropyReportRendersAndScreenshots() throws {
        // SP 800-90B on 20,000 samples of the demo input (both tracks, health tests).
        let input = Array(try Data(contentsOf: URL(fileURLWithPath: AssessCommandTests.demoInput)).prefix(20_000))
        let page = try assess(input, extra: ["--suite", "ent,sp800-90b"])
        let report = try ReportCoding.decode(try dir.read("out/report.json"), path: "report.json")
        let dom = try loadWithoutErrors(page, verdict: report.verdict.rawValue)
        #expect(dom.contains("id=\"final-entropy\"") && dom.contains("id=\"noniid-chart\"") && dom.contains("id=\"sp800-90b-health\""))
        try screenshot(page, name: "report-90b.png")
    }

    @Test func failingReportRendersAndScreenshots() throws {
        // A biased source: every byte has its top bit clear. ENT and SP 800-22 reject it.
        let input = Array(try Data(contentsOf: URL(fileURLWithPath: AssessCommandTests.demoInput)).prefix(131_072)).map { $0 & 0x7F }
        let page = try assess(input, extra: ["--suite", "ent,sp800-22", "--stream-length", "1000000", "--streams", "1"])
        let dom = try loadWithoutErrors(page, verdict: "fail")
        #expect(dom.contains("id=\"sts-pvalues\""))
        try screenshot(page, name: "report-fail.png")
    }
}
