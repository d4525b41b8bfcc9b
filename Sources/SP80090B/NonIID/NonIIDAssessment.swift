import RandomnessCore

/// The non-IID track of SP 800-90B (section 6.3) as `ea_non_iid` runs it
/// (usnistgov/SP800-90B_EntropyAssessment, `cpp/non_iid_main.cpp`).
///
/// Initial estimate (`-i`): with more than two distinct symbols every estimator but collision,
/// Markov and compression runs on the literal samples (H_original, starting from bits per
/// symbol) and all ten run on the bitstring (H_bitstring, starting from 1); the result is
/// min(H_original, bits × H_bitstring). With exactly two distinct symbols all ten run once, on
/// the samples as 0/1. Conditioned estimate (`-c`): all ten on the bitstring; h′ = H_bitstring,
/// assessed as min(bits, bits × h′). The estimators run side by side; the result is the same
/// for any number of jobs.
public enum NonIIDAssessment {
    /// Assesses `samples` (one sample per byte, in the low bits) with the reference's options.
    public static func run(samples: [UInt8], options: NonIIDOptions = NonIIDOptions(), jobs: Int = Parallel.defaultJobs) throws(NonIIDError) -> NonIIDResult {
        let data = try NonIIDData(samples: samples, subset: options.subset, bitsPerSymbol: options.bitsPerSymbol)
        return assess(data, options: options, jobs: jobs)
    }

    /// Assesses a decoded sample sequence; its `bitsPerSymbol` is taken as declared (the
    /// reference's `bits_per_symbol` argument) unless `options.bitsPerSymbol` is set. To infer
    /// the width from an `-l` block exactly as the reference does, use `run(samples: [UInt8], …)`
    /// with `options.bitsPerSymbol == nil`.
    public static func run(samples: SampleSequence, options: NonIIDOptions = NonIIDOptions(), jobs: Int = Parallel.defaultJobs) throws(NonIIDError) -> NonIIDResult {
        var declared = options
        if declared.bitsPerSymbol == nil { declared.bitsPerSymbol = samples.bitsPerSymbol }
        let data = try NonIIDData(samples: samples.samples, subset: declared.subset, bitsPerSymbol: declared.bitsPerSymbol)
        return assess(data, options: options, jobs: jobs)
    }

    /// Runs the estimators on prepared data.
    public static func assess(_ data: NonIIDData, options: NonIIDOptions, jobs: Int) -> NonIIDResult {
        assessTimed(data, options: options, jobs: jobs).result
    }

    /// As `assess`, also returning the wall-clock time of each estimator job (benchmark aid;
    /// timings vary run to run and are not part of the result).
    public static func assessTimed(_ data: NonIIDData, options: NonIIDOptions, jobs: Int) -> (result: NonIIDResult, timings: [NonIIDEstimatorTiming]) {
        let initial = options.estimate == .initial
        let runBitstring = data.alphabetSize > 2 || !initial
        var warnings: [String] = []
        if data.narrowerThanDeclared { warnings.append("Symbols appear to be narrower than described.") }
        if data.count < NonIIDOptions.truncatedBitstringLength {
            warnings.append("data contains less than \(NonIIDOptions.truncatedBitstringLength) samples")
        }

        var sequences: [EstimatorInput] = []
        if initial {
            if data.isBinary {
                sequences.append(EstimatorInput(bits: data.literalBits, bytes: data.symbols))
            } else {
                sequences.append(EstimatorInput(symbols: data.symbols, alphabetSize: data.alphabetSize))
            }
        }
        if runBitstring {
            let bits = data.bitstring(limit: options.allBits ? nil : NonIIDOptions.truncatedBitstringLength)
            sequences.append(EstimatorInput(bits: bits, bytes: nil))
        }
        let inputs = sequences
        let work = inputs.indices.flatMap { s in inputs[s].jobs.map { (sequence: s, job: $0) } }
            .sorted { $0.job.cost(on: inputs[$0.sequence]) > $1.job.cost(on: inputs[$1.sequence]) }
        let timed = Parallel.map(count: work.count, jobs: jobs) { i in
            let start = ContinuousClock.now
            let cpu = NonIIDEstimatorTiming.threadCPUSeconds()
            let piece = work[i].job.run(inputs[work[i].sequence])
            return (piece, ContinuousClock.now - start, NonIIDEstimatorTiming.threadCPUSeconds() - cpu)
        }
        let pieces = timed.map(\.0)
        let timings = work.indices.map { i in
            NonIIDEstimatorTiming(sequence: initial && work[i].sequence == 0 ? .literal : .bitstring,
                                  estimators: work[i].job.estimators, duration: timed[i].1, cpuSeconds: timed[i].2)
        }.sorted { ($0.sequence == .literal ? 0 : 1, $0.estimators[0].order) < ($1.sequence == .literal ? 0 : 1, $1.estimators[0].order) }
        let estimates = inputs.indices.map { s in
            NonIIDEstimates(input: inputs[s], pieces: pieces.indices.filter { work[$0].sequence == s }.map { pieces[$0] })
        }

        var result = NonIIDResult(
            options: options, sampleCount: data.count, bitsPerSymbol: data.bitsPerSymbol,
            alphabetSize: data.alphabetSize, symbolsTranslated: data.translated,
            literal: nil, bitstring: nil, hOriginal: nil, hBitstring: nil,
            assessedMinEntropy: Double(data.bitsPerSymbol), warnings: warnings)
        var next = 0
        if initial {
            let literal = estimates[next]
            next += 1
            result.literal = literal
            let h = min(Double(data.bitsPerSymbol), literal.lowest.minEntropy)
            result.hOriginal = h
            result.assessedMinEntropy = min(result.assessedMinEntropy, h)
        }
        if runBitstring {
            let bitstring = estimates[next]
            result.bitstring = bitstring
            let h = min(1.0, bitstring.lowest.minEntropy)
            result.hBitstring = h
            result.assessedMinEntropy = min(result.assessedMinEntropy, h * Double(data.bitsPerSymbol))
        }
        return (result, timings)
    }
}

