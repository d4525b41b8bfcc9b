import Foundation
import Testing

/// Output paths that cannot be written: an empty name, a parent that is a file, a missing
/// directory. Each command refuses them with exit 2 and one line that names the path and
/// the system's reason (never a Foundation error domain or code), before any computation.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct OutputPathTests {
    let dir: EndToEndDirectory
    init() throws {
        dir = try EndToEndDirectory()
        _ = try dir.writeRandom("d.bin", count: 20_000)
    }

    static let commands: [[String]] = [
        ["assess", "d.bin", "--suite", "ent", "--out", "OUT"],
        ["batch", "d.bin", "--suite", "ent", "--out", "OUT"],
        ["simulate", "--bytes", "1K", "--out", "OUT"],
        ["keygen", "--out", "OUT"],
        ["capture", "--source", "d.bin", "--out", "OUT"],
        ["entropy", "non-iid", "d.bin", "-o", "OUT"],
        ["entropy", "iid", "d.bin", "-o", "OUT"],
        ["render", "r/report.json", "--out", "OUT"],
    ]

    @Test(arguments: ["", "d.bin/x", "missing-dir/x.json"])
    func unwritableOutputsAreOneLineErrors(out: String) throws {
        let made = try RNGCertBinary.run(["assess", "d.bin", "--suite", "ent", "--out", "r"], in: dir.path)
        try #require(made.status <= 1, "\(made.stderr)")
        for command in Self.commands {
            // A missing directory is created for report directories (assess, batch): fine.
            if out.hasPrefix("missing-dir"), ["assess", "batch"].contains(command[0]) { continue }
            let arguments = command.map { $0 == "OUT" ? out : $0 }
            let started = Date()
            let run = try RNGCertBinary.run(arguments, in: dir.path, timeout: 30)
            let label = "\(arguments.joined(separator: " ")) → \(run.status): \(run.stderr)"
            #expect(run.status == 2, "\(label)")
            #expect(run.stderr.hasPrefix("rngcert: error: ") && run.stderr.filter { $0 == "\n" }.count == 1, "\(label)")
            #expect(!run.stderr.contains("NSCocoaErrorDomain") && !run.stderr.contains("could not be completed"), "\(label)")
            #expect(!run.stderr.contains("error: :"), "the path is not named: \(label)")
            if !out.isEmpty {
                #expect(run.stderr.contains(out) || run.stderr.contains("d.bin"), "\(label)")
            }
            // Refused before the work: the entropy tools would take seconds on 20,000 samples.
            #expect(Date().timeIntervalSince(started) < 5, "slow: \(label)")
        }
    }
}
