import AssessmentEngine
import Certification
import Foundation
import Testing

/// `rngcert keygen` and `rngcert verify` run as a user runs them: exit codes and messages.
@Suite("keygen and verify through the binary", .enabled(if: RNGCertBinary.isAvailable, "rngcert binary not found in the build products (run `swift build -c release` first)"))
struct SigningEndToEndTests {
    static let data = Array("end-to-end test data for rngcert verify\n".utf8)

    /// keygen a key pair `lab` in `dir`, then write a signed report with its private key.
    private func signedReportDirectory(schemaVersion: Int? = nil) throws -> (dir: EndToEndDirectory, fingerprint: String) {
        let dir = try EndToEndDirectory()
        let keygen = try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path)
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let key = try SigningKey(contentsOf: dir.path + "/lab.key")
        try ReportSigner(key: key).write(EndToEndReports.report(data: Self.data, schemaVersion: schemaVersion),
                                         into: dir.path + "/out", overwrite: false)
        try dir.write("data.bin", Self.data)
        return (dir, key.publicKey.fingerprint)
    }

    @Test("keygen writes NAME.key (0600) and NAME.pub, prints the fingerprint, never the key")
    func keygen() throws {
        let dir = try EndToEndDirectory()
        let result = try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path)
        #expect(result.status == 0)
        let mode = (try FileManager.default.attributesOfItem(atPath: dir.path + "/lab.key")[.posixPermissions] as! NSNumber).intValue
        #expect(mode == 0o600)
        let key = try SigningKey(contentsOf: dir.path + "/lab.key")
        #expect(try VerificationKey(contentsOf: dir.path + "/lab.pub") == key.publicKey)
        #expect(result.stdout == """
            private key: lab.key (mode 0600; keep it secret)
            public key:  lab.pub
            fingerprint: \(key.publicKey.fingerprint)

            """)
        let secretBody = String(decoding: try dir.read("lab.key"), as: UTF8.self).split(separator: "\n")[1]
        #expect(!result.stdout.contains(secretBody) && !result.stderr.contains(secretBody))
    }

    @Test("keygen refuses to overwrite without --force (exit 2), replaces with it")
    func keygenOverwrite() throws {
        let dir = try EndToEndDirectory()
        #expect(try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path).status == 0)
        let before = try dir.read("lab.key")
        let again = try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path)
        #expect(again.status == 2)
        #expect(again.stderr == "rngcert: error: lab.key: already exists (use --force to replace it)\n")
        #expect(try dir.read("lab.key") == before)
        let forced = try RNGCertBinary.run(["keygen", "--out", "lab", "--force"], in: dir.path)
        #expect(forced.status == 0)
        #expect(try dir.read("lab.key") != before)
    }

    @Test("the README's openssl pipeline reproduces the printed fingerprint; openssl reads both keys",
          .enabled(if: OpenSSLTool.isAvailable, "openssl not installed (CI installs it); interop not checked"))
    func fingerprintWithOpenSSL() throws {
        let dir = try EndToEndDirectory()
        let result = try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path)
        let printed = result.stdout.split(separator: "\n").last.map { String($0.dropFirst("fingerprint: ".count)) }
        let openssl = try OpenSSLTool.shell("openssl pkey -pubin -in lab.pub -outform DER | tail -c 32 | sha256sum", in: dir.path)
        #expect(openssl.stdout == "\(printed ?? "?")  -\n")
        #expect(try OpenSSLTool.run(["pkey", "-in", "lab.key", "-noout", "-text"], in: dir.path).stdout.hasPrefix("ED25519 Private-Key:"))
        #expect(try OpenSSLTool.run(["pkey", "-pubin", "-in", "lab.pub", "-noout", "-text"], in: dir.path).stdout.hasPrefix("ED25519 Public-Key:"))
    }

    @Test("a signed report verifies: with --key, with --fingerprint, by directory, with --data")
    func verifies() throws {
        let (dir, fingerprint) = try signedReportDirectory()
        let result = try RNGCertBinary.run(["verify", "out/report.json", "--key", "lab.pub", "--data", "data.bin"], in: dir.path)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == """
            report: out/report.json (schema 2, rngcert 0.1.0, verdict not-applicable)
            key: ok (--key lab.pub is the report's signer, fingerprint \(fingerprint))
            signature: ok (Ed25519, key fingerprint \(fingerprint))
            data: ok (sha256 \(SHA256Digest.hex(of: Self.data)), \(Self.data.count) bytes of data.bin)
            verified: out/report.json

            """)
        let pinned = try RNGCertBinary.run(["verify", "out", "--fingerprint", fingerprint.uppercased()], in: dir.path)
        #expect(pinned.status == 0, "\(pinned.stdout)\(pinned.stderr)")
        #expect(pinned.stdout.contains("key: ok (the report's signer key has the pinned fingerprint \(fingerprint))"))
        #expect(pinned.stdout.hasSuffix("verified: out/report.json\n"))
    }

    @Test("a changed byte of report.json fails (exit 1 signature, or 2 malformed), at sampled positions")
    func tamperedReportSample() throws {
        let (dir, _) = try signedReportDirectory()
        let original = try dir.read("out/report.json")
        let positions = Set(stride(from: 0, to: original.count, by: max(1, original.count / 24)).map { $0 } + [original.count - 1])
        for position in positions.sorted() {
            var bytes = original
            bytes[position] ^= 0x01
            try dir.write("out/report.json", bytes)
            let result = try RNGCertBinary.run(["verify", "out/report.json", "--key", "lab.pub"], in: dir.path)
            switch result.status {
            case 1:
                #expect(result.stdout.contains("signature: FAILED (out/report.json.sig is not a valid Ed25519 signature of out/report.json"), "byte \(position)")
                // An edit inside signer.fingerprint also fails the key check: "(key, signature check failed)".
                #expect(result.stdout.hasSuffix("signature check failed)\n"), "byte \(position)")
                #expect(result.stdout.contains("\nnot verified: out/report.json ("), "byte \(position)")
            case 2:
                #expect(result.stderr.hasPrefix("rngcert: error: out/report.json: "), "byte \(position): \(result.stderr)")
            default:
                Issue.record("byte \(position): exit \(result.status)\n\(result.stdout)\(result.stderr)")
            }
        }
    }

    @Test("a changed signature byte fails with exit 1 and says so")
    func tamperedSignature() throws {
        let (dir, _) = try signedReportDirectory()
        var signature = try dir.read("out/report.json.sig")
        signature[17] ^= 0x80
        try dir.write("out/report.json.sig", signature)
        let result = try RNGCertBinary.run(["verify", "out/report.json", "--key", "lab.pub"], in: dir.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains("key: ok"))
        #expect(result.stdout.contains("signature: FAILED"))
        #expect(result.stdout.hasSuffix("not verified: out/report.json (signature check failed)\n"))
    }

    @Test("another key fails with exit 1 (key and signature)")
    func anotherKey() throws {
        let (dir, fingerprint) = try signedReportDirectory()
        #expect(try RNGCertBinary.run(["keygen", "--out", "other"], in: dir.path).status == 0)
        let other = try VerificationKey(contentsOf: dir.path + "/other.pub").fingerprint
        let result = try RNGCertBinary.run(["verify", "out/report.json", "--key", "other.pub"], in: dir.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains("key: FAILED (out/report.json names the signer key with fingerprint \(fingerprint), not --key other.pub (fingerprint \(other)))"))
        #expect(result.stdout.hasSuffix("not verified: out/report.json (key, signature check failed)\n"))
        let pinned = try RNGCertBinary.run(["verify", "out/report.json", "--fingerprint", other], in: dir.path)
        #expect(pinned.status == 1)
        #expect(pinned.stdout.contains("key: FAILED (the report's signer key has fingerprint \(fingerprint), not the pinned \(other))"))
    }

    @Test("changed data fails with exit 1")
    func changedData() throws {
        let (dir, _) = try signedReportDirectory()
        try dir.write("data.bin", Array(Self.data.dropLast()) + [0x21])
        let result = try RNGCertBinary.run(["verify", "out/report.json", "--key", "lab.pub", "--data", "data.bin"], in: dir.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains("data: FAILED (sha256 of the \(Self.data.count) bytes of data.bin is "))
        #expect(result.stdout.hasSuffix("not verified: out/report.json (data check failed)\n"))
    }

    @Test("unreadable or malformed input exits 2 with a precise message")
    func malformedInputs() throws {
        let (dir, fingerprint) = try signedReportDirectory()
        let report = try dir.read("out/report.json"), signature = try dir.read("out/report.json.sig")
        func verify(_ extra: [String] = ["--key", "lab.pub"]) throws -> ProcessResult {
            try RNGCertBinary.run(["verify", "out/report.json"] + extra, in: dir.path)
        }

        try dir.write("out/report.json", Array(report.prefix(report.count / 2)))
        var result = try verify()
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("rngcert: error: out/report.json: not a valid rngcert report: "))
        try dir.write("out/report.json", report)

        try dir.write("out/report.json.sig", Array(signature.prefix(40)))
        result = try verify()
        #expect(result.status == 2)
        #expect(result.stderr == "rngcert: error: out/report.json.sig: expected a raw 64-byte Ed25519 signature, found 40 bytes (truncated?)\n")
        try FileManager.default.removeItem(atPath: dir.path + "/out/report.json.sig")
        result = try verify()
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("rngcert: error: out/report.json.sig: cannot read: No such file or directory"))
        try dir.write("out/report.json.sig", signature)

        try dir.write("bad.pub", Array("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n".utf8))
        result = try verify(["--key", "bad.pub"])
        #expect(result.status == 2)
        #expect(result.stderr == "rngcert: error: bad.pub: malformed SubjectPublicKeyInfo: truncated: a length field claims more bytes than remain\n")
        result = try verify(["--key", "lab.key"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("lab.key: found '-----BEGIN PRIVATE KEY-----' where '-----BEGIN PUBLIC KEY-----' was expected"))
        result = try verify(["--key", "missing.pub"])
        #expect(result.status == 2)
        #expect(result.stderr == "rngcert: error: missing.pub: cannot read key: No such file or directory\n")

        result = try verify([])
        #expect(result.status == 2)
        #expect(result.stderr.contains("give --key NAME.pub or --fingerprint HEX"))
        result = try verify(["--fingerprint", String(fingerprint.prefix(10))])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--fingerprint must be 64 hex digits"))
        result = try verify(["--key", "lab.pub", "--rerun"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--rerun needs the data file: give --data FILE"))
        result = try verify(["--key", "lab.pub", "--data", "missing.bin"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("missing.bin: cannot open: No such file or directory"))
    }

    @Test("a validly signed report with an unknown schemaVersion exits 2")
    func unknownSchema() throws {
        let (dir, _) = try signedReportDirectory(schemaVersion: 3)
        let result = try RNGCertBinary.run(["verify", "out/report.json", "--key", "lab.pub"], in: dir.path)
        #expect(result.status == 2)
        #expect(result.stderr == "rngcert: error: out/report.json: unknown schemaVersion 3 (this rngcert reads version 2)\n")
    }

    @Test("openssl verifies our signature, and we verify openssl's",
          .enabled(if: OpenSSLTool.isAvailable, "openssl not installed (CI installs it); interop not checked"))
    func opensslInterop() throws {
        // Ours → openssl: a key from `rngcert keygen`, the auditor's command verbatim.
        let (dir, _) = try signedReportDirectory()
        let check = try OpenSSLTool.run(["pkeyutl", "-verify", "-pubin", "-inkey", "lab.pub", "-rawin",
                                         "-in", "out/report.json", "-sigfile", "out/report.json.sig"], in: dir.path)
        #expect(check.status == 0)
        #expect(check.stdout.contains("Signature Verified Successfully"))

        // openssl → ours: an openssl key, a report naming it, signed by openssl.
        #expect(try OpenSSLTool.run(["genpkey", "-algorithm", "ed25519", "-out", "o.key"], in: dir.path).status == 0)
        #expect(try OpenSSLTool.run(["pkey", "-in", "o.key", "-pubout", "-out", "o.pub"], in: dir.path).status == 0)
        let opensslKey = try VerificationKey(contentsOf: dir.path + "/o.pub")
        var report = EndToEndReports.report(data: Self.data)
        report.signer = SignerIdentity(key: opensslKey)
        try FileManager.default.createDirectory(atPath: dir.path + "/o", withIntermediateDirectories: true)
        try dir.write("o/report.json", try ReportCoding.encode(report))
        let sign = try OpenSSLTool.run(["pkeyutl", "-sign", "-inkey", "o.key", "-rawin", "-in", "o/report.json", "-out", "o/report.json.sig"], in: dir.path)
        #expect(sign.status == 0, "\(sign.stderr)")
        let ours = try RNGCertBinary.run(["verify", "o/report.json", "--key", "o.pub"], in: dir.path)
        #expect(ours.status == 0, "\(ours.stdout)\(ours.stderr)")
        #expect(ours.stdout.contains("signature: ok (Ed25519, key fingerprint \(opensslKey.fingerprint))"))
        // The embedded key, extracted with the README's jq-free command, is the openssl key.
        let extracted = try OpenSSLTool.shell(
            "sed -n 's/.*\"publicKey\" : \"\\(.*\\)\".*/\\1/p' o/report.json | base64 -d | openssl pkey -pubin -inform DER",
            in: dir.path)
        #expect(extracted.stdout == String(decoding: try dir.read("o.pub"), as: UTF8.self))
    }
}
