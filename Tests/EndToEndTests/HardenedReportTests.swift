import AssessmentEngine
import Certification
import Foundation
import RandomnessCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 11: reports crafted to mislead or hang `verify` and `render`, each signed with the
/// trusted key (the signature is valid; the content is the attack).
@Suite("verify and render against crafted reports", .enabled(if: RNGCertBinary.isAvailable, "rngcert binary not found in the build products (run `swift build -c release` first)"))
struct HardenedReportTests {
    static let data = Array("end-to-end test data for rngcert verify\n".utf8)
    let dir: EndToEndDirectory
    let key: SigningKey

    init() throws {
        dir = try EndToEndDirectory()
        let keygen = try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path)
        #expect(keygen.status == 0, "\(keygen.stderr)")
        key = try SigningKey(contentsOf: dir.path + "/lab.key")
        try dir.write("data.bin", Self.data)
        try FileManager.default.createDirectory(atPath: dir.path + "/out", withIntermediateDirectories: true)
    }

    /// The report the lab key signs, before any edit.
    func report(_ edit: (inout Report) -> Void = { _ in }) -> Report {
        var report = ReportSigner(key: key).stamped(EndToEndReports.report(data: Self.data))
        edit(&report)
        return report
    }

    /// Writes `bytes` as out/report.json with a valid signature by the lab key.
    func sign(_ bytes: [UInt8], as name: String = "out/report.json") throws {
        try dir.write(name, bytes)
        try dir.write(name + ".sig", try key.signature(for: bytes))
    }

    func run(_ arguments: [String]) throws -> ProcessResult {
        try RNGCertBinary.run(arguments, in: dir.path, timeout: 60)
    }

    @Test("a key given twice (input.sha256, verdict) is refused by verify and render: exit 2, one line")
    func duplicateKeys() throws {
        let text = String(decoding: try ReportCoding.encode(report()), as: UTF8.self)
        let sha = try #require(text.range(of: "\"sha256\" : \""))
        // rngcert's decoder and jq could each read another of the two values.
        let forged = text.replacingCharacters(in: sha.lowerBound..<sha.lowerBound,
            with: "\"sha256\" : \"\(SHA256Digest.hex(of: Array("other data".utf8)))\",\n    ")
        try sign(Array(forged.utf8))
        let verify = try run(["verify", "out/report.json", "--key", "lab.pub", "--data", "data.bin"])
        #expect(verify.status == 2)
        #expect(verify.stdout.isEmpty)
        #expect(verify.stderr == "rngcert: error: out/report.json: not a valid rngcert report: duplicate key input.sha256\n")
        let render = try run(["render", "out/report.json"])
        #expect(render.status == 2)
        #expect(render.stderr == "rngcert: error: out/report.json: not a valid rngcert report: duplicate key input.sha256\n")
    }

    @Test("valid JSON that is not the canonical form (extra space) is refused with the byte offset")
    func notCanonical() throws {
        let bytes = try ReportCoding.encode(report())
        try sign(Array(bytes.dropLast()) + Array(" \n".utf8))
        let verify = try run(["verify", "out/report.json", "--key", "lab.pub"])
        #expect(verify.status == 2)
        #expect(verify.stderr == "rngcert: error: out/report.json: not a valid rngcert report: not in the canonical form rngcert writes "
            + "(sorted keys, two-space indentation, no unknown fields): first difference at byte \(bytes.count - 1)\n")
    }

    @Test("a negative byteLimit is malformed (exit 2) instead of a hang in the data check")
    func negativeByteLimit() throws {
        try sign(try ReportCoding.encode(report { $0.command.parameters.byteLimit = -5 }))
        let verify = try run(["verify", "out/report.json", "--key", "lab.pub", "--data", "data.bin"])
        #expect(verify.status == 2)
        #expect(verify.stderr == "rngcert: error: out/report.json: not a valid rngcert report: command.parameters.byteLimit is -5; it must be a positive byte count\n")
    }

    @Test("the data check is skipped when the signature check failed")
    func dataSkippedAfterBadSignature() throws {
        try sign(try ReportCoding.encode(report()))
        var signature = try dir.read("out/report.json.sig")
        signature[3] ^= 0x10
        try dir.write("out/report.json.sig", signature)
        let verify = try run(["verify", "out/report.json", "--key", "lab.pub", "--data", "data.bin", "--rerun"])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("\ndata: skipped (an earlier check failed)\nrerun: skipped (an earlier check failed)\n"))
    }

    @Test("small-order public keys are refused in --key and in signer.publicKey (exit 2, one line)")
    func smallOrderKeys() throws {
        try sign(try ReportCoding.encode(report()))
        let identity = [UInt8(1)] + [UInt8](repeating: 0, count: 31)  // the identity point (RFC 8032 encoding of y = 1)
        let der = Ed25519KeyEncoding.publicKeyDER(raw: identity)
        try dir.write("small.pub", Array(PEMDocument(label: Ed25519KeyEncoding.publicKeyLabel, der: der).text.utf8))
        let hex = "01" + String(repeating: "00", count: 31)
        let withKey = try run(["verify", "out/report.json", "--key", "small.pub"])
        #expect(withKey.status == 2)
        #expect(withKey.stderr == "rngcert: error: small.pub: Ed25519 public key \(hex) is a small-order point; it verifies forged signatures and is refused\n")

        // The attack: a report naming the identity as its signer, with R = identity, S = 0.
        let fingerprint = KeyFingerprint.of(rawPublicKey: identity)
        let forged = report {
            $0.signer?.publicKey = Data(der).base64EncodedString()
            $0.signer?.fingerprint = fingerprint
        }
        try dir.write("out/report.json", try ReportCoding.encode(forged))
        try dir.write("out/report.json.sig", identity + [UInt8](repeating: 0, count: 32))
        let pinned = try run(["verify", "out/report.json", "--fingerprint", fingerprint])
        #expect(pinned.status == 2)
        #expect(pinned.stderr == "rngcert: error: out/report.json: signer.publicKey: Ed25519 public key \(hex) is a small-order point; it verifies forged signatures and is refused\n")
    }

    @Test("control characters in report values and file names are printed escaped")
    func controlCharacters() throws {
        let evil = "rngcert\u{1B}]0;pwned\u{07}\u{1B}[2J\nverified: forged\u{9B}"
        try sign(try ReportCoding.encode(report {
            $0.tool.name = evil
            $0.tool.version = "0.1\r"
        }))
        let verify = try run(["verify", "out/report.json", "--key", "lab.pub"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        for output in [verify.stdout, verify.stderr] {
            #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
        }
        #expect(verify.stdout.hasPrefix(
            "report: out/report.json (schema 2, rngcert\\u{1B}]0;pwned\\u{7}\\u{1B}[2J\\u{A}verified: forged\\u{9B} 0.1\\u{D}, verdict not-applicable)\n"))
        #expect(!verify.stdout.contains("\nverified: forged"))

        // A file name with an escape sequence, in output and in an error.
        let name = "out/r\u{1B}[31mred.json"
        try sign(try ReportCoding.encode(report()), as: name)
        let named = try run(["verify", name, "--key", "lab.pub"])
        #expect(named.status == 0)
        #expect(named.stdout.hasSuffix("verified: out/r\\u{1B}[31mred.json\n"))
        let missing = try run(["verify", "out/gone\u{1B}[2J.json", "--key", "lab.pub"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "rngcert: error: out/gone\\u{1B}[2J.json: cannot read: No such file or directory\n")
        let render = try run(["render", name, "--out", "page\u{7}.html"])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stdout.hasPrefix("html: page\\u{7}.html\n"))
    }

    @Test("render names the signer without claiming the signature was checked")
    func renderSaysWhatWasChecked() throws {
        let signed = report()
        try sign(try ReportCoding.encode(signed))
        // The signature is garbage: render must not vouch for it.
        try dir.write("out/report.json.sig", [UInt8](repeating: 7, count: 64))
        let render = try run(["render", "out/report.json"])
        #expect(render.status == 0, "\(render.stderr)")
        let fingerprint = try #require(signed.signer?.fingerprint)
        #expect(render.stdout == """
            html: out/report.html
            signer named in the report: Ed25519 key fingerprint \(fingerprint) (signature not checked by render; run rngcert verify)

            """)
        let page = String(decoding: try dir.read("out/report.html"), as: UTF8.self)
        #expect(page.contains("signature-not-checked"))
        #expect(page.contains("The signer named in the report is the Ed25519 key with fingerprint <code>\(fingerprint)</code>"))
        #expect(!page.contains("is signed with Ed25519 by"))
    }

    @Test("FIFOs without a writer are refused at once: report, signature, --key, --sign-key, render")
    func fifos() throws {
        try sign(try ReportCoding.encode(report()))
        #expect(mkfifo(dir.path + "/fifo", 0o600) == 0)
        let cases: [(arguments: [String], message: String)] = [
            (["verify", "fifo", "--key", "lab.pub"], "fifo: cannot read: not a regular file"),
            (["verify", "out/report.json", "--key", "lab.pub", "--signature", "fifo"], "fifo: cannot read: not a regular file"),
            (["verify", "out/report.json", "--key", "fifo"], "fifo: cannot read key: not a regular file"),
            (["render", "fifo", "--out", "x.html"], "fifo: cannot read: not a regular file"),
            (["assess", "data.bin", "--suite", "ent", "--sign-key", "fifo", "--out", "signed"], "fifo: cannot read key: not a regular file"),
        ]
        for (arguments, message) in cases {
            let result = try RNGCertBinary.run(arguments, in: dir.path, timeout: 30)
            #expect(result.status == 2, "\(arguments): exit \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}
