/// Why the restart tests (SP 800-90B §3.1.4) could not run on the given input. Each case
/// mirrors a refusal of ea_restart and names the offending parameter or offset.
public enum RestartTestError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The row dataset must hold exactly restarts × samplesPerRestart samples.
    case wrongSampleCount(expected: Int, actual: Int)
    /// bits_per_symbol must be 1…8 (one sample per byte).
    case bitsPerSymbolOutOfRange(Int)
    /// A sample does not fit in `bitsPerSymbol` bits.
    case sampleOutOfRange(offset: Int, value: UInt8, bitsPerSymbol: Int)
    /// H_I must be finite, non-negative and at most bits_per_symbol.
    case initialEntropyOutOfRange(initialEntropy: Double, bitsPerSymbol: Int)
    /// Every sample has the same value: no entropy can be awarded.
    case singleSymbolAlphabet(value: UInt8)
    /// H_I implies ⌈2^H_I⌉ equally likely symbols, more than the data's alphabet holds
    /// (ea_restart stops on an assertion here).
    case initialEntropyExceedsAlphabet(initialEntropy: Double, impliedSymbols: Int, distinctSymbols: Int)
    /// The sanity-check simulation needs enough rounds for its (1 − α) quantile.
    case invalidSimulationRounds(Int)
    /// An injected estimator returned an estimate that is not a finite, non-negative number.
    case invalidEstimate(dataset: String, estimator: String, value: Double)

    public var description: String {
        switch self {
        case let .wrongSampleCount(expected, actual):
            "restart data: expected \(expected) samples (1000 restarts × 1000 samples, row dataset), got \(actual)"
        case let .bitsPerSymbolOutOfRange(bits):
            "bits_per_symbol = \(bits) must be 1…8"
        case let .sampleOutOfRange(offset, value, bits):
            "restart data: sample \(value) at offset \(offset) does not fit in bits_per_symbol = \(bits)"
        case let .initialEntropyOutOfRange(h, bits):
            "H_I = \(h) must be a finite number in [0, bits_per_symbol = \(bits)]"
        case let .singleSymbolAlphabet(value):
            "restart data: every sample is \(value); the alphabet has one symbol and no entropy is awarded"
        case let .initialEntropyExceedsAlphabet(h, implied, distinct):
            "H_I = \(h) implies \(implied) equally likely symbols but the restart data holds only \(distinct) distinct symbols"
        case let .invalidSimulationRounds(rounds):
            "simulation rounds = \(rounds): must be between \(RestartCutoffMethod.minimumSimulationRounds) and \(RestartCutoffMethod.maximumSimulationRounds)"
        case let .invalidEstimate(dataset, estimator, value):
            "\(estimator) on the \(dataset) dataset returned \(value), not a finite non-negative min-entropy"
        }
    }
}
