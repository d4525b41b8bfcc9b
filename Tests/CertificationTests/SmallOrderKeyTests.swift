import Certification
import Foundation
import Testing

/// Ed25519 public keys of small order accept signatures no private key made (with the
/// identity as the key, R = identity, S = 0 is a signature of every message), so they are
/// refused wherever a key is loaded.
@Suite("small-order Ed25519 public keys are refused")
struct SmallOrderKeyTests {
    /// The eight points of small order on edwards25519, in their canonical 32-byte
    /// encodings (little-endian y, top bit the sign of x). Source: "Taming the many EdDSAs"
    /// (Chalkias, Garillot, Nikolaenko, SSR 2020), table 6 / section 5.1, the same set as
    /// Wycheproof's eddsa_test.json small-order public keys and libsodium's blocklist in
    /// `ge25519_has_small_order`.
    static let smallOrder: [(order: Int, hex: String)] = [
        (1, "0100000000000000000000000000000000000000000000000000000000000000"),  // identity, y = 1
        (2, "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),  // y = p − 1, x = 0
        (4, "0000000000000000000000000000000000000000000000000000000000000000"),  // y = 0, x = +√−1
        (4, "0000000000000000000000000000000000000000000000000000000000000080"),  // y = 0, x = −√−1
        (8, "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        (8, "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85"),
        (8, "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
        (8, "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"),
    ]

    /// Non-canonical encodings of the same points (y ≥ p, or x = 0 with the sign bit set),
    /// from the same table.
    static let nonCanonical = [
        "0100000000000000000000000000000000000000000000000000000000000080",  // identity, sign bit set
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",  // y = p − 1, sign bit set
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // y = p ≡ 0
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // y = p + 1 ≡ 1
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ]

    @Test("raw keys: the eight small-order points and their non-canonical forms", arguments: smallOrder.map(\.hex) + nonCanonical)
    func rawKey(hex: String) {
        let raw = SigningFixtures.hex(hex)
        let error = #expect(throws: KeyError.self) { _ = try VerificationKey(raw: raw, path: "k.pub") }
        #expect(error?.description == "k.pub: Ed25519 public key \(hex) is a small-order point; it verifies forged signatures and is refused")
    }

    @Test("a PEM key file and a report's embedded signer key are refused too")
    func pemAndEmbedded() throws {
        let raw = SigningFixtures.hex(Self.smallOrder[0].hex)
        let der = Ed25519KeyEncoding.publicKeyDER(raw: raw)
        let pem = PEMDocument(label: Ed25519KeyEncoding.publicKeyLabel, der: der).text
        #expect(throws: KeyError.self) { _ = try VerificationKey(pem: pem, path: "k.pub") }
        var report = SigningFixtures.report()
        let genuine = SignerIdentity(key: SigningKey.generate().publicKey)
        report.signer = genuine
        report.signer?.publicKey = Data(der).base64EncodedString()
        let bytes = try ReportCoding.encode(report)
        let error = #expect(throws: KeyError.self) {
            _ = try SignedReportInput(reportBytes: bytes, reportPath: "r.json", signature: [UInt8](repeating: 0, count: 64), signaturePath: "r.sig")
        }
        #expect(error?.description.hasPrefix("r.json: signer.publicKey: Ed25519 public key 0100") == true)
    }

    @Test("ordinary keys are still accepted")
    func ordinaryKeys() throws {
        #expect(try VerificationKey(raw: SigningFixtures.rfc8032PublicKey).raw == SigningFixtures.rfc8032PublicKey)
        for _ in 0..<16 { _ = try VerificationKey(raw: SigningKey.generate().publicKey.raw) }
    }
}
