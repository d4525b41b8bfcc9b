import Foundation
import RandomnessCore

/// The SP 800-90B suite of `rngcert assess`: the non-IID track (always), the IID track
/// (unless skipped), and the continuous health tests over the same samples, with a verdict.
///
/// An entropy assessment has no pass/fail of its own — it measures. The verdict therefore
/// checks the claims made about the source, and flags what should not happen to a good one:
///
/// - **Assessed min-entropy.** With `claimedIID` and the IID track not rejecting IID, the IID
///   track's value (ea_iid's h_assessed: the MCV estimate, SP 800-90B 6.1); otherwise the
///   non-IID track's (ea_non_iid's "Assessed min entropy", 6.2–6.3). None (nil) when nothing
///   was estimated (not applicable); 0 when every sample is the same symbol.
/// - **Claim or floor.** With `claimedEntropy` H, the suite **fails** when the assessed
///   min-entropy is below H. Without a claim it **fails** when the assessed min-entropy is below
///   the no-claim floor of 1/8 bit per bit of sample width (`SP80090BEntropyFloor`: less than
///   one bit per byte of output), so a near-zero source never passes for want of a claim.
/// - **IID.** With `claimedIID`, the IID track rejecting IID (chi-square, LRS or permutation
///   tests) **fails** the suite. Without the claim a rejection does not change the verdict: it
///   says the source is to be assessed as non-IID, which the non-IID track already does. The
///   IID track stops at the first certain rejection (`IIDAssessment.Schedule
///   .stopAtFirstRejection`): no permutation test runs once chi-square or LRS has rejected,
///   unless `IIDOptions.full`.
/// - **Health tests** (RCT and APT, §4.4) at the cutoffs of the claimed H, else of the assessed
///   one, judged against chance by `SP80090BHealthJudgement`, the same on either basis: λ =
///   α·(samples + APT windows) false alarms are expected; **fail** when P(N ≥ alarms) < 10⁻⁶,
///   **suspect** when < 10⁻³, else pass. One alarm in a large capture is chance; a stuck source's
///   thousands are not.
/// - **fail** when every sample is the same symbol (no entropy can be awarded).
/// - **not applicable** with fewer than `minimumSamples` samples (the IID tests are undefined
///   there and no estimate from so few samples means anything), when the samples exceed the estimators' 2^31-bit limit (assess
///   blocks with `subset`), or an IID claim could not be tested.
/// - **pass** otherwise.
///
/// The result is the same for any `jobs` (the IID shuffles are seeded by `parameters`).
public enum SP80090BSuite {
    /// The health-test alarms kept with their offsets in a result (all are counted).
    public static let reportedAlarmLimit = 100
    /// The fewest samples the suite assesses: the IID track's minimum (10, the chi-square
    /// goodness-of-fit test's ten sub-sequences); fewer are not applicable.
    public static let minimumSamples = IIDSampleData.minimumSamples

    /// Runs the suite on a decoded sample sequence; its width is the declared one unless
    /// `parameters.nonIID.bitsPerSymbol` says otherwise.
    public static func run(samples: SampleSequence, parameters: SP80090BParameters, jobs: Int) throws -> SP80090BSuiteResult {
        var declared = parameters
        if declared.nonIID.bitsPerSymbol == nil { declared.nonIID.bitsPerSymbol = samples.bitsPerSymbol }
        return try run(samples: samples.samples, parameters: declared, jobs: jobs)
    }

    /// Runs the suite on samples one per byte. `parameters.nonIID.bitsPerSymbol` nil infers the
    /// width from the selected samples, as ea_non_iid does; `subset` selects the block that
    /// both tracks and the health tests read.
    public static func run(samples: [UInt8], parameters: SP80090BParameters, jobs: Int) throws -> SP80090BSuiteResult {
        let window = try assessWindow(samples: samples, parameters: parameters, jobs: jobs)
        let scan = try window.healthParameters.map { cutoffs in
            try HealthTestScan(samples: SampleSequence(samples: window.selectedSamples, bitsPerSymbol: window.partial.bitsPerSymbol),
                               parameters: cutoffs, alarmLimit: reportedAlarmLimit)
        }
        return try complete(window, healthScan: scan, inputSamples: nil)
    }

