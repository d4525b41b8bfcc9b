import AssessmentEngine
import Certification
import Foundation
import RandomnessCore
import Testing

/// A signed report in memory plus the data it describes, for verification tests.
private struct SignedCase {
    let key: SigningKey
    let data: [UInt8]
    let bytes: [UInt8]
    let signature: [UInt8]

    init(key: SigningKey = .generate(), data: [UInt8] = Array("0123456789abcdef".utf8), byteLimit: Int? = nil,
         edit: (inout Report) -> Void = { _ in }) throws {
        self.key = key
        self.data = data
        var report = ReportSigner(key: key).stamped(SigningFixtures.report(data: data, byteLimit: byteLimit))
        edit(&report)
        bytes = try ReportCoding.encode(report)
        signature = try key.signature(for: bytes)
    }

    func input(bytes: [UInt8]? = nil, signature: [UInt8]? = nil) throws -> SignedReportInput {
        try SignedReportInput(reportBytes: bytes ?? self.bytes, reportPath: "report.json",
                              signature: signature ?? self.signature, signaturePath: "report.json.sig")
    }

    var trusted: ReportVerifier.TrustedKey { .init(key: key.publicKey, source: "--key lab.pub") }
}

@Suite("ReportVerifier: key, signature, data and re-run checks")
struct ReportVerifierTests {
    @Test("a good report verifies with --key, with --fingerprint, and with both")
    func goodReport() throws {
        let c = try SignedCase()
        for verifier in [
            try ReportVerifier(trustedKey: c.trusted),
            try ReportVerifier(pinnedFingerprint: c.key.publicKey.fingerprint.uppercased()),
            try ReportVerifier(trustedKey: c.trusted, pinnedFingerprint: c.key.publicKey.fingerprint),
        ] {
            var seen: [String] = []
            let outcome = try verifier.verify(try c.input()) { seen.append("\($0)") }
            #expect(outcome.isVerified)
            #expect(seen.count == 2)
            #expect(seen[1] == "signature: ok (Ed25519, key fingerprint \(c.key.publicKey.fingerprint))")
            #expect(seen[0].hasPrefix("key: ok ("))
            #expect(outcome.summary == "verified: report.json")
        }
        #expect(try ReportVerifier(trustedKey: c.trusted).verify(try c.input()).checks.map(\.description)[0]
            == "key: ok (--key lab.pub is the report's signer, fingerprint \(c.key.publicKey.fingerprint))")
    }

    @Test("another key: --key fails the key and signature checks")
    func anotherKey() throws {
        let c = try SignedCase()
        let other = SigningKey.generate().publicKey
        let outcome = try ReportVerifier(trustedKey: .init(key: other, source: "--key other.pub")).verify(try c.input())
        #expect(!outcome.isVerified)
        #expect(outcome.checks.map(\.status) == [.failed, .failed])
        #expect(outcome.checks[0].detail == "report.json names the signer key with fingerprint \(c.key.publicKey.fingerprint), not --key other.pub (fingerprint \(other.fingerprint))")
        #expect(outcome.summary == "not verified: report.json (key, signature check failed)")
    }

    @Test("wrong pinned fingerprint fails the key check even though the signature is valid")
    func wrongFingerprint() throws {
        let c = try SignedCase()
        let pin = String(repeating: "ab", count: 32)
        let outcome = try ReportVerifier(pinnedFingerprint: pin).verify(try c.input())
        #expect(!outcome.isVerified)
        #expect(outcome.checks.map(\.status) == [.failed, .passed])
        #expect(outcome.checks[0].detail == "the report's signer key has fingerprint \(c.key.publicKey.fingerprint), not the pinned \(pin)")
    }

    @Test("a report re-signed by an impostor who kept the original signer field fails")
    func impostorKeepsSignerField() throws {
        let original = try SignedCase()
        let impostor = SigningKey.generate()
        // The impostor signs the original bytes (which name the original signer).
        let forged = try original.input(signature: impostor.signature(for: original.bytes))
        let outcome = try ReportVerifier(pinnedFingerprint: original.key.publicKey.fingerprint).verify(forged)
        #expect(outcome.checks.map(\.status) == [.passed, .failed])
        #expect(!outcome.isVerified)
    }

    @Test("an embedded fingerprint that is not its key's fails the key check")
    func inconsistentSigner() throws {
        let c = try SignedCase { $0.signer?.fingerprint = String(repeating: "0", count: 64) }
        let outcome = try ReportVerifier(trustedKey: c.trusted).verify(try c.input())
        #expect(outcome.checks[0].status == .failed)
        #expect(outcome.checks[0].detail.contains("signer.fingerprint 0000"))
        #expect(outcome.checks[1].status == .passed)
        #expect(!outcome.isVerified)
    }

    @Test("an unsigned report is not verified")
    func unsigned() throws {
        let c = try SignedCase { $0.signer = nil }
        let withKey = try ReportVerifier(trustedKey: c.trusted).verify(try c.input())
        #expect(withKey.checks.map(\.description)[0] == "key: FAILED (report.json names no signer (an unsigned report))")
        #expect(!withKey.isVerified)
        let withPin = try ReportVerifier(pinnedFingerprint: c.key.publicKey.fingerprint).verify(try c.input())
        #expect(withPin.checks.map(\.status) == [.failed, .skipped])
        #expect(!withPin.isVerified)
    }

    @Test("malformed inputs are errors (exit 2), not failed checks")
    func malformedInputs() throws {
        let c = try SignedCase()
        #expect(throws: VerificationError.signatureLength(path: "report.json.sig", byteCount: 63)) {
            _ = try c.input(signature: Array(c.signature.prefix(63)))
        }
        #expect(throws: VerificationError.signatureLength(path: "report.json.sig", byteCount: 0)) {
            _ = try c.input(signature: [])
        }
        let truncated = #expect(throws: ReportError.self) { _ = try c.input(bytes: Array(c.bytes.prefix(c.bytes.count / 2))) }
        #expect("\(truncated.map { "\($0)" } ?? "")".hasPrefix("report.json: not a valid rngcert report: "))
        let future = try SignedCase { $0.schemaVersion = 99 }
        #expect(throws: ReportError.unknownSchemaVersion(path: "report.json", version: 99)) { _ = try future.input() }
        let badSigner = try SignedCase { $0.signer?.publicKey = "AAAA" }
        let keyError = #expect(throws: KeyError.self) { _ = try badSigner.input() }
        #expect("\(keyError.map { "\($0)" } ?? "")".hasPrefix("report.json: signer.publicKey: malformed SubjectPublicKeyInfo"))
        let otherAlgorithm = try SignedCase { $0.signer?.algorithm = "RSA" }
        #expect(throws: KeyError.self) { _ = try otherAlgorithm.input() }
        #expect(throws: VerificationError.noTrustAnchor) { _ = try ReportVerifier() }
        #expect(throws: VerificationError.invalidFingerprint("abc")) { _ = try ReportVerifier(pinnedFingerprint: "abc") }
        #expect(throws: VerificationError.rerunNeedsData) { _ = try ReportVerifier(trustedKey: c.trusted, rerun: { r, _ in r }) }
    }

    @Test("data: the file's SHA-256 and length must be the recorded ones")
    func dataCheck() throws {
        let dir = try SigningScratchDirectory()
        let c = try SignedCase()
        let good = try dir.file("data.bin", c.data)
        let outcome = try ReportVerifier(trustedKey: c.trusted, dataPath: good).verify(try c.input())
        #expect(outcome.isVerified)
        #expect(outcome.checks[2].description == "data: ok (sha256 \(SHA256Digest.hex(of: c.data)), 16 bytes of \(good))")

        var changed = c.data
        changed[5] ^= 0x20
        let bad = try dir.file("changed.bin", changed)
        let failed = try ReportVerifier(trustedKey: c.trusted, dataPath: bad).verify(try c.input())
        #expect(!failed.isVerified)
        #expect(failed.checks[2].status == .failed)
        #expect(failed.checks[2].detail.contains("the report records \(SHA256Digest.hex(of: c.data)) for 16 bytes"))

        let longer = try dir.file("longer.bin", c.data + [0])
        #expect(!(try ReportVerifier(trustedKey: c.trusted, dataPath: longer).verify(try c.input())).isVerified)

        #expect(throws: (any Error).self) {
            _ = try ReportVerifier(trustedKey: c.trusted, dataPath: dir.path + "/missing.bin").verify(try c.input())
        }
    }

    @Test("data: a recorded byte limit hashes only that many bytes")
    func dataByteLimit() throws {
        let dir = try SigningScratchDirectory()
        let c = try SignedCase(data: Array(0..<100), byteLimit: 40)
        let path = try dir.file("data.bin", c.data)
        let outcome = try ReportVerifier(trustedKey: c.trusted, dataPath: path).verify(try c.input())
        #expect(outcome.isVerified)
        #expect(outcome.checks[2].detail == "sha256 \(SHA256Digest.hex(of: Array(c.data.prefix(40)))), first 40 bytes of \(path)")
        let short = try dir.file("short.bin", Array(c.data.prefix(30)))
        let failed = try ReportVerifier(trustedKey: c.trusted, dataPath: short).verify(try c.input())
        #expect(failed.checks[2].description == "data: FAILED (\(short) has 30 bytes, fewer than the 40 the report tested)")
    }

    @Test("rerun: a faithful re-run agrees although host, times, arguments and path differ")
    func rerunAgrees() throws {
        let dir = try SigningScratchDirectory()
        let c = try SignedCase()
        let path = try dir.file("data.bin", c.data)
        let rerun: ReportRerun = { recorded, dataPath in
            var fresh = recorded
            fresh.host = "auditor-laptop"
            fresh.startedAt = "2027-01-01T00:00:00.000Z"
            fresh.finishedAt = "2027-01-01T00:00:01.000Z"
            fresh.command.arguments = ["verify", "--rerun"]
            fresh.input.path = dataPath
            fresh.signer = nil
            return fresh
        }
        let outcome = try ReportVerifier(trustedKey: c.trusted, dataPath: path, rerun: rerun).verify(try c.input())
        #expect(outcome.isVerified)
        #expect(outcome.checks.map(\.name) == [.key, .signature, .data, .rerun])
        #expect(outcome.checks[3].description == "rerun: ok (re-ran ent on \(path); every recorded result agrees exactly)")
    }

    @Test("rerun: a difference fails with the first differing field")
    func rerunDiffers() throws {
        let dir = try SigningScratchDirectory()
        let c = try SignedCase()
        let path = try dir.file("data.bin", c.data)
        let rerun: ReportRerun = { recorded, _ in
            var fresh = recorded
            fresh.verdict = .fail
            fresh.input.bitsPerSymbol = 8
            return fresh
        }
        let outcome = try ReportVerifier(trustedKey: c.trusted, dataPath: path, rerun: rerun).verify(try c.input())
        #expect(!outcome.isVerified)
        #expect(outcome.checks[3].description == "rerun: FAILED (input.bitsPerSymbol: absent ≠ 8 (first of 2 differences))")
        #expect(outcome.summary == "not verified: report.json (rerun check failed)")
    }

    @Test("rerun: skipped after a failed check; a throwing re-run is an error")
    func rerunSkippedOrThrows() throws {
        let dir = try SigningScratchDirectory()
        let c = try SignedCase()
        let path = try dir.file("data.bin", c.data)
        let wrong = try dir.file("wrong.bin", Array(c.data.reversed()))
        let neverCalled: ReportRerun = { _, _ in throw VerificationError.rerunFailed(reason: "must not be called") }
        let outcome = try ReportVerifier(trustedKey: c.trusted, dataPath: wrong, rerun: neverCalled).verify(try c.input())
        #expect(outcome.checks.map(\.status) == [.passed, .passed, .failed, .skipped])
        struct Boom: Error, CustomStringConvertible { var description: String { "suite exploded" } }
        #expect(throws: VerificationError.rerunFailed(reason: "suite exploded")) {
            _ = try ReportVerifier(trustedKey: c.trusted, dataPath: path, rerun: { _, _ in throw Boom() }).verify(try c.input())
        }
    }

    @Test("data: skipped when the signature check failed (nothing from an untrusted report drives the read)")
    func dataSkippedAfterFailure() throws {
        let dir = try SigningScratchDirectory()
        let c = try SignedCase()
        let path = try dir.file("data.bin", c.data)
        var forged = c.signature
        forged[0] ^= 1
        let outcome = try ReportVerifier(trustedKey: c.trusted, dataPath: path).verify(try c.input(signature: forged))
        #expect(outcome.checks.map(\.status) == [.passed, .failed, .skipped])
        #expect(outcome.checks[2].description == "data: skipped (an earlier check failed)")
        #expect(outcome.summary == "not verified: report.json (signature check failed)")
    }

    @Test("load: the signature is found beside the report, or given explicitly")
    func loadFromFiles() throws {
        let dir = try SigningScratchDirectory()
        let key = SigningKey.generate()
        let signed = try ReportSigner(key: key).write(SigningFixtures.report(), into: dir.path, overwrite: false)
        let input = try SignedReportInput.load(reportPath: signed.files.report)
        #expect(input.signaturePath == signed.files.report + ".sig")
        #expect(input.signature == signed.signature)
        let moved = dir.path + "/elsewhere.sig"
        try FileManager.default.moveItem(atPath: signed.files.signature, toPath: moved)
        let missing = #expect(throws: FileBytes.ReadError.self) { _ = try SignedReportInput.load(reportPath: signed.files.report) }
        #expect(missing?.description.contains("report.json.sig: cannot read: No such file or directory (the signature is looked for beside the report") == true)
        #expect(try SignedReportInput.load(reportPath: signed.files.report, signaturePath: moved).signature == signed.signature)
    }
}
