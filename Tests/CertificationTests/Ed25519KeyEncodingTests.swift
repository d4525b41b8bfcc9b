import Certification
import Foundation
import Testing

@Suite("Ed25519 keys: PEM/DER encoding, fingerprints, signatures")
struct Ed25519KeyEncodingTests {
    @Test("RFC 8032 test 1: public key and signature of the empty message")
    func rfc8032Vector() throws {
        let key = try SigningKey(seed: SigningFixtures.rfc8032Seed)
        #expect(key.publicKey.raw == SigningFixtures.rfc8032PublicKey)
        #expect(try key.signature(for: []) == SigningFixtures.rfc8032EmptyMessageSignature)
        #expect(key.publicKey.isValidSignature(SigningFixtures.rfc8032EmptyMessageSignature, for: []))
        #expect(!key.publicKey.isValidSignature(SigningFixtures.rfc8032EmptyMessageSignature, for: [0]))
    }

    @Test("RFC 8410 examples: the PKCS#8 private key's public key is the SPKI example")
    func rfc8410Examples() throws {
        let key = try SigningKey(pem: SigningFixtures.rfc8410PrivateKeyPEM, path: "rfc8410.key")
        let publicKey = try VerificationKey(pem: SigningFixtures.rfc8410PublicKeyPEM, path: "rfc8410.pub")
        #expect(key.publicKey == publicKey)
        // Our writers reproduce the RFC's encodings byte for byte.
        #expect(key.pem == SigningFixtures.rfc8410PrivateKeyPEM)
        #expect(publicKey.pem == SigningFixtures.rfc8410PublicKeyPEM)
        // v2 (attributes and the public key attached) reads to the same key.
        let v2 = try SigningKey(pem: SigningFixtures.rfc8410PrivateKeyV2PEM, path: "rfc8410-v2.key")
        #expect(v2.publicKey == publicKey)
    }

    @Test("written DER has the fixed RFC 8410 prefixes and lengths")
    func fixedPrefixes() throws {
        let key = SigningKey.generate()
        let privateDER = try PEMDocument.parse(key.pem, expected: "PRIVATE KEY", path: "k").der
        let publicDER = key.publicKey.der
        #expect(privateDER.count == 48)
        #expect(Array(privateDER.prefix(16)) == SigningFixtures.hex("302e020100300506032b657004220420"))
        #expect(publicDER.count == 44)
        #expect(Array(publicDER.prefix(12)) == SigningFixtures.hex("302a300506032b6570032100"))
        #expect(Array(publicDER.suffix(32)) == key.publicKey.raw)
        // Round trips.
        let reread = try SigningKey(pem: key.pem, path: "k")
        #expect(reread.publicKey == key.publicKey)
        #expect(try VerificationKey(pem: key.publicKey.pem, path: "p") == key.publicKey)
    }

    @Test("fingerprint is SHA-256 of the raw 32-byte public key")
    func fingerprintDefinition() throws {
        let key = try VerificationKey(raw: SigningFixtures.rfc8032PublicKey)
        // sha256 of the 32 raw bytes d75a98…511a, computed independently with
        // `printf d75a…511a | xxd -r -p | sha256sum`.
        #expect(key.fingerprint == "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9")
        #expect(key.fingerprint.count == 64)
        #expect(KeyFingerprint.normalize("21:FE:31:DF:A1:54:A2:61:62:6B:F8:54:04:6F:D2:27:1B:7B:ED:4B:6A:BE:45:AA:58:87:7E:F4:7F:97:21:B9") == key.fingerprint)
        #expect(KeyFingerprint.normalize("21fe31") == nil)
        #expect(KeyFingerprint.normalize(String(repeating: "g", count: 64)) == nil)
    }

    @Test("the private key never appears in descriptions")
    func descriptionHidesSecret() throws {
        let key = try SigningKey(seed: SigningFixtures.rfc8032Seed)
        let text = "\(key)"
        #expect(!text.lowercased().contains("9d61b19d"))
        #expect(!text.contains("MC4CAQAw"))
        #expect(text.contains(key.publicKey.fingerprint))
    }

