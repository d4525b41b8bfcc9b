import AssessmentEngine
import Certification
import Foundation
import RandomnessCore

/// A fresh directory for one signing test, removed when the value dies.
final class SigningScratchDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("rngcert-signing-\(UUID().uuidString)", isDirectory: true).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `name` and returns its path.
    @discardableResult
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))) }

    /// File names in the directory, sorted.
    func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
}

/// Small reports for signing tests; the suites are empty (suite results are not the
/// subject here), everything else is filled in.
enum SigningFixtures {
    /// A report over `data` (SHA-256 and length as the assessment would record them).
    static func report(data: [UInt8] = Array("rngcert signing test data\n".utf8), byteLimit: Int? = nil) -> Report {
        let tested = byteLimit.map { Array(data.prefix($0)) } ?? data
        return Report(
            tool: ToolIdentity(version: "0.1.0", build: "release, Swift 6.3"),
            command: CommandRecord(
                arguments: ["assess", "data.bin", "--suites", "ent"],
                parameters: AssessmentParameters(suites: [.ent], byteLimit: byteLimit)),
            input: InputIdentity(
                path: "data.bin", byteCount: tested.count, sha256: SHA256Digest.hex(of: tested),
                format: .raw, bitOrder: .msb, bitsPerSymbol: nil),
            host: "lab-host", startedAt: "2026-11-21T20:58:03.125Z", finishedAt: "2026-11-21T20:58:04.500Z",
            suites: SuiteResults())
    }

    /// RFC 8032 section 7.1, TEST 1: secret key, public key, and the signature of the
    /// empty message.
    static let rfc8032Seed = hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    static let rfc8032PublicKey = hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    static let rfc8032EmptyMessageSignature = hex(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")

    /// RFC 8410 section 10.3 (PKCS#8 v1) and 10.1 (the matching SubjectPublicKeyInfo).
    static let rfc8410PrivateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
        -----END PRIVATE KEY-----

        """
    static let rfc8410PublicKeyPEM = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
        -----END PUBLIC KEY-----

        """
    /// RFC 8410 section 10.3, second example: PKCS#8 v2 with an attribute and the public key.
    static let rfc8410PrivateKeyV2PEM = """
        -----BEGIN PRIVATE KEY-----
        MHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
        oB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrB
        Z9w7lshQhqowtrbLDFw4rXAxZuE=
        -----END PRIVATE KEY-----

        """

    static func hex(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            out.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return out
    }
}

/// Runs openssl, if installed; tests that need it are skipped with a message when it is not.
enum OpenSSL {
    static let path: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static var isAvailable: Bool { path != nil }

    /// Runs openssl with `arguments`; returns exit status and combined output.
    @discardableResult
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
