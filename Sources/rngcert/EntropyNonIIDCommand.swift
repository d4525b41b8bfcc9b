import AssessmentEngine
import ArgumentParser
import Certification
import Foundation
import RandomnessCore
import SP80090B

/// `rngcert entropy non-iid`: the non-IID track as `ea_non_iid` runs it, with its arguments.
struct EntropyNonIID: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "non-iid",
        abstract: "Non-IID entropy estimate (SP 800-90B 6.3), like ea_non_iid.",
        discussion: """
        Runs the ten estimators of SP 800-90B 6.3 on FILE (one sample per byte) and prints \
        H_original, H_bitstring and the assessed min-entropy per sample. -v lists each \
        estimate; -vv prints every figure ea_non_iid -vv prints, under its labels, in %.17g.

        Example:
          rngcert entropy non-iid -vv truerand_8bit.bin 8
        """
    )

    @Flag var estimate: EntropyEstimateFlag = .initial
    @Flag var bitstring: EntropyBitstringFlag = .all

    @Option(name: .customShort("l"), parsing: .unconditional, help: ArgumentHelp("Read only block INDEX of SAMPLES samples (SAMPLES 0: all).", valueName: "index,samples"))
    var block: String?

    @Flag(name: .customShort("v"), help: "More output; -vv prints every figure (repeatable).")
    var verbose: Int

    @OptionGroup
    var jsonOutput: JSONOutputOptions

    @Option(name: .customLong("claimed-entropy"), parsing: .unconditional, help: ArgumentHelp("Exit with 1 when the assessed min-entropy is below H. Default: no claim.", valueName: "H"))
    var claimedEntropy: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Worker threads, 1…1024 (default: all cores). Results do not depend on it.", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Print each estimator's wall-clock and CPU time to standard error (benchmark aid).")
    var timings = false

    @Argument(help: ArgumentHelp("Sample file, one sample per byte ('-': standard input).", valueName: "file"))
    var file: String

    @Argument(help: ArgumentHelp("Bits per symbol, 1…8 (default: inferred from the data).", valueName: "bits_per_symbol"))
    var bitsPerSymbol: String?

    func validate() throws {
        _ = try options()
        try OptionChecks.jobs(jobs)
        if let claimedEntropy, !(claimedEntropy.isFinite && claimedEntropy > 0 && claimedEntropy <= 8) {
            throw ValidationError("--claimed-entropy \(claimedEntropy): must be a number with 0 < H ≤ bits per symbol")
        }
    }

    func options() throws -> NonIIDOptions {
        var options = NonIIDOptions(estimate: estimate == .initial ? .initial : .conditioned, allBits: bitstring == .all)
        if let block { options.subset = try EntropyArguments.subset(block, option: "-l") }
        if let bitsPerSymbol { options.bitsPerSymbol = try EntropyArguments.bitsPerSymbol(bitsPerSymbol, name: "bits_per_symbol") }
        return options
    }

    func run() throws {
        try jsonOutput.checkWritable()
        let options = try options()
        let bytes = try EntropyArguments.read(file)
        let data: NonIIDData
        do {
            data = try NonIIDData(samples: bytes, subset: options.subset, bitsPerSymbol: options.bitsPerSymbol)
        } catch .singleSymbolAlphabet(let symbol, let count) {
            print("Symbol alphabet consists of 1 symbol (all \(count) samples are \(symbol)). No entropy awarded...")
            throw ExitCode(1)
        }
        let (result, timed) = NonIIDAssessment.assessTimed(data, options: options, jobs: jobs ?? Parallel.defaultJobs)
        print(EntropyNonIIDText.render(result, file: file, sha256: verbose >= 2 ? SHA256Digest.hex(of: bytes) : nil, verbosity: verbose), terminator: "")
        if timings {
            for t in timed {
                let name = "\(t.sequence.rawValue) \(t.estimators.map(\.rawValue).joined(separator: "+"))"
                RNGCert.writeError("timing: " + name.padding(toLength: 44, withPad: " ", startingAt: 0)
                                   + String(format: "wall %7.3f s  CPU %7.3f s", t.seconds, t.cpuSeconds))
            }
        }
        try jsonOutput.write(result)
        if let claimedEntropy, result.assessedMinEntropy < claimedEntropy {
            print("Claimed entropy \(EntropyArguments.f6(claimedEntropy)) not met: assessed \(EntropyArguments.f6(result.assessedMinEntropy))")
            throw ExitCode(1)
        }
    }
}

