import Foundation
import RandomnessCore
import SP80090B

/// Each step's figures, decision and plain-language reason.
extension QualificationAssessment {
    typealias Figure = QualificationStep.Figure

    static func dataStep(config: QualificationConfig, data: QualificationData) -> QualificationStep {
        var figures = [Figure("raw noise samples", count: data.noise.count),
                       Figure("restart matrix", text: "\(RestartMatrix.restarts) × \(RestartMatrix.samplesPerRestart)")]
        var problems: [String] = []
        if data.noise.count < QualificationConfig.requiredNoiseSamples {
            problems.append("the raw noise holds \(GroupedNumber.text(data.noise.count)) samples where at least \(GroupedNumber.text(QualificationConfig.requiredNoiseSamples)) are required")
        }
        for (index, component) in config.conditioning.enumerated() where !component.vetted {
            let bytes = data.conditioned[index]?.byteCount ?? 0
            let outputs = bytes * 8 / component.outputBits
            figures.append(Figure("\(component.name) conditioned outputs", count: outputs))
            if outputs < QualificationConfig.requiredConditionedOutputs {
                problems.append("the conditioned dataset of \(component.name) holds \(GroupedNumber.text(outputs)) outputs of \(component.outputBits) bits where at least \(GroupedNumber.text(QualificationConfig.requiredConditionedOutputs)) are required")
            }
        }
        let reason = problems.isEmpty
            ? "Enough data was collected: at least 1,000,000 consecutive raw samples, 1,000 restarts of 1,000 samples each\(config.conditioning.contains { !$0.vetted } ? ", and 1,000,000 outputs of each non-vetted conditioning component" : "")."
            : "Not enough data for a submission: " + problems.joined(separator: "; ") + ". The figures below are computed anyway, as a rehearsal."
        return QualificationStep(id: "data", title: "Data collection", section: "SP 800-90B 3.1.1", figures: figures,
                                 decision: problems.isEmpty ? .pass : .fail, reason: reason)
    }

    static func trackStep(claimedIID: Bool, track: RestartTrackKind, rejections: [String], noise: SP80090BSuiteResult) -> QualificationStep {
        var figures = [Figure("IID claimed", text: claimedIID ? "yes" : "no"), Figure("track", text: track == .iid ? "IID" : "non-IID")]
        if let iid = noise.iid { figures.append(Figure("IID tests on the raw noise", text: iid.isIID ? "not rejected" : "rejected")) }
        if !claimedIID {
            return QualificationStep(id: "track", title: "Track", section: "SP 800-90B 3.1.2", figures: figures, decision: .pass,
                                     reason: "No IID claim was made, so the noise source is assessed on the non-IID track, whose estimators assume nothing about independence.")
        }
        if rejections.isEmpty {
            return QualificationStep(id: "track", title: "Track", section: "SP 800-90B 3.1.2", figures: figures, decision: .pass,
                                     reason: "The IID claim holds: the IID tests found no evidence against it on the raw noise, the restart rows and columns, and any non-vetted conditioned output, so the IID track is used.")
        }
        return QualificationStep(id: "track", title: "Track", section: "SP 800-90B 3.1.2", figures: figures, decision: .fail,
                                 reason: "The IID claim does not hold: the IID tests rejected it on \(rejections.joined(separator: " and ")). The non-IID track is used instead; remove the IID claim or find why the samples depend on each other.")
    }

    static func initialStep(bits: Int, hSubmitter: Double, estimate: (original: Double?, bitstring: Double?, initial: Double?), track: RestartTrackKind) -> QualificationStep {
        var figures: [Figure] = []
        if let o = estimate.original { figures.append(Figure("H_original", o)) }
        if let b = estimate.bitstring {
            figures.append(Figure("H_bitstring", b))
            figures.append(Figure("\(bits) × H_bitstring", Double(bits) * b))
        }
        figures.append(Figure("H_submitter", hSubmitter))
        guard let hI = estimate.initial else {
            return QualificationStep(id: "initial-entropy", title: "Initial entropy estimate", section: "SP 800-90B 3.1.3", figures: figures,
                                     decision: .fail, reason: "No entropy could be estimated from the raw noise.")
        }
        figures.append(Figure("H_I", hI))
        let formula = bits > 1 ? "min(H_original, \(bits) × H_bitstring, H_submitter)" : "min(H_original, H_submitter)"
        let limitedBy = hI >= hSubmitter ? "the claim itself" : "the data, below the claim"
        return QualificationStep(id: "initial-entropy", title: "Initial entropy estimate", section: "SP 800-90B 3.1.3", figures: figures,
                                 decision: hI > 0 ? .pass : .fail,
                                 reason: "H_I = \(formula) = \(f(hI)) bits per sample (\(track == .iid ? "IID" : "non-IID") track), limited by \(limitedBy).")
    }

