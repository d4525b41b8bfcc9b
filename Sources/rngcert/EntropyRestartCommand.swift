import ArgumentParser
import Foundation
import RandomnessCore
import SP80090B

/// `rngcert entropy restart`: the restart tests (SP 800-90B 3.1.4) as `ea_restart` runs them.
struct EntropyRestart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Restart tests (SP 800-90B 3.1.4): sanity check and validation of H_I, like ea_restart.",
        discussion: """
        FILE holds the row dataset: 1000 restarts × 1000 samples, one sample per byte. The \
        sanity check compares the largest symbol count of any row or column with the cutoff \
        for H_I; the validation needs min(H_r, H_c) ≥ H_I/2, H_r and H_c being the min-entropy \
        estimates of the row and column datasets (-i: Most Common Value only; -n: the non-IID \
        estimators on the literal samples). Exit code 0 when both pass, 1 when one fails.

        The cutoff: exact (default) is the quantile ea_restart's 5,000,000-round simulation \
        estimates, computed without its noise; simulation reruns that simulation from --seed; \
        binomial is the single binomial bound written in 3.1.4.3.

        Example:
          rngcert entropy restart -n restart.bin 8 7.5
        """
    )

    enum Track: String, EnumerableFlag {
        case iid
        case nonIID

        static func name(for value: Self) -> NameSpecification {
            switch value {
            case .iid: [.customShort("i"), .customLong("iid")]
            case .nonIID: [.customShort("n"), .customLong("non-iid")]
            }
        }

        static func help(for value: Self) -> ArgumentHelp? {
            switch value {
            case .iid: "IID track: H_r and H_c are Most Common Value estimates."
            case .nonIID: "Non-IID track: H_r and H_c also take the non-IID estimators."
            }
        }
    }

    @Flag var track: Track = .nonIID

    @Option(help: ArgumentHelp("Sanity-check cutoff: exact, simulation or binomial.", valueName: "method"))
    var cutoff = "exact"

    @Option(name: .customLong("simulation-rounds"), parsing: .unconditional, help: ArgumentHelp("Rounds of --cutoff simulation, 2…100000000 (the default is ea_restart's 5000000).", valueName: "n"))
    var simulationRounds = RestartCutoffMethod.referenceSimulationRounds

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of --cutoff simulation, decimal or 0x-hex (default 800903143).", valueName: "n"))
    var seed: String?

    @Flag(name: .customLong("iid-tests"), help: "With -i, also run the IID tests on both datasets and print their outcome (as ea_restart -i; it does not change the verdict).")
    var iidTests = false

    @Flag(name: .customShort("v"), help: "Print every estimate on the row and column datasets in %.17g (repeatable).")
    var verbose: Int

    @OptionGroup
    var jsonOutput: JSONOutputOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Worker threads, 1…1024 (default: all cores). Results do not depend on it.", valueName: "n"))
    var jobs: Int?

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("FILE [bits_per_symbol] H_I: the row dataset, its bits per symbol (1…8; default: inferred) and the initial entropy estimate.", valueName: "file [bits_per_symbol] H_I"))
    var arguments: [String]

    func validate() throws {
        _ = try positional()
        _ = try cutoffMethod()
        try OptionChecks.jobs(jobs)
        if iidTests && track != .iid { throw ValidationError("--iid-tests needs the IID track (-i)") }
    }

    func positional() throws -> (file: String, bits: Int?, hI: Double) {
        guard arguments.count == 2 || arguments.count == 3 else {
            throw ValidationError("expected FILE [bits_per_symbol] H_I (\(arguments.count) argument(s) given)")
        }
        let bits = arguments.count == 3 ? try EntropyArguments.bitsPerSymbol(arguments[1], name: "bits_per_symbol") : nil
        guard let hI = Double(arguments.last!), hI.isFinite, hI >= 0, hI <= Double(bits ?? 8) else {
            throw ValidationError("H_I '\(arguments.last!)': must be a number with 0 ≤ H_I ≤ bits_per_symbol")
        }
        return (arguments[0], bits, hI)
    }

    func cutoffMethod() throws -> RestartCutoffMethod {
        switch cutoff.lowercased() {
        case "exact": return .exact
        case "binomial": return .binomial
        case "simulation":
            let seed = try self.seed.map { try EntropyArguments.seed($0, option: "--seed") } ?? RestartCutoffMethod.defaultSimulationSeed
            let method = RestartCutoffMethod.simulation(rounds: simulationRounds, seed: seed)
            do { try method.validate() } catch {
                throw ValidationError("--simulation-rounds \(simulationRounds): must be between \(RestartCutoffMethod.minimumSimulationRounds) and \(RestartCutoffMethod.maximumSimulationRounds)")
            }
            return method
        default:
            throw ValidationError("--cutoff '\(cutoff)': choose exact, simulation or binomial")
        }
    }

    func run() throws {
        try jsonOutput.checkWritable()
        let (file, declared, hI) = try positional()
        let method = try cutoffMethod()
        let jobs = self.jobs ?? Parallel.defaultJobs
        let bytes = try EntropyArguments.read(file)
        let bits = declared ?? SampleSequence.inferredBitsPerSymbol(of: bytes)
        let matrix = try RestartMatrix(rowDataset: bytes, bitsPerSymbol: bits)
        let restartTrack: RestartTrack
        switch track {
        case .nonIID:
            restartTrack = .nonIIDUsingEstimators(jobs: jobs)
        case .iid:
            let checks: @Sendable (SampleSequence) throws -> [RestartDatasetCheck] = { data in
                let r = try IIDAssessment.run(samples: data, jobs: jobs)
                return [RestartDatasetCheck(test: "Chi-square tests", passed: r.chiSquare.passed),
                        RestartDatasetCheck(test: "LRS test", passed: r.longestRepeatedSubstring.passed),
                        RestartDatasetCheck(test: "Permutation tests", passed: r.permutationTests?.passed == true)]
            }
            restartTrack = .iid(iidTests: iidTests ? checks : nil)
        }
        let result = try RestartTest.run(matrix: matrix, initialEntropy: hI, track: restartTrack, cutoffMethod: method, jobs: jobs)
        print(EntropyRestartText.render(result, verbosity: verbose), terminator: "")
        try jsonOutput.write(result)
        if result.verdict != .pass { throw ExitCode(1) }
    }
}