/// The text `entropy non-iid` prints, following ea_non_iid's layout at each verbosity.
enum EntropyNonIIDText {
    static func render(_ r: NonIIDResult, file: String, sha256: String?, verbosity: Int) -> String {
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        let g = EntropyArguments.g17, f = EntropyArguments.f6
        if verbosity >= 2 {
            if let sha256 {
                if let subset = r.options.subset, subset.samples > 0 {
                    line("Opening file: '\(TerminalText.escaped(file))' (SHA-256 hash \(sha256)), reading block \(subset.index) of size \(subset.samples)")
                } else {
                    line("Opening file: '\(TerminalText.escaped(file))' (SHA-256 hash \(sha256))")
                }
            }
            line("Loaded \(r.sampleCount) samples of \(r.alphabetSize) distinct \(r.bitsPerSymbol)-bit-wide symbols")
            if let bitstring = r.bitstring { line("Number of Binary Symbols: \(bitstring.length)") }
        }
        for w in r.warnings { line("*** Warning: \(w) ***") }
        if verbosity >= 2 && r.symbolsTranslated { line("Symbols have been translated.") }
        for (name, part) in [("Bitstring", r.bitstring), ("Literal", r.literal)] {
            for n in part?.notApplicable ?? [] {
                line("\t*** Warning: \(name) \(n.estimator.referenceName) Estimate not applicable: \(n.reason) ***")
            }
        }
        if verbosity >= 2 {
            let figures = r.referenceFigures
            var statusAfter: [Int: [String]] = [:]
            for status in r.referenceStatusLines {
                let prefix = String(status[..<(status.range(of: "Estimate: ")?.upperBound ?? status.endIndex)])
                let index = figures.lastIndex { $0.label.hasPrefix(prefix) } ?? figures.count - 1
                statusAfter[index, default: []].append(status)
            }
            for (i, figure) in figures.enumerated() {
                if figure.label == "Assessed min entropy" {
                    line("Assessed min entropy: \(g(figure.value))")
                } else {
                    line("\(figure.label) = \(g(figure.value))")
                }
                for status in statusAfter[i] ?? [] { line(status) }
            }
            return out
        }
        if verbosity == 1 {
            let parts: [(String, NonIIDEstimates?, String)] = [
                (" (bit string)", r.bitstring, "1 bit(s)"), ("", r.literal, r.literal?.alphabetSize == 2 && r.bitsPerSymbol == 1 ? "1 bit(s)" : "\(r.bitsPerSymbol) bit(s)"),
            ]
            for (suffix, part, unit) in parts {
                guard let part else { continue }
                for e in part.minEntropies {
                    line("\t\(longName(e.estimator)) Estimate\(suffix) = \(f(e.minEntropy)) / \(unit)")
                }
            }
            line()
        }
        if r.options.estimate == .initial {
            if let h = r.hOriginal { line("H_original: \(f(h))") }
            if let h = r.hBitstring {
                line("H_bitstring: \(f(h))")
                line("min(H_original, \(r.bitsPerSymbol) X H_bitstring): \(f(min(r.hOriginal ?? .infinity, Double(r.bitsPerSymbol) * h)))")
            }
        } else if let h = r.hBitstring {
            line("h': \(f(h))")
        }
        line("Assessed min entropy: \(f(r.assessedMinEntropy))")
        return out
    }

    /// The estimator names of ea_non_iid -v.
    static func longName(_ e: NonIIDEstimator) -> String {
        switch e {
        case .mostCommonValue: "Most Common Value"
        case .collision: "Collision Test"
        case .markov: "Markov Test"
        case .compression: "Compression Test"
        case .tTuple: "T-Tuple Test"
        case .longestRepeatedSubstring: "LRS Test"
        case .multiMCW: "Multi Most Common in Window (MultiMCW) Prediction Test"
        case .lag: "Lag Prediction Test"
        case .multiMMC: "Multi Markov Model with Counting (MultiMMC) Prediction Test"
        case .lz78y: "LZ78Y Prediction Test"
        }
    }
}