    @Test("unusable key files give errors naming the file and the problem", arguments: [
        ("", "PRIVATE KEY", "the file is empty"),
        ("hello\n", "PRIVATE KEY", "no '-----BEGIN' line"),
        ("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp\n", "PRIVATE KEY", "no '-----END PRIVATE KEY-----' line"),
        ("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n", "PRIVATE KEY", "not valid base64"),
        ("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n", "PRIVATE KEY", "encrypted keys are not supported"),
        ("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n", "PRIVATE KEY", "only Ed25519 keys"),
        (SigningFixtures.rfc8410PublicKeyPEM, "PRIVATE KEY", "this is a public key"),
        (SigningFixtures.rfc8410PrivateKeyPEM, "PUBLIC KEY", "this is a private key"),
    ])
    func pemErrors(text: String, expected: String, message: String) throws {
        let error = #expect(throws: KeyError.self) {
            if expected == "PRIVATE KEY" { _ = try SigningKey(pem: text, path: "bad.key") }
            else { _ = try VerificationKey(pem: text, path: "bad.key") }
        }
        let description = error.map { "\($0)" } ?? ""
        #expect(description.hasPrefix("bad.key: "), "\(description)")
        #expect(description.contains(message), "\(description)")
    }

    @Test("malformed or foreign DER is rejected precisely", arguments: [
        // X25519 key (OID 1.3.101.110) in an otherwise valid SPKI.
        ("302a300506032b656e032100" + String(repeating: "11", count: 32), "X25519 (OID 1.3.101.110)"),
        // Ed448 OID.
        ("302a300506032b6571032100" + String(repeating: "11", count: 32), "Ed448"),
        // Public key one byte short (length fields consistent).
        ("3029300506032b6570032000" + String(repeating: "11", count: 31), "is 31 bytes, expected 32"),
        // Outer length claims more than present.
        ("302b300506032b6570032100" + String(repeating: "11", count: 32), "truncated: a length field claims more bytes than remain"),
        // Trailing garbage after the structure.
        ("302a300506032b6570032100" + String(repeating: "11", count: 32) + "00", "not valid DER: Trailing unparsed data is present"),
        // Parameters present (RFC 8410: must be absent).
        ("302c300706032b65700500032100" + String(repeating: "11", count: 32), "parameters must be absent"),
        // Unused bits in the BIT STRING (swift-asn1 refuses the non-zero padding itself).
        ("302a300506032b6570032101" + String(repeating: "11", count: 32), "Invalid padding bits in ASN1BitString"),
        ("302a300506032b6570032101" + String(repeating: "10", count: 32), "public key BIT STRING has unused bits"),
    ])
    func publicKeyDERErrors(derHex: String, message: String) throws {
        let pem = PEMDocument(label: "PUBLIC KEY", der: SigningFixtures.hex(derHex)).text
        let error = #expect(throws: KeyError.self) { _ = try VerificationKey(pem: pem, path: "bad.pub") }
        let description = error.map { "\($0)" } ?? ""
        #expect(description.hasPrefix("bad.pub: "), "\(description)")
        #expect(description.contains(message), "\(description)")
    }

    @Test("a PKCS#8 v2 key whose attached public key is another key's is rejected")
    func mismatchedAttachedPublicKey() throws {
        var der = try PEMDocument.parse(SigningFixtures.rfc8410PrivateKeyV2PEM, expected: "PRIVATE KEY", path: "k").der
        der[der.count - 1] ^= 0x01
        let pem = PEMDocument(label: "PRIVATE KEY", der: der).text
        let error = #expect(throws: KeyError.self) { _ = try SigningKey(pem: pem, path: "odd.key") }
        #expect("\(error.map { "\($0)" } ?? "")".contains("does not belong to its private key"))
    }

    @Test("missing key file names the file")
    func missingFile() throws {
        let error = #expect(throws: KeyError.self) { _ = try VerificationKey(contentsOf: "/nonexistent/signer.pub") }
        #expect("\(error.map { "\($0)" } ?? "")" == "/nonexistent/signer.pub: cannot read key: No such file or directory")
    }

    @Test("keys made by openssl genpkey load, and sign exactly as openssl does",
          .enabled(if: OpenSSL.isAvailable, "openssl not installed (CI installs it); interop not checked"))
    func opensslGeneratedKey() throws {
        let dir = try SigningScratchDirectory()
        let keyPath = dir.path + "/o.key", pubPath = dir.path + "/o.pub"
        #expect(try OpenSSL.run(["genpkey", "-algorithm", "ed25519", "-out", keyPath]).status == 0)
        #expect(try OpenSSL.run(["pkey", "-in", keyPath, "-pubout", "-out", pubPath]).status == 0)
        let key = try SigningKey(contentsOf: keyPath)
        let publicKey = try VerificationKey(contentsOf: pubPath)
        #expect(key.publicKey == publicKey)
        // Ed25519 is deterministic (RFC 8032), so both implementations give the same bytes.
        let message = Array("{\"report\": true}\n".utf8)
        let messagePath = try dir.file("m.json", message)
        let signaturePath = dir.path + "/m.sig"
        #expect(try OpenSSL.run(["pkeyutl", "-sign", "-inkey", keyPath, "-rawin", "-in", messagePath, "-out", signaturePath]).status == 0)
        #expect(try dir.read("m.sig") == key.signature(for: message))
    }

    @Test("openssl reads the keys we write",
          .enabled(if: OpenSSL.isAvailable, "openssl not installed (CI installs it); interop not checked"))
    func opensslReadsOurKeys() throws {
        let dir = try SigningScratchDirectory()
        let key = try SigningKey(seed: SigningFixtures.rfc8032Seed)
        try KeyPairFiles(name: dir.path + "/ours").write(key, force: false)
        let privateText = try OpenSSL.run(["pkey", "-in", dir.path + "/ours.key", "-noout", "-text"])
        #expect(privateText.status == 0)
        #expect(privateText.output.contains("ED25519 Private-Key"))
        #expect(privateText.output.contains("9d:61:b1:9d"))
        let publicText = try OpenSSL.run(["pkey", "-pubin", "-in", dir.path + "/ours.pub", "-noout", "-text"])
        #expect(publicText.status == 0)
        #expect(publicText.output.contains("ED25519 Public-Key"))
        #expect(publicText.output.contains("d7:5a:98:01"))
        // openssl derives the same public key file from our private key file.
        let derived = try OpenSSL.run(["pkey", "-in", dir.path + "/ours.key", "-pubout"])
        #expect(derived.output == key.publicKey.pem)
    }
}
