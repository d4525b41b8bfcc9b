import AssessmentEngine
import ArgumentParser
import Foundation
import Certification
import RandomnessCore
import SP80090B

/// The SP 800-90B suite's parameters on the `assess` command line. Defaults: the initial
/// estimate on all samples and bits, the IID track run with the default seed and an early
/// verdict, no claim, health tests at α = 2^-20.
struct SP80090BOptions: ParsableArguments {
    @Option(name: .customLong("claimed-entropy"), parsing: .unconditional, help: ArgumentHelp(
        "Claimed min-entropy H per sample (0 < H ≤ bits per symbol): the suite fails when the assessment is below H; the health tests use H's cutoffs. Default: no claim (the suite fails below 1/8 bit per bit of sample width; the health tests use the assessed value). Health alarms fail or make suspect only beyond what chance explains (P < 1e-6, < 1e-3).",
        valueName: "H"))
    var claimedEntropy: Double?

    @Flag(name: .customLong("iid"), help: "Claim the source is IID: the IID track's min-entropy (MCV) is the assessment when IID is not rejected, and the suite fails when it is. Default: no claim (non-IID track).")
    var iid = false

    @Flag(name: .customLong("no-iid-track"), help: "Skip the IID track. It runs by default for what it tells (and decides with --iid); its permutation tests can cost tens of CPU seconds per million samples, most on data that is not IID.")
    var noIIDTrack = false

    @Option(name: .customLong("iid-seed"), parsing: .unconditional, help: ArgumentHelp(
        "Seed of the IID permutation shuffles, decimal or 0x-hex; recorded in the report. Default: 0x5350383030393042 (\"SP80090B\").",
        valueName: "n"))
    var iidSeed: String?

    @Flag(name: .customLong("full"), help: "Run the IID permutation tests even when chi-square or LRS has rejected IID, and every counter to its end (default: stop at the first certain failure).")
    var full = false

    @Flag(name: .customLong("conditioned"), help: "Conditioned sequential dataset estimate h' (ea_non_iid -c): estimators on the bitstring only. Default: the initial estimate (-i).")
    var conditioned = false

    @Flag(name: .customLong("truncate"), help: "Cut the bitstring assessed for H_bitstring to its first 1,000,000 bits (ea_non_iid -t). Default: all bits (-a).")
    var truncate = false

    @Option(name: .customLong("subset"), parsing: .unconditional, help: ArgumentHelp(
        "Assess only block INDEX of SAMPLES samples of the window (ea_non_iid -l INDEX,SAMPLES; SAMPLES 0 means all) with both tracks. Default: the whole window.",
        valueName: "index,samples"))
    var subset: String?

    @Option(name: .customLong("health-alpha"), parsing: .unconditional, help: ArgumentHelp(
        "False-positive probability α of each health test, as 2^-k or a number in (0, 1). Default: 2^-20.",
        valueName: "alpha"))
    var healthAlpha: String?

    @Option(name: .customLong("sp800-90b-samples"), parsing: .unconditional, help: ArgumentHelp(
        "The SP 800-90B window: the estimators and IID track read the first N samples (K, M suffixes), or all. The health tests read every sample. Default: 1000000 (SP 800-90B §3.1.1).",
        valueName: "N|all"))
    var windowText: String?

    @Option(name: .customLong("restart-data"), help: ArgumentHelp(
        "Restart dataset (1000 restarts × 1000 samples, one per byte, row by row): also run the restart tests of SP 800-90B 3.1.4 at H_I = the assessed min-entropy.",
        valueName: "file"))
    var restartData: String?

    func validate() throws {
        _ = try parameters()
        _ = try window()
    }

    /// The parameters with the restart dataset read and hashed (`--restart-data`).
    func parametersWithRestartData() throws -> SP80090BParameters {
        var p = try parameters()
        p.restartData = try restartData.map { try RestartDataset.reference(path: $0) }
        return p
    }