    /// The estimators and the IID track on `samples` (the window), with the claims judged: all
    /// of the suite but the health tests, whose cutoffs it returns.
    public static func assessWindow(samples: [UInt8], parameters: SP80090BParameters, jobs: Int) throws -> SP80090BWindowAssessment {
        try parameters.validate()
        let declared = parameters.nonIID.bitsPerSymbol
        let data: NonIIDData
        do {
            data = try NonIIDData(samples: samples, subset: parameters.nonIID.subset, bitsPerSymbol: declared)
        } catch let error {
            if let result = unassessed(error, parameters: parameters, declared: declared) { return .finished(result) }
            throw error
        }
        let bits = data.bitsPerSymbol
        if data.count < minimumSamples {
            return .finished(tooFewSamples(data.count, bitsPerSymbol: bits, parameters: parameters, declared: declared))
        }
        if let h = parameters.claimedEntropy, h > Double(bits) {
            throw SP80090BSuiteError.claimedEntropyExceedsWidth(claimedEntropy: h, bitsPerSymbol: bits)
        }
        let selected = SampleSequence(samples: data.rawSamples, bitsPerSymbol: bits)

        let nonIID = NonIIDAssessment.assess(data, options: parameters.nonIID, jobs: jobs)
        var iid: IIDResult?
        var notRun: [String] = []
        if let options = parameters.iid {
            do {
                iid = try IIDAssessment.run(samples: selected, options: options, schedule: .stopAtFirstRejection, jobs: jobs)
            } catch let error as IIDError {
                notRun.append("IID track: \(error)")
            }
        }

        var verdicts: [Verdict] = [.pass]
        var reasons: [String] = []
        var assessed = nonIID.assessedMinEntropy
        var track = SP80090BSuiteResult.Track.nonIID
        if parameters.claimedIID, let iid, iid.isIID {
            assessed = iid.minEntropy.hAssessed
            track = .iid
            reasons.append("assessed min-entropy \(fixed(assessed)) bits per \(bits)-bit sample: IID track (IID claimed and not rejected; MCV estimate, SP 800-90B 6.1)")
        } else {
            reasons.append("assessed min-entropy \(fixed(assessed)) bits per \(bits)-bit sample: non-IID track (SP 800-90B 6.3)")
        }

        if let h = parameters.claimedEntropy {
            if assessed < h {
                verdicts.append(.fail)
                reasons.append("claimed entropy \(fixed(h)) not met: assessed \(fixed(assessed)) < \(fixed(h))")
            } else {
                reasons.append("claimed entropy \(fixed(h)) met: assessed \(fixed(assessed)) ≥ \(fixed(h))")
            }
        } else {
            let floor = SP80090BEntropyFloor(bitsPerSymbol: bits)
            if floor.fails(assessed: assessed) { verdicts.append(.fail) }
            reasons.append(floor.reason(assessed: assessed, bitsPerSymbol: bits))
        }

        if let iid {
            if iid.isIID {
                reasons.append("IID track: IID not rejected (chi-square, LRS and permutation tests passed)")
            } else if parameters.claimedIID {
                verdicts.append(.fail)
                reasons.append("IID claimed but the IID track rejects it (\(failedIIDTests(iid))); assessed on the non-IID track")
            } else {
                reasons.append("IID track rejects IID (\(failedIIDTests(iid))): the source is non-IID, as the non-IID track assumes (no claim, verdict unchanged)")
            }
        } else if parameters.iid == nil {
            reasons.append("IID track not run")
        } else {
            reasons.append(contentsOf: notRun)
            if parameters.claimedIID {
                verdicts.append(.notApplicable)
                reasons.append("IID claimed but the IID track could not run: the claim is untested")
            }
        }

        let basis: SP80090BHealthCheck.Basis = parameters.claimedEntropy == nil ? .assessedEntropy : .claimedEntropy
        let h = parameters.claimedEntropy ?? assessed
        let cutoffs = h > 0 ? try HealthTestParameters(
            minEntropy: min(h, Double(bits)), bitsPerSymbol: bits,
            falsePositiveProbability: parameters.healthTestFalsePositiveProbability) : nil
        let partial = SP80090BSuiteResult(
            parameters: parameters, bitsPerSymbol: bits, bitsPerSymbolInferred: declared == nil, sampleCount: data.count,
            nonIID: nonIID, iid: iid, notRun: notRun, assessedMinEntropy: assessed, assessedBy: track,
            healthTests: nil, verdict: Verdict.combined(verdicts), reasons: reasons)
        return SP80090BWindowAssessment(partial: partial, verdicts: verdicts, healthParameters: cutoffs, healthBasis: basis,
                                        selectedSamples: data.rawSamples, finished: false)
    }

