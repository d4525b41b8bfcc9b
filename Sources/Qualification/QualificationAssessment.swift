import Foundation
import RandomnessCore
import SP80090B

/// The data a qualification assesses, in memory: the raw noise (one sample per byte), the
/// restart dataset in row order, and for each non-vetted component the first 1,000,000 bits
/// of its conditioned dataset with the dataset's full size.
public struct QualificationData: Sendable {
    public struct Conditioned: Sendable {
        /// The first `QualificationAssessment.conditionedBitsAssessed / 8` bytes.
        public var leadingBytes: [UInt8]
        public var byteCount: Int
        public init(leadingBytes: [UInt8], byteCount: Int) {
            self.leadingBytes = leadingBytes
            self.byteCount = byteCount
        }
    }

    public var noise: [UInt8]
    public var restartRows: [UInt8]
    /// By component index in the chain.
    public var conditioned: [Int: Conditioned]

    public init(noise: [UInt8], restartRows: [UInt8], conditioned: [Int: Conditioned]) {
        self.noise = noise
        self.restartRows = restartRows
        self.conditioned = conditioned
    }
}

/// The outcome of one conditioning component (SP 800-90B §3.1.5).
public struct ConditioningOutcome: Codable, Sendable, Equatable {
    public var name: String
    /// h_in as derived: w samples × H per sample for the first component, the share of the
    /// previous component's h_out for the others (capped at n_in).
    public var inputEntropy: Double?
    /// h′ and the non-IID estimates on the conditioned dataset's first 1,000,000 bits
    /// (`ea_non_iid -c -t`); non-vetted components only.
    public var conditionedEstimate: NonIIDResult?
    public var assessment: ConditioningAssessment?
    /// Why nothing was credited, when `assessment` is nil.
    public var failure: String?
}

/// SP 800-90B's validation of an entropy source (Figure 2), step by step:
///
/// 1. **Data** (§3.1.1): ≥ 1,000,000 raw samples, a 1,000 × 1,000 restart matrix, and
///    ≥ 1,000,000 outputs of each non-vetted component.
/// 2. **Track** (§3.1.2): IID only when claimed and not rejected on the sequential dataset,
///    the row and column datasets, and each non-vetted component's conditioned dataset.
/// 3. **Initial estimate** (§3.1.3): H_I = min(H_original, n·H_bitstring, H_submitter)
///    (without the bitstring term for binary samples).
/// 4. **Restart tests** (§3.1.4): sanity check and validation at H_I; the source's entropy
///    per sample is min(H_r, H_c, H_I), none when they fail.
/// 5. **Conditioning** (§3.1.5), component by component: h_out from Output_Entropy, for
///    non-vetted components also 0.999·n_out and h′·n_out (h′ from the non-IID track).
/// 6. **Health tests** (§4.4): cutoffs at H_submitter and α, their false-positive rates, and
///    the tests run over the raw noise judged against chance.
/// 7. **Claim**: the entropy the data support, compared with the submitter's claims.
///
/// The verdict is pass when every step passes: the package supports the claims as written.
public enum QualificationAssessment {
    /// The bits of a conditioned dataset that h′ is estimated on (`ea_non_iid -t`: the first
    /// 1,000,000; SP 800-90B 3.1.3 allows ignoring the rest).
    public static let conditionedBitsAssessed = 1_000_000

    public struct Result: Codable, Sendable, Equatable {
        public var track: RestartTrackKind
        public var hOriginal: Double?
        public var hBitstring: Double?
        public var hSubmitter: Double
        public var hInitial: Double?
        /// The sequential dataset's full SP 800-90B assessment (both tracks, health tests).
        public var noise: SP80090BSuiteResult
        public var restart: RestartTestResult?
        public var restartError: String?
        public var conditioning: [ConditioningOutcome]
        public var health: HealthCutoffJustification
        /// The entropy per noise sample the source is validated at; nil: none awarded.
        public var entropyPerSample: Double?
        /// h_out of the last component per n_out-bit output; nil without conditioning or
        /// when none is awarded.
        public var outputEntropy: Double?
        public var outputBits: Int?
        public var steps: [QualificationStep]
        public var verdict: Verdict
    }

