import Certification
import Foundation
import RandomnessCore
import Testing

@Suite("ReportSigner: signed report files")
struct ReportSignerTests {
    @Test("writes report.json (the ReportCoding bytes, signer set) and its raw 64-byte signature")
    func writesSignedReport() throws {
        let dir = try SigningScratchDirectory()
        let key = try SigningKey(seed: SigningFixtures.rfc8032Seed)
        let out = dir.path + "/out/nested"
        let signed = try ReportSigner(key: key).write(SigningFixtures.report(), into: out, overwrite: false)
        #expect(signed.report.signer == SignerIdentity(key: key.publicKey))
        #expect(signed.report.signer?.fingerprint == key.publicKey.fingerprint)
        #expect(signed.report.signer?.publicKey == "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: signed.files.report)))
        let signature = Array(try Data(contentsOf: URL(fileURLWithPath: signed.files.signature)))
        #expect(bytes == signed.bytes)
        #expect(bytes == (try ReportCoding.encode(signed.report)))
        #expect(signature.count == 64)
        #expect(key.publicKey.isValidSignature(signature, for: bytes))
        #expect(try ReportCoding.decode(bytes, path: "r") == signed.report)
        // No temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["report.html", "report.json", "report.json.sig"])
    }

    @Test("signing is deterministic: the same report and key give the same bytes")
    func deterministic() throws {
        let key = SigningKey.generate()
        let a = try SigningScratchDirectory(), b = try SigningScratchDirectory()
        let first = try ReportSigner(key: key).write(SigningFixtures.report(), into: a.path, overwrite: false)
        let second = try ReportSigner(key: key).write(SigningFixtures.report(), into: b.path, overwrite: false)
        #expect(first.bytes == second.bytes)
        #expect(first.signature == second.signature)
    }

    @Test("an existing report is kept unless overwrite is set")
    func overwrite() throws {
        let dir = try SigningScratchDirectory()
        try dir.file("report.json.sig", [1, 2, 3])
        let signer = ReportSigner(key: SigningKey.generate())
        let error = #expect(throws: FileWriteError.self) {
            try signer.write(SigningFixtures.report(), into: dir.path, overwrite: false)
        }
        #expect(error == .exists(path: dir.path + "/report.json.sig"))
        #expect(try dir.listing() == ["report.json.sig"])
        let signed = try signer.write(SigningFixtures.report(), into: dir.path, overwrite: true)
        #expect(try dir.read("report.json.sig") == signed.signature)
        #expect(try dir.listing() == ["report.html", "report.json", "report.json.sig"])
    }

    @Test("openssl pkeyutl -verify -rawin accepts our report signature",
          .enabled(if: OpenSSL.isAvailable, "openssl not installed (CI installs it); interop not checked"))
    func opensslVerifiesOurSignature() throws {
        let dir = try SigningScratchDirectory()
        let key = SigningKey.generate()
        try KeyPairFiles(name: dir.path + "/lab").write(key, force: false)
        let signed = try ReportSigner(key: key).write(SigningFixtures.report(), into: dir.path, overwrite: false)
        let good = try OpenSSL.run(["pkeyutl", "-verify", "-pubin", "-inkey", dir.path + "/lab.pub", "-rawin",
                                    "-in", signed.files.report, "-sigfile", signed.files.signature])
        #expect(good.status == 0)
        #expect(good.output.contains("Signature Verified Successfully"))
        // And openssl rejects it once the report changes.
        var bytes = signed.bytes
        bytes[bytes.count / 2] ^= 0x01
        let tampered = try dir.file("tampered.json", bytes)
        let bad = try OpenSSL.run(["pkeyutl", "-verify", "-pubin", "-inkey", dir.path + "/lab.pub", "-rawin",
                                   "-in", tampered, "-sigfile", signed.files.signature])
        #expect(bad.status != 0)
    }
}
