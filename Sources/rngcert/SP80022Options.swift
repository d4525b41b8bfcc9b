import ArgumentParser
import Foundation
import SP80022

/// The SP 800-22 battery's parameters on the command line; defaults are STS 2.1.2's.
struct SP80022Options: ParsableArguments {
    @Option(name: .customLong("block-frequency-m"), parsing: .unconditional, help: ArgumentHelp("Block Frequency block length M.", valueName: "M"))
    var blockFrequencyM = 128

    @Option(name: .customLong("non-overlapping-m"), parsing: .unconditional, help: ArgumentHelp("Non-overlapping Template Matching template length m (2…21).", valueName: "m"))
    var nonOverlappingM = 9

    @Option(name: .customLong("overlapping-m"), parsing: .unconditional, help: ArgumentHelp("Overlapping Template Matching template length m (2…21; STS's probabilities assume 9).", valueName: "m"))
    var overlappingM = 9

    @Option(name: .customLong("approximate-entropy-m"), parsing: .unconditional, help: ArgumentHelp("Approximate Entropy block length m (1…24).", valueName: "m"))
    var approximateEntropyM = 10

    @Option(name: .customLong("serial-m"), parsing: .unconditional, help: ArgumentHelp("Serial block length m (2…24).", valueName: "m"))
    var serialM = 16

    @Option(name: .customLong("linear-complexity-m"), parsing: .unconditional, help: ArgumentHelp("Linear Complexity block length M (2…100000).", valueName: "M"))
    var linearComplexityM = 500

    @Option(name: [.customShort("n"), .customLong("stream-length")], parsing: .unconditional, help: ArgumentHelp("Bits per stream n, 100…2147483647 (below 100 no test applies).", valueName: "n"))
    var streamLength = 1_000_000

    @Option(name: .customLong("streams"), parsing: .unconditional, help: ArgumentHelp("Number of streams N (default: as many whole streams as the input holds).", valueName: "N"))
    var streams: Int?

    @Flag(help: "Use the corrected variants where STS 2.1.2 deviates from SP 800-22 (Block Frequency M, Universal K, Overlapping Template probabilities, Linear Complexity π, final analysis details; see the README).")
    var corrected = false

    @Option(name: .customLong("tests"), help: ArgumentHelp("Comma-separated tests to run, by STS name (Frequency, BlockFrequency, CumulativeSums, Runs, LongestRun, Rank, FFT, NonOverlappingTemplate, OverlappingTemplate, Universal, ApproximateEntropy, RandomExcursions, RandomExcursionsVariant, Serial, LinearComplexity) or STS number 1…15 (default: all).", valueName: "list"))
    var tests: String?

    func validate() throws {
        _ = try parameters()
    }

    /// The parameters, or a ValidationError naming the option at fault.
    func parameters() throws -> SP80022Parameters {
        var p = SP80022Parameters()
        p.blockFrequencyBlockLength = blockFrequencyM
        p.nonOverlappingTemplateLength = nonOverlappingM
        p.overlappingTemplateLength = overlappingM
        p.approximateEntropyBlockLength = approximateEntropyM
        p.serialBlockLength = serialM
        p.linearComplexityBlockLength = linearComplexityM
        p.streamLength = streamLength
        p.streamCount = streams
        p.corrected = corrected
        if let tests { p.tests = try Self.parseTests(tests) }
        do {
            try p.validate()
        } catch {
            guard case let .invalidParameter(name, value, reason) = error else { throw ValidationError(error.description) }
            throw ValidationError("\(Self.optionNames[name] ?? name) \(value): \(reason)")
        }
        return p
    }

    /// The command-line spelling of each parameter.
    static let optionNames: [String: String] = [
        "blockFrequencyBlockLength": "--block-frequency-m",
        "nonOverlappingTemplateLength": "--non-overlapping-m",
        "overlappingTemplateLength": "--overlapping-m",
        "approximateEntropyBlockLength": "--approximate-entropy-m",
        "serialBlockLength": "--serial-m",
        "linearComplexityBlockLength": "--linear-complexity-m",
        "streamLength": "--stream-length",
        "streamCount": "--streams",
        "tests": "--tests",
    ]

    /// Test names (any case) or STS numbers 1…15, comma-separated, in any order.
    static func parseTests(_ list: String) throws -> [SP80022TestID] {
        var ids: [SP80022TestID] = []
        for item in list.split(separator: ",", omittingEmptySubsequences: false) {
            let name = item.trimmingCharacters(in: .whitespaces)
            let id: SP80022TestID?
            if let number = Int(name) {
                id = (1...SP80022TestID.allCases.count).contains(number) ? SP80022TestID.allCases[number - 1] : nil
            } else {
                id = SP80022TestID.allCases.first { $0.rawValue.lowercased() == name.lowercased() }
            }
            guard let id else {
                throw ValidationError("--tests: unknown test '\(name)' (use STS names such as Frequency or numbers 1…15)")
            }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }
}
