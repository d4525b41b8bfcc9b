import Certification
import Foundation
import Testing

/// The signed example reports committed in Reports/examples (written by `make reports` from
/// Fixtures/) verify as an auditor would check them: with the committed public key
/// Reports/keys/example.pub, against the fixture each one names, and — for the small ones —
/// by a full re-run.
@Suite("example reports in Reports/", .enabled(if: RNGCertBinary.isAvailable, "rngcert binary not found in the build products (run `swift build -c release` first)"))
struct ExampleReportsTests {
    static let root = EntropyFixtures.packageRoot
    static let key = "Reports/keys/example.pub"

    /// Example name → whether the test re-runs its suites (the demo's re-run is `make demo`'s
    /// job; it costs most of a minute).
    static let examples: [(name: String, rerun: Bool)] = [("demo", false), ("biased", true), ("samples-2bit", true)]

    @Test(arguments: examples)
    func verifies(name: String, rerun: Bool) throws {
        let directory = "Reports/examples/\(name)"
        let report = try ReportCoding.decode(
            Array(try Data(contentsOf: Self.root.appendingPathComponent(directory + "/report.json"))), path: directory)
        // Each report names its input as a clone holds it (a path relative to the root).
        #expect(!report.input.path.hasPrefix("/"), "\(report.input.path)")
        var arguments = ["verify", directory, "--key", Self.key, "--data", report.input.path]
        if rerun { arguments.append("--rerun") }
        let run = try RNGCertBinary.run(arguments, in: Self.root.path)
        #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
        #expect(run.stdout.contains("signature: ok"))
        #expect(run.stdout.contains("data: ok"))
        if rerun { #expect(run.stdout.contains("rerun: ok")) }
        #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(directory + "/report.html").path))
    }

    @Test("the examples hold a passing and a failing verdict")
    func verdicts() throws {
        let verdicts = try Self.examples.map { example in
            try ReportCoding.decode(Array(try Data(contentsOf: Self.root.appendingPathComponent("Reports/examples/\(example.name)/report.json"))),
                                    path: example.name).verdict
        }
        #expect(verdicts.contains(.pass) && verdicts.contains(.fail))
    }
}
