import AssessmentEngine
import ArgumentParser
import Certification
import Foundation
import RandomnessCore
import SP80090B

extension IIDOptions.CompressionEngine: ExpressibleByArgument {}

/// `rngcert entropy iid`: the IID track as `ea_iid` runs it, with seeded, reproducible shuffles.
struct EntropyIID: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iid",
        abstract: "IID tests and IID min-entropy (SP 800-90B 5 and 6.1), like ea_iid.",
        discussion: """
        Runs the chi-square tests, the longest repeated substring test and the 19 permutation \
        tests on FILE (one sample per byte), and the MCV min-entropy. The permutation shuffles \
        come from --seed, so a run can be repeated exactly; each statistic's counters are \
        printed. By default the permutation tests stop at the first certain failure (--full \
        counts everything). Exit code 0 when IID is not rejected, 1 when it is.

        Example:
          rngcert entropy iid -v rand8_short.bin 8
        """
    )

    @Flag var estimate: EntropyEstimateFlag = .initial
    @Flag var bitstring: EntropyBitstringFlag = .all

    @Option(name: .customShort("l"), parsing: .unconditional, help: ArgumentHelp("Read only block INDEX of SAMPLES samples (SAMPLES 0: all).", valueName: "index,samples"))
    var block: String?

    @Flag(name: .customShort("v"), help: "More output; -vv prints every figure in %.17g (repeatable).")
    var verbose: Int

    @OptionGroup
    var jsonOutput: JSONOutputOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of the permutation shuffles, decimal or 0x-hex. Default: 0x5350383030393042 (\"SP80090B\").", valueName: "n"))
    var seed: String?

    @Flag(help: "Count every permutation statistic to the end (default: stop at the first certain failure).")
    var full = false

    @Option(help: ArgumentHelp("bzip2 size for the compression statistic: size-model (exact and fast) or libbz2.", valueName: "engine"))
    var engine: IIDOptions.CompressionEngine = .sizeModel

    @Option(parsing: .unconditional, help: ArgumentHelp("Worker threads, 1…1024 (default: all cores). Results do not depend on it.", valueName: "n"))
    var jobs: Int?

    @Argument(help: ArgumentHelp("Sample file, one sample per byte ('-': standard input).", valueName: "file"))
    var file: String

    @Argument(help: ArgumentHelp("Bits per symbol, 1…8 (default: inferred from the data).", valueName: "bits_per_symbol"))
    var bitsPerSymbol: String?

    func validate() throws {
        _ = try options()
        try OptionChecks.jobs(jobs)
        if let block { _ = try EntropyArguments.subset(block, option: "-l") }
        if let bitsPerSymbol { _ = try EntropyArguments.bitsPerSymbol(bitsPerSymbol, name: "bits_per_symbol") }
    }

    func options() throws -> IIDOptions {
        IIDOptions(estimate: estimate == .initial ? .initial : .conditioned, truncateBitstring: bitstring == .truncate,
                   seed: try seed.map { try EntropyArguments.seed($0, option: "--seed") } ?? IIDOptions.defaultSeed,
                   full: full, compressionEngine: engine)
    }

    func run() throws {
        try jsonOutput.checkWritable()
        let options = try options()
        let bytes = try EntropyArguments.read(file)
        let subset = try block.map { try EntropyArguments.subset($0, option: "-l") }
        let declared = try bitsPerSymbol.map { try EntropyArguments.bitsPerSymbol($0, name: "bits_per_symbol") }
        // The block and the width as ea_iid reads them (the same reading as ea_non_iid's).
        let data: NonIIDData
        do {
            data = try NonIIDData(samples: bytes, subset: subset, bitsPerSymbol: declared)
        } catch .singleSymbolAlphabet(let symbol, let count) {
            print("Symbol alphabet consists of 1 symbol (all \(count) samples are \(symbol)). No entropy awarded...")
            throw ExitCode(1)
        }
        let samples = SampleSequence(samples: data.rawSamples, bitsPerSymbol: data.bitsPerSymbol)
        let result = try IIDAssessment.run(samples: samples, options: options, jobs: jobs ?? Parallel.defaultJobs)
        var header: [String] = []
        if verbose >= 2 {
            let hash = SHA256Digest.hex(of: bytes)
            if let subset, subset.samples > 0 {
                header.append("Opening file: '\(TerminalText.escaped(file))' (SHA-256 hash \(hash)), reading block \(subset.index) of size \(subset.samples)")
            } else {
                header.append("Opening file: '\(TerminalText.escaped(file))' (SHA-256 hash \(hash))")
            }
        }
        print(EntropyIIDText.render(result, header: header, verbosity: verbose), terminator: "")
        try jsonOutput.write(result)
        if !result.isIID { throw ExitCode(1) }
    }
}

