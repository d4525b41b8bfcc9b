import Foundation
import Testing

/// `rngcert entropy restart` against ea_restart's recorded runs (Fixtures/sp800-90b-restart,
/// expected.json), on the generated restart datasets.
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct EntropyRestartCommandTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    func dataset(_ name: String) throws -> String {
        let bytes = RestartDatasets.bytes(name)
        #expect(RestartDatasets.fnv1a64(bytes) == RestartDatasets.hashes[name], "\(name) differs from generate.py's output")
        try dir.write(name + ".bin", bytes)
        return name + ".bin"
    }

    /// ea_restart -n on good1.bin, H_I = 0.9: the non-IID estimators on the row and column
    /// datasets give its H_r and H_c (within 1e-6), and the validation passes.
    @Test func nonIIDTrackMatchesTheReference() throws {
        let reference = try RestartDatasets.run("good1.noniid.0.9")
        let file = try dataset("good1")
        let run = try RNGCertBinary.run(["entropy", "restart", "-n", "-v", "--jobs", "2", file, "1", "0.9"], in: dir.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let printed = PrintedFigures(run.stdout)
        #expect(agrees(printed.values["H_r"] ?? .nan, (reference["h_r"] as! NSNumber).doubleValue), "\(run.stdout)")
        #expect(agrees(printed.values["H_c"] ?? .nan, (reference["h_c"] as! NSNumber).doubleValue))
        for estimate in reference["estimates"] as! [[String: Any]] {
            let name = estimate["estimator"] as! String
            #expect(agrees(printed.values["\(name) Estimate (Rows)"] ?? .nan, (estimate["h_r"] as! NSNumber).doubleValue), "\(name) rows")
            #expect(agrees(printed.values["\(name) Estimate (Cols)"] ?? .nan, (estimate["h_c"] as! NSNumber).doubleValue), "\(name) columns")
        }
        #expect(run.stdout.contains("X_max: \(reference["x_max"] as! Int) "))
        #expect(run.stdout.contains("Validation Test Passed..."))
    }

    /// ea_restart -i on good8.bin, H_I = 7.5: H_r and H_c are the MCV estimates; passes.
    @Test func iidTrackMatchesTheReference() throws {
        let reference = try RestartDatasets.run("good8.iid.7.5")
        let file = try dataset("good8")
        let run = try RNGCertBinary.run(["entropy", "restart", "-i", "-v", file, "8", "7.5", "-o", "restart.json"], in: dir.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let printed = PrintedFigures(run.stdout)
        #expect(agrees(printed.values["H_r"] ?? .nan, (reference["h_r"] as! NSNumber).doubleValue, tolerance: 1e-12))
        #expect(agrees(printed.values["H_c"] ?? .nan, (reference["h_c"] as! NSNumber).doubleValue, tolerance: 1e-12))
        #expect(run.stdout.contains("min(H_r, H_c, H_I): 7.500000"))
        let json = try EntropyFixtures.json(dir.url("restart.json"))
        #expect(json["verdict"] as? String == "pass")
    }

    /// stuckfirst8.bin: the first sample after every restart is 0, so one column is constant;
    /// the sanity check fails (exit 1) as in ea_restart, on either track. Bad arguments exit 2.
    @Test func sanityCheckFailureExitsWith1() throws {
        let reference = try RestartDatasets.run("stuckfirst8.noniid.7.5")
        #expect(reference["sanity_passed"] as? Bool == false)
        let file = try dataset("stuckfirst8")
        for track in ["-n", "-i"] {
            let run = try RNGCertBinary.run(["entropy", "restart", track, file, "8", "7.5"], in: dir.path)
            #expect(run.status == 1)
            #expect(run.stdout.contains("X_max: 1000 "))
            #expect(run.stdout.contains("*** Restart Sanity Check Failed ***"))
        }
        let tooHigh = try RNGCertBinary.run(["entropy", "restart", file, "8", "8.5"], in: dir.path)
        #expect(tooHigh.status == 2 && tooHigh.stderr.contains("H_I"), "\(tooHigh.stderr)")
        let cutoff = try RNGCertBinary.run(["entropy", "restart", "--cutoff", "guess", file, "8", "7.5"], in: dir.path)
        #expect(cutoff.status == 2 && cutoff.stderr.contains("--cutoff"), "\(cutoff.stderr)")
        try dir.write("short.bin", [UInt8](repeating: 1, count: 999))
        let short = try RNGCertBinary.run(["entropy", "restart", "short.bin", "8", "7.5"], in: dir.path)
        #expect(short.status == 2 && short.stderr.contains("1000000"), "\(short.stderr)")
    }

    /// The three cutoff methods on good8.bin, H_I = 7.5: the exact quantile, a reproducible
    /// simulation (same seed, same cutoff) and the binomial bound of §3.1.4.3.
    @Test func cutoffMethodsAreSelectable() throws {
        let file = try dataset("good8")
        var cutoffs: [String: String] = [:]
        for method in ["exact", "binomial"] {
            let run = try RNGCertBinary.run(["entropy", "restart", "-i", "--cutoff", method, file, "8", "7.5"], in: dir.path)
            #expect(run.status == 0)
            cutoffs[method] = run.stdout.split(separator: "\n").first { $0.hasPrefix("ALPHA") }.map(String.init)
        }
        #expect(cutoffs["exact"]?.contains("X_cutoff: 22 (exact quantile)") == true, "\(cutoffs)")
        #expect(cutoffs["binomial"]?.contains("binomial") == true)
        let a = try RNGCertBinary.run(["entropy", "restart", "-i", "--cutoff", "simulation", "--simulation-rounds", "20000", "--seed", "7", file, "8", "7.5"], in: dir.path)
        let b = try RNGCertBinary.run(["entropy", "restart", "-i", "--cutoff", "simulation", "--simulation-rounds", "20000", "--seed", "7", "--jobs", "1", file, "8", "7.5"], in: dir.path)
        #expect(a.status == 0 && a.stdout == b.stdout)
        #expect(a.stdout.contains("simulation, 20000 rounds, seed 7"))
    }
}