    /// The suite's result: the window's assessment with the health tests' `healthScan` (nil
    /// when there are no cutoffs) judged; `inputSamples` is the number of samples in the
    /// whole input when the window is a part of it.
    public static func complete(_ window: SP80090BWindowAssessment, healthScan: HealthTestScan?,
                                inputSamples: Int?) throws -> SP80090BSuiteResult {
        var result = window.partial
        if window.finished { return result }
        var verdicts = window.verdicts
        var reasons = result.reasons
        if let inputSamples, inputSamples > result.sampleCount {
            reasons.insert("estimators and IID track on the window of the first \(result.sampleCount) of \(inputSamples) samples; health tests on every sample", at: 0)
        }
        var health: SP80090BHealthCheck?
        if let healthParameters = window.healthParameters, let scan = healthScan {
            precondition(scan.parameters == healthParameters, "the scan must use the window's cutoffs")
            let judged = try judgeHealth(scan: scan, basis: window.healthBasis)
            health = judged.check
            verdicts.append(judged.check.judgement.verdict)
            reasons.append(judged.reason)
        } else {
            reasons.append("no health-test cutoffs: the assessed min-entropy is 0")
        }
        result.healthTests = health
        result.verdict = Verdict.combined(verdicts)
        result.reasons = reasons
        result.inputSampleCount = (inputSamples ?? 0) > result.sampleCount ? inputSamples : nil
        return result
    }

    /// The result for samples that cannot be assessed at all, nil for any other error: a
    /// single-symbol alphabet fails with H = 0 (its true min-entropy); samples beyond the
    /// estimators' limit are not applicable, with no H (nothing was estimated).
    static func unassessed(_ error: NonIIDError, parameters: SP80090BParameters, declared: Int?) -> SP80090BSuiteResult? {
        switch error {
        case let .singleSymbolAlphabet(symbol, count) where count < minimumSamples:
            let bits = declared ?? SampleSequence.inferredBitsPerSymbol(of: [symbol])
            return tooFewSamples(count, bitsPerSymbol: bits, parameters: parameters, declared: declared)
        case let .singleSymbolAlphabet(symbol, count):
            let bits = declared ?? SampleSequence.inferredBitsPerSymbol(of: [symbol])
            return SP80090BSuiteResult(
                parameters: parameters, bitsPerSymbol: bits, bitsPerSymbolInferred: declared == nil, sampleCount: count,
                nonIID: nil, iid: nil, notRun: ["both tracks: \(error)"], assessedMinEntropy: 0, assessedBy: .nonIID,
                healthTests: nil, verdict: .fail,
                reasons: ["all \(count) samples are the symbol \(symbol): an alphabet of one symbol, no entropy awarded"])
        case let .inputTooLarge(count, bits):
            return SP80090BSuiteResult(
                parameters: parameters, bitsPerSymbol: bits, bitsPerSymbolInferred: declared == nil, sampleCount: count,
                nonIID: nil, iid: nil, notRun: ["both tracks: \(error)"], assessedMinEntropy: nil, assessedBy: .nonIID,
                healthTests: nil, verdict: .notApplicable,
                reasons: ["\(count) samples of \(bits) bits exceed the estimators' limit of \(NonIIDData.maximumBits) bits; assess blocks of the input (subset index,samples)"])
        default:
            return nil
        }
    }