/// One sequence the estimators run on, in the forms they read: symbols 0..<k as bytes, and
/// for k = 2 also packed bits.
struct EstimatorInput: Sendable {
    let symbols: [UInt8]
    let alphabetSize: Int
    let bits: BitSequence?

    init(symbols: [UInt8], alphabetSize: Int) {
        self.symbols = symbols
        self.alphabetSize = alphabetSize
        bits = nil
    }

    /// A binary sequence; `bytes` are its bits as 0/1 bytes when already at hand.
    init(bits: BitSequence, bytes: [UInt8]?) {
        self.bits = bits
        symbols = bytes ?? Self.unpack(bits)
        alphabetSize = 2
    }

    var length: Int { symbols.count }
    var isBinary: Bool { bits != nil }

    /// The estimators that apply, as independent jobs (the collision, Markov and compression
    /// estimates only apply to binary sequences).
    var jobs: [EstimatorJob] {
        isBinary ? EstimatorJob.allCases : EstimatorJob.allCases.filter { !$0.binaryOnly }
    }

    static func unpack(_ bits: BitSequence) -> [UInt8] {
        let n = bits.count
        return bits.words.withUnsafeBufferPointer { w in
            [UInt8](unsafeUninitializedCapacity: n) { out, initialized in
                for i in 0..<n { out[i] = UInt8(truncatingIfNeeded: w[i >> 6] >> UInt64(63 - (i & 63))) & 1 }
                initialized = n
            }
        }
    }
}

/// A unit of parallel work: one estimator (or the t-tuple/LRS pair, which share the suffix
/// array) on one sequence.
enum EstimatorJob: CaseIterable {
    case mostCommonValue, collision, markov, compression, tuples, multiMCW, lag, multiMMC, lz78y

    var binaryOnly: Bool { self == .collision || self == .markov || self == .compression }

    /// The estimators this job computes.
    var estimators: [NonIIDEstimator] {
        switch self {
        case .mostCommonValue: [.mostCommonValue]
        case .collision: [.collision]
        case .markov: [.markov]
        case .compression: [.compression]
        case .tuples: [.tTuple, .longestRepeatedSubstring]
        case .multiMCW: [.multiMCW]
        case .lag: [.lag]
        case .multiMMC: [.multiMMC]
        case .lz78y: [.lz78y]
        }
    }

    /// Rough cost on `input` (measured nanoseconds per symbol), to start the longest jobs first.
    func cost(on input: EstimatorInput) -> Double {
        let perSymbol: Double
        switch (self, input.isBinary) {
        case (.multiMMC, true): perSymbol = 60
        case (.multiMMC, false): perSymbol = 170
        case (.lz78y, true): perSymbol = 55
        case (.lz78y, false): perSymbol = 175
        case (.tuples, true): perSymbol = 29
        case (.tuples, false): perSymbol = 20
        case (.multiMCW, true): perSymbol = 9
        case (.multiMCW, false): perSymbol = 27
        case (.lag, _): perSymbol = 12
        case (.compression, _): perSymbol = 3
        case (.collision, _): perSymbol = 2
        case (.markov, _), (.mostCommonValue, _): perSymbol = 0.5
        }
        return perSymbol * Double(input.length)
    }