/// The text `entropy iid` prints: ea_iid's lines at each verbosity, and the permutation
/// counters.
enum EntropyIIDText {
    static func render(_ r: IIDResult, header: [String], verbosity: Int) -> String {
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        let g = EntropyArguments.g17, f = EntropyArguments.f6
        header.forEach { line($0) }
        let verbose = verbosity >= 2
        if verbose {
            line("Loaded \(r.sampleCount) samples of \(r.alphabetSize) distinct \(r.bitsPerSymbol)-bit-wide symbols")
            if r.minEntropy.bitstring != nil { line("Number of Binary samples: \(r.minEntropy.bitstringLength)") }
        }
        if r.sampleCount < IIDAssessment.minimumRecommendedSamples {
            line("*** Warning: data contains less than \(IIDAssessment.minimumRecommendedSamples) samples ***")
        }
        if verbose {
            line("Raw Mean = \(g(r.mean))")
            line("Median = \(g(r.median))")
            line("Binary = \(r.binary)")
            for (name, mcv) in [("Bitstring", r.minEntropy.bitstring), ("Literal", r.minEntropy.literal)] {
                guard let mcv else { continue }
                line("\(name) Most Common Value Estimate: Mode count = \(mcv.modeCount)")
                line("\(name) Most Common Value Estimate: p-hat = \(g(mcv.pHat))")
                line("\(name) Most Common Value Estimate: p_u = \(g(mcv.pU))")
                line("\(name) Most Common Value Estimate: min entropy = \(g(mcv.minEntropy))")
            }
            if r.minEntropy.bitstring != nil {
                line("H_bitstring = \(g(r.minEntropy.hBitstring))")
                line("H_bitstring Per Symbol = \(g(r.minEntropy.hBitstring * Double(r.bitsPerSymbol)))")
            }
            if r.options.estimate == .initial { line("H_original = \(g(r.minEntropy.hOriginal))") }
            line("Assessed min entropy: \(g(r.minEntropy.hAssessed))")
        } else {
            line("Calculating baseline statistics...")
            if verbosity == 1 {
                line("\tRaw Mean: \(f(r.mean))")
                line("\tMedian: \(f(r.median))")
                line("\tBinary: \(r.binary)")
                line()
            }
            if r.options.estimate == .initial {
                line("H_original: \(f(r.minEntropy.hOriginal))")
                if r.minEntropy.bitstring != nil {
                    line("H_bitstring: \(f(r.minEntropy.hBitstring))")
                    line("min(H_original, \(r.bitsPerSymbol) X H_bitstring): \(f(min(r.minEntropy.hOriginal, Double(r.bitsPerSymbol) * r.minEntropy.hBitstring)))")
                }
            } else {
                line("h': \(f(r.minEntropy.hBitstring))")
            }
            line("Assessed min entropy: \(f(r.minEntropy.hAssessed))")
            line()
        }

        for test in [r.chiSquare.independence, r.chiSquare.goodnessOfFit] {
            let name = "Chi square \(test.test == .independence || test.test == .binaryIndependence ? "independence" : "goodness of fit")"
            if verbose {
                line("\(name): test = \(test.test.rawValue)")
                line("\(name): T = \(g(test.statistic))")
                line("\(name): df = \(test.degreesOfFreedom)")
                line("\(name): p-value = \(g(test.pValue))")
            } else if verbosity == 1 {
                line(name)
                line("\tscore = \(f(test.statistic))")
                line("\tdegrees of freedom = \(test.degreesOfFreedom)")
                line("\tp-value = \(f(test.pValue))")
                line()
            }
        }
        line(verbose ? "Chi square tests: \(r.chiSquare.passed ? "Passed" : "Failed")"
                     : "** \(r.chiSquare.passed ? "Passed" : "Failed") chi square tests\n")

        let lrs = r.longestRepeatedSubstring
        if verbose {
            line("LRS test: P_col = \(g(lrs.collisionProbability))")
            if let w = lrs.longestLength { line("LRS test: W = \(w)") }
            if let n = lrs.pairCount { line("LRS test: N = \(n)") }
            line("LRS test: Pr(X >= 1) = \(g(lrs.probabilityOfCollision))")
        } else if verbosity == 1 {
            line("Longest repeated substring: W = \(lrs.longestLength.map(String.init) ?? "-"), Pr(X >= 1) = \(f(lrs.probabilityOfCollision))")
        }
        line(verbose ? "Length of longest repeated substring test: \(lrs.passed ? "Passed" : "Failed")"
                     : "** \(lrs.passed ? "Passed" : "Failed") length of longest repeated substring test\n")

        guard let p = r.permutationTests else {
            // Only with IIDAssessment.Schedule.stopAtFirstRejection (not this command's).
            line("Permutation tests: not run: IID already rejected by \(r.rejectedBy.map(String.init(describing:)) ?? "an earlier test")")
            line("IID assumption: rejected")
            return out
        }
        if verbose {
            for s in p.statistics { line("Permutation testing: Unpermuted result \(s.statistic.rawValue) = \(g(s.original))") }
        }
        let mode = p.full ? "full count" : "early verdict"
        line("Permutation tests: seed \(String(format: "0x%016llx", p.seed)), \(p.permutationCount) permutations, \(mode)")
        line("  " + pad("statistic", 24) + pad("original", 24, left: true) + pad("C0 (>)", 9, left: true) + pad("C1 (=)", 9, left: true)
             + pad("C2 (<)", 9, left: true) + pad("perms", 8, left: true) + "  status")
        for s in p.statistics {
            line("  " + pad(s.statistic.rawValue, 24) + pad(g(s.original), 24, left: true) + pad("\(s.greater)", 9, left: true)
                 + pad("\(s.equal)", 9, left: true) + pad("\(s.less)", 9, left: true) + pad("\(s.permutationsUsed)", 8, left: true)
                 + "  " + s.status.rawValue)
        }
        if let decided = p.decidedBy, let after = p.decidedAfterPermutations {
            line("Decided by \(decided.rawValue) after \(after) permutations" + (p.notCompleted.isEmpty ? "" : "; \(p.notCompleted.count) statistic(s) not completed (use --full to count them)"))
        }
        line(verbose ? "IID permutation tests: \(p.passed ? "Passed" : "Failed")"
                     : "** \(p.passed ? "Passed" : "Failed") IID permutation tests\n")
        line("IID assumption: \(r.isIID ? "not rejected" : "rejected")")
        return out
    }

    static func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return left ? fill + s : s + fill
    }
}