    static func restartStep(restart: RestartTestResult?, error: String?) -> QualificationStep {
        guard let r = restart else {
            return QualificationStep(id: "restart", title: "Restart tests", section: "SP 800-90B 3.1.4", figures: [], decision: .notApplicable,
                                     reason: "The restart tests could not run: \(error ?? "no initial estimate"). No entropy is awarded.")
        }
        let s = r.sanityCheck
        var figures = [Figure("H_I", r.initialEntropy), Figure("X_max", count: s.maxCount), Figure("X_R", count: s.maxRowCount),
                       Figure("X_C", count: s.maxColumnCount), Figure("X_cutoff", count: s.cutoff.cutoff)]
        if let hr = r.rowEntropy, let hc = r.columnEntropy { figures += [Figure("H_r", hr), Figure("H_c", hc)] }
        if let h = r.assessedEntropy { figures.append(Figure("min(H_r, H_c, H_I)", h)) }
        let reason: String
        if !s.passed {
            reason = "The sanity check fails: one value occurs \(s.maxCount) times in a single \(s.maxRowCount >= s.maxColumnCount ? "restart (row)" : "position across restarts (column)"), more than the \(s.cutoff.cutoff) that H_I allows. The outputs after restarts are correlated with each other; validation fails and no entropy is awarded."
        } else if let h = r.assessedEntropy {
            reason = "Restarts look like the long run: the sanity check passes (X_max = \(s.maxCount) ≤ \(s.cutoff.cutoff)) and the row and column datasets give at least H_I/2. The noise source's entropy after the restart tests is min(H_r, H_c, H_I) = \(f(h)) bits per sample."
        } else {
            reason = "Validation fails: min(H_r, H_c) = \(f(min(r.rowEntropy ?? 0, r.columnEntropy ?? 0))) is below H_I/2 = \(f(r.initialEntropy / 2)). Samples after a restart are more predictable than the long run suggests; no entropy is awarded."
        }
        return QualificationStep(id: "restart", title: "Restart tests", section: "SP 800-90B 3.1.4", figures: figures,
                                 decision: r.verdict == .pass ? .pass : .fail, reason: reason)
    }

    static func conditioningStep(index: Int, component: QualificationConfig.ConditioningComponent, outcome: ConditioningOutcome) -> QualificationStep {
        var figures = [Figure("n_in", count: component.inputBits), Figure("n_out", count: component.outputBits),
                       Figure("nw", count: component.narrowestWidth)]
        if let hIn = outcome.inputEntropy { figures.append(Figure("h_in", hIn)) }
        if let h = outcome.conditionedEstimate?.hBitstring { figures.append(Figure("h′", h)) }
        let kind = component.vetted ? "vetted" : "non-vetted"
        guard let a = outcome.assessment else {
            return QualificationStep(id: "conditioning-\(index + 1)", title: "Conditioning: \(component.name) (\(kind))", section: "SP 800-90B 3.1.5",
                                     figures: figures, decision: .fail, reason: "No entropy is credited to this component's output: \(outcome.failure ?? "").")
        }
        figures.append(Figure("Output_Entropy", a.outputEntropyFunction))
        if let cap = a.nonVettedCap, let bound = a.statisticalBound {
            figures += [Figure("0.999 × n_out", cap), Figure("h′ × n_out", bound)]
        }
        figures.append(Figure("h_out", a.outputEntropy))
        let reason = component.vetted
            ? "A vetted function: its \(component.outputBits)-bit output carries h_out = Output_Entropy(n_in, n_out, nw, h_in) = \(f(a.outputEntropy)) bits."
            : "A non-vetted function: h_out is the least of Output_Entropy (\(f(a.outputEntropyFunction))), 0.999 × n_out (\(f(a.nonVettedCap ?? 0))) and h′ × n_out (\(f(a.statisticalBound ?? 0))), h′ being measured on its conditioned output with the non-IID estimators: \(f(a.outputEntropy)) bits per \(component.outputBits)-bit output."
        return QualificationStep(id: "conditioning-\(index + 1)", title: "Conditioning: \(component.name) (\(kind))", section: "SP 800-90B 3.1.5",
                                 figures: figures, decision: .pass, reason: reason)
    }