    func run(_ input: EstimatorInput) -> EstimatorPiece {
        let k = input.alphabetSize
        switch self {
        case .mostCommonValue:
            if let bits = input.bits {
                let ones = bits.onesCount
                return .mostCommonValue(MostCommonValueEstimate(modeCount: max(ones, bits.count - ones), sampleCount: bits.count))
            }
            return .mostCommonValue(MostCommonValueEstimate(samples: input.symbols, bitsPerSymbol: 8))
        case .collision: return .collision(CollisionEstimate.estimate(input.bits!))
        case .markov: return .markov(MarkovEstimate.estimate(input.bits!))
        case .compression: return .compression(CompressionEstimate.estimate(input.bits!))
        case .tuples:
            let tuples = input.bits.map { RepeatedTuples(bits: $0) } ?? RepeatedTuples(symbols: input.symbols, alphabetSize: k)
            return .tuples(TTupleEstimate.estimate(tuples), LongestRepeatedSubstringEstimate.estimate(tuples))
        case .multiMCW: return .multiMCW(MultiMCWPrediction.estimate(input.symbols, alphabetSize: k))
        case .lag:
            if let bits = input.bits { return .lag(LagPrediction.estimate(bits)) }
            return .lag(LagPrediction.estimate(input.symbols, alphabetSize: k))
        case .multiMMC: return .multiMMC(MultiMMCPrediction.estimate(input.symbols, alphabetSize: k))
        case .lz78y: return .lz78y(LZ78YPrediction.estimate(input.symbols, alphabetSize: k))
        }
    }
}

/// What one job produced.
enum EstimatorPiece: Sendable {
    case mostCommonValue(MostCommonValueEstimate)
    case collision(CollisionEstimate?)
    case markov(MarkovEstimate)
    case compression(CompressionEstimate?)
    case tuples(TTupleEstimate?, LongestRepeatedSubstringEstimate?)
    case multiMCW(PredictionEstimate?)
    case lag(PredictionEstimate?)
    case multiMMC(PredictionEstimate?)
    case lz78y(PredictionEstimate?)
}

extension NonIIDEstimates {
    /// Assembles what the jobs on one sequence produced (in any order).
    init(input: EstimatorInput, pieces: [EstimatorPiece]) {
        var mostCommonValue: MostCommonValueEstimate?
        for case .mostCommonValue(let e) in pieces { mostCommonValue = e }
        self.init(
            length: input.length, alphabetSize: input.alphabetSize, mostCommonValue: mostCommonValue!,
            collision: nil, markov: nil, compression: nil, tTuple: nil, longestRepeatedSubstring: nil,
            multiMCW: nil, lag: nil, multiMMC: nil, lz78y: nil, notApplicable: [])
        for piece in pieces { record(piece) }
        notApplicable.sort { NonIIDEstimator.allCases.firstIndex(of: $0.estimator)! < NonIIDEstimator.allCases.firstIndex(of: $1.estimator)! }
    }

    private mutating func record(_ piece: EstimatorPiece) {
        func missing(_ e: NonIIDEstimator, _ reason: String) {
            notApplicable.append(NotApplicableEstimate(estimator: e, reason: reason))
        }
        switch piece {
        case .mostCommonValue:
            break
        case .collision(let e):
            collision = e
            if e == nil { missing(.collision, "fewer than two collisions in \(length) bits") }
        case .markov(let e):
            markov = e
        case .compression(let e):
            compression = e
            if e == nil {
                missing(.compression, "needs more than \(CompressionEstimate.dictionaryBlocks) blocks of \(CompressionEstimate.blockBits) bits; \(length) bits give \(length / CompressionEstimate.blockBits)")
            }
        case .tuples(let t, let lrs):
            tTuple = t
            longestRepeatedSubstring = lrs
            if t == nil { missing(.tTuple, "no tuple occurs \(TTupleEstimate.cutoff) times") }
            if lrs == nil { missing(.longestRepeatedSubstring, "the longest repeated substring is shorter than the shortest tuple length occurring fewer than \(TTupleEstimate.cutoff) times (v < u)") }
        case .multiMCW(let e):
            multiMCW = e
            if e == nil { missing(.multiMCW, "needs at least \(MultiMCWPrediction.windows[3] + 1) samples; have \(length)") }
        case .lag(let e):
            lag = e
            if e == nil { missing(.lag, "needs at least 3 samples; have \(length)") }
        case .multiMMC(let e):
            multiMMC = e
            if e == nil { missing(.multiMMC, "needs at least 4 samples; have \(length)") }
        case .lz78y(let e):
            lz78y = e
            if e == nil { missing(.lz78y, "needs at least \(LZ78YPrediction.maxLength + 3) samples; have \(length)") }
        }
    }
}