    /// The window in samples; nil for all.
    func window() throws -> Int? {
        guard let text = windowText else { return AssessmentParameters.defaultSP80090BWindow }
        if text.lowercased() == "all" { return nil }
        let minimum = SP80090BSuite.minimumSamples
        guard let n = try? ByteCount.parse(text, parameter: "--sp800-90b-samples"), n >= minimum else {
            throw ValidationError("--sp800-90b-samples \(text): must be at least \(minimum) samples (K, M, G allowed) or 'all'")
        }
        return n
    }

    /// The parameters, or a ValidationError naming the option at fault.
    func parameters() throws -> SP80090BParameters {
        if iid && noIIDTrack { throw ValidationError("--iid claims the source is IID, which the IID track tests: drop --no-iid-track") }
        if let claimedEntropy, !(claimedEntropy.isFinite && claimedEntropy > 0 && claimedEntropy <= 8) {
            throw ValidationError("--claimed-entropy \(claimedEntropy): must be a number with 0 < H ≤ bits per symbol (at most 8)")
        }
        var nonIID = NonIIDOptions(estimate: conditioned ? .conditioned : .initial, allBits: !truncate)
        if let subset { nonIID.subset = try EntropyArguments.subset(subset, option: "--subset") }
        let seed = try iidSeed.map { try EntropyArguments.seed($0, option: "--iid-seed") } ?? IIDOptions.defaultSeed
        let alpha = try healthAlpha.map { try EntropyArguments.probability($0, option: "--health-alpha") }
            ?? HealthTestParameters.defaultFalsePositiveProbability
        return SP80090BParameters(nonIID: nonIID, runIIDTrack: !noIIDTrack, iidSeed: seed, iidFull: full,
                                  claimedEntropy: claimedEntropy, claimedIID: iid,
                                  healthTestFalsePositiveProbability: alpha)
    }
}

extension SP80090BOptions {
    /// A parameter error found once the samples are known, reworded with the option's name.
    struct OptionError: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `body`, rewording the SP 800-90B parameter errors found once the samples are
    /// known with the options' names.
    static func namingOptions<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as NonIIDError {
            throw optionError(error)
        } catch let error as SP80090BSuiteError {
            throw optionError(error)
        }
    }

    static func optionError(_ error: NonIIDError) -> OptionError {
        switch error {
        case let .subsetOutOfRange(index, samples, available):
            OptionError(description: "--subset \(index),\(samples): block \(index) of \(samples) samples starts at sample \(index.multipliedReportingOverflow(by: samples).partialValue), past the \(available) samples of the input")
        case let .subsetStartOverflows(index, samples):
            OptionError(description: "--subset \(index),\(samples): INDEX × SAMPLES overflows")
        case let .invalidSubset(index, samples):
            OptionError(description: "--subset \(index),\(samples): index and samples must not be negative")
        case let .samplesWiderThanDeclared(sampleBits, bits, offset):
            OptionError(description: "--bits-per-symbol \(bits): the sample at offset \(offset) needs \(sampleBits) bits")
        case let .invalidBitsPerSymbol(bits):
            OptionError(description: "--bits-per-symbol \(bits): must be between 1 and 8")
        default:
            OptionError(description: error.description)
        }
    }

    static func optionError(_ error: SP80090BSuiteError) -> OptionError {
        switch error {
        case let .claimedEntropyExceedsWidth(h, bits):
            OptionError(description: "--claimed-entropy \(h): exceeds the \(bits) bits per symbol of the samples")
        case let .invalidParameter(name, value, reason):
            OptionError(description: "\(optionNames[name] ?? name) \(value): \(reason)")
        }
    }

    /// The command-line spelling of each SP80090BParameters field.
    static let optionNames: [String: String] = [
        "claimedEntropy": "--claimed-entropy", "claimedIID": "--iid", "subset": "--subset",
        "bitsPerSymbol": "--bits-per-symbol", "healthTestFalsePositiveProbability": "--health-alpha",
    ]
}
