import ArgumentParser
import Foundation
import RandomnessCore
import SP80090B

/// `rngcert entropy health`: the continuous health tests (SP 800-90B 4.4) over a sample file.
struct EntropyHealth: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Continuous health tests (SP 800-90B 4.4): Repetition Count and Adaptive Proportion, every alarm with its offset.",
        discussion: """
        Derives the cutoffs from the claimed min-entropy H and α, runs both tests over FILE \
        (one sample per byte) from a fresh start, and lists every alarm with its sample offset. \
        Exit code 0 without alarms, 1 with any.

        Example:
          rngcert entropy health capture.bin --claimed-entropy 7 --bits-per-symbol 8
        """
    )

    @Option(name: .customLong("claimed-entropy"), parsing: .unconditional, help: ArgumentHelp("Min-entropy H per sample the cutoffs are derived from (0 < H ≤ bits per symbol).", valueName: "H"))
    var claimedEntropy: Double

    @Option(name: .customLong("bits-per-symbol"), parsing: .unconditional, help: ArgumentHelp("Bits per sample, 1…8 (default: inferred from the data).", valueName: "n"))
    var bitsPerSymbol: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("False-positive probability α of each test, as 2^-k or a number in (0, 1). Default: 2^-20.", valueName: "alpha"))
    var alpha: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Adaptive Proportion Test window W, 2…65536 (default: 1024 for 1-bit samples, else 512).", valueName: "W"))
    var window: Int?

    @Option(name: .customLong("max-alarms"), parsing: .unconditional, help: ArgumentHelp("List at most N alarms (all are counted). Default: every alarm.", valueName: "N"))
    var maxAlarms: Int?

    @Argument(help: ArgumentHelp("Sample file, one sample per byte ('-': standard input).", valueName: "file"))
    var file: String

    func validate() throws {
        if let bitsPerSymbol, !(1...8).contains(bitsPerSymbol) {
            throw ValidationError("--bits-per-symbol \(bitsPerSymbol): must be between 1 and 8")
        }
        if !(claimedEntropy.isFinite && claimedEntropy > 0 && claimedEntropy <= Double(bitsPerSymbol ?? 8)) {
            throw ValidationError("--claimed-entropy \(claimedEntropy): must be a number with 0 < H ≤ bits per symbol")
        }
        if let alpha { _ = try EntropyArguments.probability(alpha, option: "--alpha") }
        if let window, !AdaptiveProportionTest.windowSizeRange.contains(window) {
            throw ValidationError("--window \(window): must be between \(AdaptiveProportionTest.windowSizeRange.lowerBound) and \(AdaptiveProportionTest.windowSizeRange.upperBound)")
        }
        if let maxAlarms, maxAlarms < 0 { throw ValidationError("--max-alarms \(maxAlarms): must not be negative") }
    }

    func run() throws {
        let bytes = try EntropyArguments.read(file)
        let samples = try InputDecoder.samples(from: bytes, options: DecodingOptions(format: .samples, bitsPerSymbol: bitsPerSymbol), name: file)
        let alpha = try self.alpha.map { try EntropyArguments.probability($0, option: "--alpha") } ?? HealthTestParameters.defaultFalsePositiveProbability
        let parameters: HealthTestParameters
        do {
            parameters = try HealthTestParameters(minEntropy: claimedEntropy, bitsPerSymbol: samples.bitsPerSymbol,
                                                  falsePositiveProbability: alpha, adaptiveProportionWindow: window)
        } catch let error as HealthTestError {
            switch error {
            case .minEntropyOutOfRange:
                throw ValidationError("--claimed-entropy \(claimedEntropy): must be a number with 0 < H ≤ bits per symbol (\(samples.bitsPerSymbol) for this data)")
            default:
                throw ValidationError(error.description)
            }
        }
        let scan = try HealthTestScan(samples: samples, parameters: parameters, alarmLimit: maxAlarms)
        print("Health tests (SP 800-90B 4.4) on \(TerminalText.escaped(file)): \(scan.samplesTested) samples of \(samples.bitsPerSymbol) bits")
        print("H = \(EntropyArguments.g17(parameters.minEntropy)), alpha = \(HealthTestParameters.alphaText(alpha))")
        print("Repetition Count Test: C = \(parameters.repetitionCountCutoff)")
        print("Adaptive Proportion Test: W = \(parameters.adaptiveProportionWindow), C = \(parameters.adaptiveProportionCutoff)")
        for a in scan.alarms {
            switch a.test {
            case .repetitionCount:
                print("RCT alarm at sample \(a.offset): value \(a.value) repeated \(a.count) times from sample \(a.start)")
            case .adaptiveProportion:
                print("APT alarm at sample \(a.offset): value \(a.value) seen \(a.count) times in the window from sample \(a.start)")
            }
        }
        if scan.alarmsTruncated { print("(\(scan.repetitionCountAlarms + scan.adaptiveProportionAlarms - scan.alarms.count) more alarms not listed)") }
        print("alarms: \(scan.repetitionCountAlarms + scan.adaptiveProportionAlarms) (repetition count \(scan.repetitionCountAlarms), adaptive proportion \(scan.adaptiveProportionAlarms))")
        if scan.verdict == .fail { throw ExitCode(1) }
    }
}