    /// The not-applicable result for `count` < `minimumSamples` samples: nothing estimated.
    static func tooFewSamples(_ count: Int, bitsPerSymbol bits: Int, parameters: SP80090BParameters,
                              declared: Int?) -> SP80090BSuiteResult {
        let reason = "\(count) samples: SP 800-90B needs at least \(minimumSamples) (the IID chi-square tests split the samples into 10 parts)"
        return SP80090BSuiteResult(
            parameters: parameters, bitsPerSymbol: bits, bitsPerSymbolInferred: declared == nil, sampleCount: count,
            nonIID: nil, iid: nil, notRun: ["both tracks: \(reason)"], assessedMinEntropy: nil, assessedBy: .nonIID,
            healthTests: nil, verdict: .notApplicable, reasons: [reason])
    }

    /// Judges a health-test scan on `basis` (`SP80090BHealthJudgement`): the check for the
    /// report and its reason line, e.g. "health tests at the assessed entropy's cutoffs (…): 3
    /// alarms in 67,108,864 samples where 64.0 are expected by chance (P = 1.00): pass". The
    /// scan may cover more samples than the estimators assessed (every sample of the input);
    /// the judgement scales with the opportunities it tested. The check's
    /// `judgement.verdict` is the suite's health verdict.
    public static func judgeHealth(scan: HealthTestScan, basis: SP80090BHealthCheck.Basis) throws -> (check: SP80090BHealthCheck, reason: String) {
        let check = try SP80090BHealthCheck(basis: basis, scan: scan)
        let p = scan.parameters
        let setting = "health tests at the \(basis == .claimedEntropy ? "claimed" : "assessed") entropy's cutoffs (H = \(fixed(p.minEntropy)), α = \(HealthTestParameters.alphaText(p.falsePositiveProbability)): RCT C = \(p.repetitionCountCutoff), APT C = \(p.adaptiveProportionCutoff) in windows of \(p.adaptiveProportionWindow))"
        var reason = "\(setting): \(check.judgement.summary(samplesTested: scan.samplesTested))"
        if check.alarmCount > 0 {
            let first = scan.alarms.first.map { "; first at sample \($0.offset) (\($0.test.rawValue), value \($0.value))" } ?? ""
            reason += " (RCT \(scan.repetitionCountAlarms), APT \(scan.adaptiveProportionAlarms)\(first))"
        }
        return (check, reason)
    }

    /// The IID tests that rejected, e.g. "chi-square independence, permutation tests:
    /// excursion", or "chi-square independence; permutation tests not run" when the track
    /// stopped at that first rejection.
    public static func failedIIDTests(_ iid: IIDResult) -> String {
        var failed: [String] = []
        if !iid.chiSquare.independence.passed { failed.append("chi-square \(iid.chiSquare.independence.test.rawValue)") }
        if !iid.chiSquare.goodnessOfFit.passed { failed.append("chi-square \(iid.chiSquare.goodnessOfFit.test.rawValue)") }
        if !iid.longestRepeatedSubstring.passed { failed.append("longest repeated substring") }
        guard let permutations = iid.permutationTests else {
            return failed.joined(separator: ", ") + "; permutation tests not run"
        }
        if !permutations.passed {
            let decided = permutations.decidedBy.map { ": \($0.rawValue)" } ?? ""
            failed.append("permutation tests\(decided)")
        }
        return failed.joined(separator: ", ")
    }

    static func fixed(_ x: Double) -> String { String(format: "%.6f", x) }

}

/// The suite on its window, before the health tests: the result so far, the verdicts behind
/// it and the health tests' cutoffs (nil without cutoffs, or when the window already decided).
public struct SP80090BWindowAssessment: Sendable {
    /// The result without health tests.
    public var partial: SP80090BSuiteResult
    var verdicts: [Verdict]
    /// The RCT/APT cutoffs from the claimed H, else the assessed H; nil when H is 0 or the
    /// suite ended early.
    public var healthParameters: HealthTestParameters?
    var healthBasis: SP80090BHealthCheck.Basis
    /// The samples the tracks read (the window after `subset`).
    public var selectedSamples: [UInt8]
    /// The window alone decided (one symbol, too many bits): nothing is added.
    var finished: Bool

    static func finished(_ result: SP80090BSuiteResult) -> SP80090BWindowAssessment {
        SP80090BWindowAssessment(partial: result, verdicts: [result.verdict], healthParameters: nil,
                                 healthBasis: .assessedEntropy, selectedSamples: [], finished: true)
    }
}