/// The text `entropy restart` prints, in ea_restart's order.
enum EntropyRestartText {
    static func render(_ r: RestartTestResult, verbosity: Int) -> String {
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        let g = EntropyArguments.g17, f = EntropyArguments.f6
        let cutoff = r.sanityCheck.cutoff
        line("H_I: \(f(r.initialEntropy))")
        line("ALPHA: \(g(cutoff.alpha)), X_cutoff: \(cutoff.cutoff) (\(methodText(cutoff.method)))")
        line("X_max: \(r.sanityCheck.maxCount) (X_R = \(r.sanityCheck.maxRowCount), X_C = \(r.sanityCheck.maxColumnCount))")
        guard r.sanityCheck.passed, let rows = r.rows, let columns = r.columns else {
            line()
            line("*** Restart Sanity Check Failed ***")
            return out
        }
        line()
        line("Restart Sanity Check Passed...")
        if verbosity >= 1 {
            line()
            let unit = "\(r.bitsPerSymbol) bit(s)"
            for (name, d) in [("Rows", rows), ("Cols", columns)] {
                line("\tMost Common Value Estimate (\(name)) = \(g(d.mostCommonValue.minEntropy)) / \(unit)")
                for e in d.estimates { line("\t\(e.estimator) Estimate (\(name)) = \(g(e.minEntropy)) / \(unit)") }
                for c in d.iidChecks ?? [] { line("\t\(c.test) (\(name)): \(c.passed ? "Passed" : "Failed")") }
            }
            line("H_r = \(g(rows.minEntropy))")
            line("H_c = \(g(columns.minEntropy))")
        }
        line()
        line("H_r: \(f(rows.minEntropy))")
        line("H_c: \(f(columns.minEntropy))")
        line("H_I: \(f(r.initialEntropy))")
        line()
        if let assessed = r.assessedEntropy {
            line("Validation Test Passed...")
            line()
            line("min(H_r, H_c, H_I): \(f(assessed))")
        } else {
            line("*** min(H_r, H_c) < H_I/2, Validation Testing Failed ***")
        }
        return out
    }

    static func methodText(_ method: RestartCutoffMethod) -> String {
        switch method {
        case .exact: "exact quantile"
        case .binomial: "binomial, SP 800-90B 3.1.4.3"
        case let .simulation(rounds, seed): "simulation, \(rounds) rounds, seed \(seed)"
        }
    }
}
