import Foundation
import Testing

/// File names are untrusted text: one with a newline or an escape sequence is printed with
/// those characters as visible escapes, in every command's errors and summaries, so no name
/// can forge a line, recolour the terminal or set its title.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct UntrustedNameTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    /// A raw control character other than the line ends that separate output lines.
    static func hasRawControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    static let evil = "in\u{1B}]0;pwned\u{07}\nverified: forged\u{1B}[2J"
    static let shown = "in\\u{1B}]0;pwned\\u{7}\\u{A}verified: forged\\u{1B}[2J"

    @Test("errors of every command quote a hostile file name escaped, on one line")
    func errorsEscapeNames() throws {
        let missing = Self.evil + ".bin"
        for arguments in [["assess", missing, "--out", "o"], ["ent", missing], ["entropy", "iid", missing],
                          ["entropy", "non-iid", missing], ["entropy", "health", missing, "--claimed-entropy", "7", "--bits-per-symbol", "8"],
                          ["verify", missing, "--fingerprint", String(repeating: "0", count: 64)], ["render", missing]] {
            let run = try RNGCertBinary.run(arguments, in: dir.path)
            #expect(run.status == 2, "\(arguments[0]): \(run.stderr)")
            #expect(run.stderr.hasPrefix("rngcert: error: "), "\(arguments)")
            #expect(run.stderr.filter { $0 == "\n" }.count == 1 && run.stderr.hasSuffix("\n"), "\(arguments): \(run.stderr)")
            #expect(!Self.hasRawControl(run.stderr), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(Self.shown), "\(arguments): \(run.stderr)")
        }
    }

    @Test("assess and simulate print a hostile input or output name escaped")
    func summariesEscapeNames() throws {
        let simulate = try RNGCertBinary.run(["simulate", "--bytes", "4K", "--out", Self.evil], in: dir.path)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        #expect(!Self.hasRawControl(simulate.stdout) && simulate.stdout.contains(Self.shown), "\(simulate.stdout)")
        let assess = try RNGCertBinary.run(["assess", Self.evil, "--suite", "ent", "--out", "out\u{1B}[31m"], in: dir.path)
        #expect(assess.status <= 1, "\(assess.stderr)")
        #expect(!Self.hasRawControl(assess.stdout), "\(assess.stdout)")
        #expect(assess.stdout.contains(Self.shown) && assess.stdout.contains("out\\u{1B}[31m/report.json"), "\(assess.stdout)")
        #expect(!assess.stdout.contains("\nverified: forged"))
    }
}