    public static func run(config: QualificationConfig, data: QualificationData, jobs: Int) throws -> Result {
        let bits = config.noise.bitsPerSample
        let claim = config.claim
        let samples = SampleSequence(samples: data.noise, bitsPerSymbol: bits)
        let parameters = SP80090BParameters(
            nonIID: NonIIDOptions(bitsPerSymbol: bits), runIIDTrack: true, claimedEntropy: claim.minEntropy,
            claimedIID: claim.iid, healthTestFalsePositiveProbability: config.health.alpha)
        let noise = try SP80090BSuite.run(samples: samples, parameters: parameters, jobs: jobs)
        var steps: [QualificationStep] = [dataStep(config: config, data: data)]

        // Track (§3.1.2), checked on every dataset the standard names.
        var iidRejections: [String] = []
        if claim.iid {
            if let iid = noise.iid {
                if !iid.isIID { iidRejections.append("the sequential dataset (rejected by \(SP80090BSuite.failedIIDTests(iid)))") }
            } else {
                iidRejections.append("the sequential dataset (the IID tests could not run)")
            }
            for (index, component) in config.conditioning.enumerated() where !component.vetted && iidRejections.isEmpty {
                guard let conditioned = data.conditioned[index] else { continue }
                let bitstring = SampleSequence(samples: unpackBits(conditioned.leadingBytes), bitsPerSymbol: 1)
                let iid = try IIDAssessment.run(samples: bitstring, options: IIDOptions(estimate: .conditioned), schedule: .stopAtFirstRejection, jobs: jobs)
                if !iid.isIID { iidRejections.append("the conditioned dataset of \(component.name) (rejected by \(SP80090BSuite.failedIIDTests(iid)))") }
            }
        }

        func initialEntropy(track: RestartTrackKind) -> (original: Double?, bitstring: Double?, initial: Double?) {
            var original: Double?, bitstring: Double?
            if track == .iid, let iid = noise.iid {
                original = iid.minEntropy.hOriginal
                bitstring = bits > 1 ? iid.minEntropy.hBitstring : nil
            } else if let nonIID = noise.nonIID {
                original = nonIID.hOriginal
                bitstring = bits > 1 ? nonIID.hBitstring : nil
            } else if noise.assessedMinEntropy == 0 {
                original = 0
            }
            guard let original else { return (nil, nil, nil) }
            let h = min(original, bitstring.map { Double(bits) * $0 } ?? .infinity, claim.minEntropy)
            return (original, bitstring, h)
        }

        var track: RestartTrackKind = claim.iid && iidRejections.isEmpty ? .iid : .nonIID
        var estimate = initialEntropy(track: track)
        var restart: RestartTestResult?
        var restartError: String?
        let matrix = try RestartMatrix(rowDataset: data.restartRows, bitsPerSymbol: bits)
        func restartTests() {
            guard let hI = estimate.initial, hI > 0 else {
                restartError = "no positive initial entropy estimate H_I to validate"
                return
            }
            let restartTrack: RestartTrack
            if track == .iid {
                restartTrack = .iid(iidTests: { data in
                    let r = try IIDAssessment.run(samples: data, schedule: .stopAtFirstRejection, jobs: jobs)
                    return [RestartDatasetCheck(test: "IID tests (chi-square, LRS, permutation)", passed: r.isIID)]
                })
            } else {
                restartTrack = .nonIIDUsingEstimators(jobs: jobs)
            }
            do {
                restart = try RestartTest.run(matrix: matrix, initialEntropy: hI, track: restartTrack, cutoffMethod: .exact, jobs: jobs)
                restartError = nil
            } catch {
                restart = nil
                restartError = "\(error)"
            }
        }
        restartTests()
        if track == .iid, let r = restart {
            for (name, dataset) in [("row", r.rows), ("column", r.columns)] {
                if let checks = dataset?.iidChecks, checks.contains(where: { !$0.passed }) {
                    iidRejections.append("the restart \(name) dataset")
                }
            }
            if !iidRejections.isEmpty {
                track = .nonIID
                estimate = initialEntropy(track: track)
                restartTests()
            }
        }
        steps.append(trackStep(claimedIID: claim.iid, track: track, rejections: iidRejections, noise: noise))
        steps.append(initialStep(bits: bits, hSubmitter: claim.minEntropy, estimate: estimate, track: track))
        steps.append(restartStep(restart: restart, error: restartError))

        // Conditioning (§3.1.5).
        let perSample = restart?.assessedEntropy
        var outcomes: [ConditioningOutcome] = []
        var feed: (entropy: Double, bits: Int)? = perSample.map { ($0, bits) }
        for (index, component) in config.conditioning.enumerated() {
            var outcome = ConditioningOutcome(name: component.name)
            var hPrime: Double?
            if !component.vetted, let conditioned = data.conditioned[index] {
                let nonIID = NonIIDAssessment.assess(
                    try NonIIDData(samples: conditioned.leadingBytes, subset: nil, bitsPerSymbol: 8),
                    options: NonIIDOptions(estimate: .conditioned, allBits: false, bitsPerSymbol: 8), jobs: jobs)
                outcome.conditionedEstimate = nonIID
                hPrime = nonIID.hBitstring
            }
            if let input = feed {
                let hIn = min(input.entropy * Double(component.inputBits / input.bits), Double(component.inputBits))
                outcome.inputEntropy = hIn
                do {
                    let kind: ConditioningAssessment.Component = component.vetted ? .vetted : .nonVetted(entropyPerBit: hPrime ?? 0)
                    outcome.assessment = try ConditioningAssessment(
                        component: kind, inputBits: component.inputBits, outputBits: component.outputBits,
                        narrowestWidth: component.narrowestWidth, inputEntropy: hIn)
                } catch {
                    outcome.failure = "\(error)"
                }
            } else {
                outcome.failure = "no entropy reaches this component: an earlier step awarded none"
            }
            feed = outcome.assessment.map { ($0.outputEntropy, component.outputBits) }
            steps.append(conditioningStep(index: index, component: component, outcome: outcome))
            outcomes.append(outcome)
        }

        let healthParameters = try HealthTestParameters(minEntropy: claim.minEntropy, bitsPerSymbol: bits,
                                                        falsePositiveProbability: config.health.alpha)
        let health = try HealthCutoffJustification(parameters: healthParameters, noise: samples)
        steps.append(healthStep(health))

        let last = config.conditioning.isEmpty ? nil : outcomes.last?.assessment
        steps.append(claimStep(config: config, track: track, perSample: perSample, last: last, conditioningFailed: outcomes.contains { $0.assessment == nil }))
        let verdict = Verdict.combined(steps.map(\.decision).map { $0 == .notApplicable ? .fail : $0 })
        return Result(track: track, hOriginal: estimate.original, hBitstring: estimate.bitstring, hSubmitter: claim.minEntropy,
                      hInitial: estimate.initial, noise: noise, restart: restart, restartError: restartError,
                      conditioning: outcomes, health: health, entropyPerSample: perSample,
                      outputEntropy: last?.outputEntropy, outputBits: last.map { _ in config.conditioning.last!.outputBits },
                      steps: steps, verdict: verdict)
    }

    /// Bytes as bits, most significant first (as `ea_non_iid` reads 8-bit symbols as bits).
    static func unpackBits(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](); out.reserveCapacity(bytes.count * 8)
        for b in bytes { for i in stride(from: 7, through: 0, by: -1) { out.append((b >> UInt8(i)) & 1) } }
        return out
    }

    static func f(_ x: Double) -> String { String(format: "%.6f", x) }
}
