import RandomnessCore

/// What the second-level analysis needs of one slot's p-values, kept as they arrive: STS's
/// ten-bin histogram, the sample size m, the failures (p < α) and the first p-value (the one
/// a one-stream verdict reads). Memory does not grow with the number of streams.
///
/// p-values are counted as `SP80022FinalAnalysis` documents: re-read through "%f" unless
/// `corrected`, and for the excursion tests only those above 0.000000 unless `corrected`.
public struct SP80022SlotTally: Codable, Sendable, Equatable {
    public let corrected: Bool
    public let alpha: Double
    let excursion: Bool
    /// C1…C10 over [0, 0.1), …, [0.9, 1].
    public private(set) var histogram = [Int](repeating: 0, count: 10)
    /// The sample size m.
    public private(set) var count = 0
    /// p-values below α.
    public private(set) var failures = 0
    /// The first counted p-value, at full precision.
    public private(set) var firstValue: Double?

    public init(test: SP80022TestID, corrected: Bool, alpha: Double = SP80022.alpha) {
        self.corrected = corrected
        self.alpha = alpha
        self.excursion = test == .randomExcursions || test == .randomExcursionsVariant
    }

    /// Counts one p-value of the slot.
    public mutating func add(_ raw: Double) {
        let p = corrected ? raw : SP80022FinalAnalysis.stsReread(raw)
        if excursion && !corrected && !(p > 0) { return }
        if firstValue == nil { firstValue = raw }
        count += 1
        if p < alpha { failures += 1 }
        histogram[min(max(Int((p * 10).rounded(.down)), 0), 9)] += 1
    }

    /// Adds the tally of the same slot over the streams that follow (as if they had been
    /// counted here one by one).
    public mutating func append(_ next: SP80022SlotTally) {
        for i in histogram.indices { histogram[i] += next.histogram[i] }
        count += next.count
        failures += next.failures
        if firstValue == nil { firstValue = next.firstValue }
    }
}

/// One test's outcomes over the streams, tallied slot by slot as the streams complete.
public struct SP80022TestTally: Codable, Sendable, Equatable {
    public let test: SP80022TestID
    public let corrected: Bool
    public let alpha: Double
    /// Streams seen, and those on which the test ran.
    public private(set) var streams = 0
    public private(set) var applicableStreams = 0
    /// The not-applicable reasons, each once, in stream order.
    public private(set) var reasons: [String] = []
    /// One tally per p-value position seen on an applicable stream.
    public private(set) var slots: [SP80022SlotTally] = []
    /// Each slot's label, from the first applicable stream that gave one.
    public private(set) var labels: [String?] = []

    public init(test: SP80022TestID, corrected: Bool, alpha: Double = SP80022.alpha) {
        self.test = test
        self.corrected = corrected
        self.alpha = alpha
    }

    /// Counts one stream's outcome of this test.
    public mutating func add(_ outcome: SP80022TestOutcome) {
        streams += 1
        if let reason = outcome.notApplicable {
            if !reasons.contains(reason) { reasons.append(reason) }
            return
        }
        applicableStreams += 1
        while slots.count < outcome.pValues.count { slots.append(SP80022SlotTally(test: test, corrected: corrected, alpha: alpha)) }
        while labels.count < outcome.labels.count { labels.append(nil) }
        for (i, p) in outcome.pValues.enumerated() { slots[i].add(p) }
        for (i, label) in outcome.labels.enumerated() where labels[i] == nil { labels[i] = label }
    }

    /// Adds the tally of the streams that follow (as if they had been counted here).
    public mutating func append(_ next: SP80022TestTally) {
        streams += next.streams
        applicableStreams += next.applicableStreams
        for reason in next.reasons where !reasons.contains(reason) { reasons.append(reason) }
        for (i, slot) in next.slots.enumerated() {
            if i < slots.count { slots[i].append(slot) } else { slots.append(slot) }
        }
        for (i, label) in next.labels.enumerated() {
            if i < labels.count { if labels[i] == nil { labels[i] = label } } else { labels.append(label) }
        }
    }
}
