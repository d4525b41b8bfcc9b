import AssessmentEngine
import Certification
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RandomnessCore
import SP80022
import SP80090B

/// Reports for the HTML and schema tests, computed by the real suites on the demo input
/// (Fixtures/demo/demo-input.bin: 1 MiB of AES-256-CTR keystream, see its README).
enum HTMLFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ path: String) -> URL { packageRoot.appendingPathComponent("Fixtures/" + path) }

    static let demoInput: [UInt8] = (try? Array(Data(contentsOf: fixture("demo/demo-input.bin")))) ?? []

    /// ENT and SP 800-22 on the demo input: `streamCount` streams of `streamLength` bits.
    static func report(streamCount: Int, streamLength: Int = 1_000_000, path: String = "Fixtures/demo/demo-input.bin",
                       arguments: [String]? = nil, byteLimit: Int? = nil) throws -> Report {
        var sts = SP80022Parameters()
        sts.streamLength = streamLength
        sts.streamCount = streamCount
        let parameters = AssessmentParameters(suites: [.ent, .sp80022], byteLimit: byteLimit, sp80022: sts)
        let bytes = byteLimit.map { Array(demoInput.prefix($0)) } ?? demoInput
        let outcome = try Assessment.suites(bytes: bytes, name: path, parameters: parameters, jobs: 2)
        return Report(
            tool: ToolIdentity(version: "0.1.0", build: "release, Swift 6.3"),
            command: CommandRecord(arguments: arguments ?? ["assess", path, "--suite", "ent,sp800-22", "--streams", "\(streamCount)"],
                                   parameters: parameters),
            input: InputIdentity(path: path, byteCount: bytes.count, sha256: SHA256Digest.hex(of: bytes),
                                 format: .raw, bitOrder: .msb, bitsPerSymbol: nil),
            host: "lab-host", startedAt: "2026-11-21T20:58:03.125Z", finishedAt: "2026-11-21T20:58:04.500Z",
            suites: outcome.results)
    }

    /// ENT and SP 800-90B (both tracks) on the first 4,096 bytes of the demo input as 8-bit
    /// samples, with a claimed min-entropy of 7 (health-test cutoffs from the claim).
    static let withSP80090B: Result<Report, any Error> = Result {
        let bytes = Array(demoInput.prefix(4096))
        let parameters = AssessmentParameters(suites: [.ent, .sp80090b], sp80090b: SP80090BParameters(claimedEntropy: 7))
        let outcome = try Assessment.suites(bytes: bytes, name: "demo", parameters: parameters, jobs: 2)
        return Report(
            tool: ToolIdentity(version: "0.1.0", build: "release, Swift 6.3"),
            command: CommandRecord(arguments: ["assess", "demo.bin", "--suite", "ent,sp800-90b", "--claimed-entropy", "7"], parameters: parameters),
            input: InputIdentity(path: "demo.bin", byteCount: bytes.count, sha256: SHA256Digest.hex(of: bytes),
                                 format: .raw, bitOrder: .msb, bitsPerSymbol: outcome.bitsPerSymbol),
            host: "lab-host", startedAt: "2026-11-21T20:58:03.125Z", finishedAt: "2026-11-21T20:58:04.500Z",
            suites: outcome.results)
    }

    /// Eight streams of 10⁶ bits, computed once.
    static let eightStreams: Result<Report, any Error> = Result { try report(streamCount: 8) }
    /// One stream of 10⁶ bits, computed once.
    static let oneStream: Result<Report, any Error> = Result { try report(streamCount: 1) }

    /// The non-IID track on Fixtures/sp800-90b/biased-8bit-small.bin (ea_non_iid's output for it
    /// is biased-8bit-small.res).
    static let nonIID: Result<NonIIDResult, any Error> = Result {
        try NonIIDAssessment.run(samples: Array(Data(contentsOf: fixture("sp800-90b/biased-8bit-small.bin"))), jobs: 2)
    }

    /// The IID track on Fixtures/sp800-90b/random-bits-small.bin (3,000 one-bit samples).
    static let iid: Result<IIDResult, any Error> = Result {
        try IIDAssessment.run(samples: SampleSequence(samples: Array(Data(contentsOf: fixture("sp800-90b/random-bits-small.bin"))), bitsPerSymbol: 1), jobs: 2)
    }

    /// The IID track as `assess` runs it on data that chi-square rejects (3-bit samples, each
    /// written twice): stopped at that rejection, no permutation test run.
    static let iidRejectedEarly: Result<IIDResult, any Error> = Result {
        var generator = SplitMix64(seed: 0x90B_E501)
        let samples = (0..<2000).flatMap { _ -> [UInt8] in
            let s = UInt8(truncatingIfNeeded: generator.next() >> 61)
            return [s, s]
        }
        return try IIDAssessment.run(samples: SampleSequence(samples: samples, bitsPerSymbol: 3), schedule: .stopAtFirstRejection, jobs: 2)
    }

    /// A suite result for an input beyond the estimators' limit: not applicable, no H.
    static let notApplicableSP80090B = SP80090BSuiteResult(
        parameters: SP80090BParameters(), bitsPerSymbol: 8, bitsPerSymbolInferred: false, sampleCount: 300_000_000,
        nonIID: nil, iid: nil, notRun: ["both tracks: too large"], assessedMinEntropy: nil, assessedBy: .nonIID,
        healthTests: nil, verdict: .notApplicable, reasons: ["300000000 samples of 8 bits exceed the estimators' limit"])

    /// The restart tests on the first 10⁶ bytes of the demo input as 8-bit samples, H_I = 7.
    static let restart: Result<RestartTestResult, any Error> = Result {
        let matrix = try RestartMatrix(rowDataset: Array(demoInput.prefix(1_000_000)), bitsPerSymbol: 8)
        return try RestartTest.run(matrix: matrix, initialEntropy: 7, track: .iid(), jobs: 2)
    }

    /// The health tests (H = 7, 8 bits) on 100,000 samples cycling 0…255 with a run of 64 zeros
    /// planted at offset 50,000.
    static let healthSamples: [UInt8] = {
        var samples = (0..<100_000).map { UInt8(truncatingIfNeeded: $0) }
        for i in 50_000..<50_064 { samples[i] = 0 }
        return samples
    }()

    static let health: Result<HealthTestScan, any Error> = Result {
        try HealthTestScan(samples: SampleSequence(samples: healthSamples, bitsPerSymbol: 8),
                           parameters: HealthTestParameters(minEntropy: 7, bitsPerSymbol: 8))
    }

    /// A fixed Ed25519 key (RFC 8032 §7.1 TEST 1) so signed fixtures are reproducible.
    static func signer() throws -> ReportSigner {
        ReportSigner(key: try SigningKey(seed: SigningFixtures.rfc8032Seed))
    }

    /// `report` signed with `signer()` and encoded: the bytes report.json would hold.
    static func signedBytes(_ report: Report) throws -> [UInt8] {
        try ReportCoding.encode(try signer().stamped(report))
    }
}

/// XML parsing of the page and its SVG (the page is written as well-formed XML).
enum XMLCheck {
    static func document(_ text: String) throws -> XMLDocument {
        try XMLDocument(xmlString: text, options: [])
    }

    static func nodes(_ xpath: String, in document: XMLDocument) throws -> [XMLNode] {
        try document.nodes(forXPath: xpath)
    }

    static func attribute(_ node: XMLNode, _ name: String) -> String? {
        (node as? XMLElement)?.attribute(forName: name)?.stringValue
    }
}
