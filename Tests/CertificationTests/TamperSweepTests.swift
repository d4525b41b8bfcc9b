import Certification
import Foundation
import Testing

/// Every single-bit change and every truncation of a signed report or of its signature
/// must fail verification: either the input is rejected as malformed, or a check fails.
@Suite("Tamper sweep: every byte of a signed report and signature")
struct TamperSweepTests {
    /// Verification result of one variant: "verified", "not verified", or "malformed".
    private static func judge(_ bytes: [UInt8], _ signature: [UInt8], verifier: ReportVerifier) -> String {
        do {
            let input = try SignedReportInput(reportBytes: bytes, reportPath: "report.json", signature: signature, signaturePath: "report.json.sig")
            return try verifier.verify(input).isVerified ? "verified" : "not verified"
        } catch {
            return "malformed"
        }
    }

    private static func signedReport() throws -> (key: SigningKey, bytes: [UInt8], signature: [UInt8]) {
        let key = SigningKey.generate()
        let bytes = try ReportCoding.encode(ReportSigner(key: key).stamped(SigningFixtures.report()))
        return (key, bytes, try key.signature(for: bytes))
    }

    @Test("the untampered report verifies under --key and --fingerprint")
    func baseline() throws {
        let (key, bytes, signature) = try Self.signedReport()
        #expect(Self.judge(bytes, signature, verifier: try ReportVerifier(trustedKey: .init(key: key.publicKey, source: "k"))) == "verified")
        #expect(Self.judge(bytes, signature, verifier: try ReportVerifier(pinnedFingerprint: key.publicKey.fingerprint)) == "verified")
    }

    @Test("flipping any bit of any byte of report.json fails verification", arguments: ["key", "fingerprint"])
    func everyReportBit(anchor: String) throws {
        let (key, bytes, signature) = try Self.signedReport()
        let verifier = anchor == "key"
            ? try ReportVerifier(trustedKey: .init(key: key.publicKey, source: "k"))
            : try ReportVerifier(pinnedFingerprint: key.publicKey.fingerprint)
        var outcomes: [String: Int] = [:]
        var accepted: [String] = []
        for position in bytes.indices {
            for bit in 0..<8 {
                var tampered = bytes
                tampered[position] ^= UInt8(1) << bit
                let result = Self.judge(tampered, signature, verifier: verifier)
                outcomes[result, default: 0] += 1
                if result == "verified" { accepted.append("byte \(position) bit \(bit)") }
            }
        }
        #expect(accepted.isEmpty, "tampered reports accepted: \(accepted.prefix(10))")
        #expect(outcomes.values.reduce(0, +) == bytes.count * 8)
        // Both failure paths occur: some edits still parse (caught by the signature), some do not.
        #expect(outcomes["not verified", default: 0] > 0)
        #expect(outcomes["malformed", default: 0] > 0)
    }

    @Test("flipping any bit of the signature fails verification")
    func everySignatureBit() throws {
        let (key, bytes, signature) = try Self.signedReport()
        let verifier = try ReportVerifier(trustedKey: .init(key: key.publicKey, source: "k"))
        for position in signature.indices {
            for bit in 0..<8 {
                var tampered = signature
                tampered[position] ^= UInt8(1) << bit
                #expect(Self.judge(bytes, tampered, verifier: verifier) == "not verified", "signature byte \(position) bit \(bit)")
            }
        }
    }

    @Test("every truncation of the report or the signature fails verification")
    func truncations() throws {
        let (key, bytes, signature) = try Self.signedReport()
        let verifier = try ReportVerifier(trustedKey: .init(key: key.publicKey, source: "k"))
        for length in 0..<bytes.count {
            #expect(Self.judge(Array(bytes.prefix(length)), signature, verifier: verifier) != "verified", "report cut to \(length) bytes")
        }
        for length in 0..<signature.count {
            #expect(Self.judge(bytes, Array(signature.prefix(length)), verifier: verifier) == "malformed", "signature cut to \(length) bytes")
        }
        #expect(Self.judge(bytes, signature + [0], verifier: verifier) == "malformed")
    }
}