    static func healthStep(_ h: HealthCutoffJustification) -> QualificationStep {
        let p = h.parameters, check = h.noiseCheck
        let figures = [Figure("H", p.minEntropy), Figure("α", text: HealthTestParameters.alphaText(p.falsePositiveProbability)),
                       Figure("RCT cutoff C", count: p.repetitionCountCutoff),
                       Figure("RCT false-positive probability", text: String(format: "%.3e", h.repetitionCountFalsePositive)),
                       Figure("APT window W", count: p.adaptiveProportionWindow), Figure("APT cutoff C", count: p.adaptiveProportionCutoff),
                       Figure("APT false-positive probability", text: String(format: "%.3e", h.adaptiveProportionFalsePositive)),
                       Figure("alarms on the raw noise", count: check.alarmCount),
                       Figure("alarms expected by chance", check.judgement.expectedFalseAlarms, digits: 3)]
        let verdict = check.judgement.verdict
        let base = "At the claimed H = \(f(p.minEntropy)) and α = \(HealthTestParameters.alphaText(p.falsePositiveProbability)), the Repetition Count Test alarms at \(p.repetitionCountCutoff) identical samples in a row (false-positive probability \(String(format: "%.3e", h.repetitionCountFalsePositive)) per sample) and the Adaptive Proportion Test at \(p.adaptiveProportionCutoff) copies of a window's first sample in \(p.adaptiveProportionWindow) (\(String(format: "%.3e", h.adaptiveProportionFalsePositive)) per window)."
        let outcome: String
        switch verdict {
        case .pass: outcome = " Over the raw noise they raised \(check.alarmCount) alarm(s) where \(String(format: "%.2f", check.judgement.expectedFalseAlarms)) are expected by chance: consistent with the claim."
        default: outcome = " Over the raw noise they raised \(check.alarmCount) alarms where \(String(format: "%.2f", check.judgement.expectedFalseAlarms)) are expected by chance (P = \(String(format: "%.2g", check.judgement.chanceProbability))): the source does not behave as claimed."
        }
        return QualificationStep(id: "health", title: "Health-test cutoffs", section: "SP 800-90B 4.4", figures: figures,
                                 decision: verdict == .pass ? .pass : .fail, reason: base + outcome)
    }

    static func claimStep(config: QualificationConfig, track: RestartTrackKind, perSample: Double?, last: ConditioningAssessment?,
                          conditioningFailed: Bool) -> QualificationStep {
        let claimed = config.claim.minEntropy
        var figures = [Figure("H_submitter", claimed)]
        guard let h = perSample else {
            return QualificationStep(id: "claim", title: "Entropy claim", section: "SP 800-90B 3.1.5", figures: figures, decision: .fail,
                                     reason: "Validation fails: no entropy estimate is awarded to this noise source.")
        }
        figures.append(Figure("validated H per sample", h))
        if let last, let out = config.conditioning.last {
            figures += [Figure("h_out per \(out.outputBits)-bit output", last.outputEntropy),
                        Figure("entropy per output bit", last.outputEntropy / Double(out.outputBits))]
        }
        var problems: [String] = []
        if h < claimed - 1e-12 { problems.append("the data support \(f(h)) bits per sample, less than the claimed \(f(claimed)); lower the claim to at most \(f(h)) or improve the source") }
        if config.claim.iid && track != .iid { problems.append("the IID claim does not hold") }
        if conditioningFailed { problems.append("a conditioning component was credited no entropy") }
        let output = last.map { " The entropy source output carries \(f($0.outputEntropy)) bits per \(config.conditioning.last!.outputBits)-bit output." } ?? ""
        let reason = problems.isEmpty
            ? "The claim holds: the noise source is validated at \(f(h)) bits of min-entropy per \(config.noise.bitsPerSample)-bit sample.\(output)"
            : "The claims as written are not supported: " + problems.joined(separator: "; ") + ".\(output)"
        return QualificationStep(id: "claim", title: "Entropy claim", section: "SP 800-90B 3.1.5", figures: figures,
                                 decision: problems.isEmpty ? .pass : .fail, reason: reason)
    }

}
