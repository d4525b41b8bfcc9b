import RandomnessCore

/// What the SP 800-22 battery has gathered over a run of consecutive streams, in a form that
/// can be written down (a shard's partial result), joined with the state of the streams that
/// follow, and concluded into the suite result.
///
/// Joining is exact: tallies add bin by bin and slot by slot (a slot's first p-value is the
/// earlier run's), the p-value summary keeps the lower lowest (the earlier on a tie), and the
/// inline streams are re-selected from both runs' — each run keeps its `inlineStreamLimit`
/// streams of smallest minimum p-value, so together they hold the joined run's.
public struct SP80022BatteryState: Codable, Sendable, Equatable {
    /// The first stream's 0-based index, and how many streams follow it.
    public var firstStream: Int
    public var streamCount: Int
    /// One tally per test, in the battery's test order.
    public var tallies: [SP80022TestTally]
    public var summary: SP80022PValueSummary
    /// The inline candidates: at most `SP80022StreamingBattery.inlineStreamLimit` streams,
    /// those of smallest minimum p-value (the earlier on a tie), in index order.
    public var inline: [SP80022StreamResult]

    public init(firstStream: Int, streamCount: Int, tallies: [SP80022TestTally], summary: SP80022PValueSummary,
                inline: [SP80022StreamResult]) {
        self.firstStream = firstStream
        self.streamCount = streamCount
        self.tallies = tallies
        self.summary = summary
        self.inline = inline
    }

    /// Why two states cannot be joined.
    public struct JoinError: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// Appends the state of the streams that come right after these.
    public mutating func append(_ next: SP80022BatteryState) throws(JoinError) {
        guard next.firstStream == firstStream + streamCount else {
            throw JoinError(description: "SP 800-22 streams \(next.firstStream)… do not follow streams \(firstStream)..<\(firstStream + streamCount)")
        }
        guard tallies.map(\.test) == next.tallies.map(\.test), tallies.map(\.corrected) == next.tallies.map(\.corrected) else {
            throw JoinError(description: "SP 800-22 parts ran different tests or variants")
        }
        for t in tallies.indices { tallies[t].append(next.tallies[t]) }
        summary.append(next.summary)
        inline = Self.selectInline(inline + next.inline)
        streamCount += next.streamCount
    }

    /// Whether the tallies agree with each other and with the stream count (a state read back
    /// from a file may not): what the analysis indexes must be there.
    public var isWellFormed: Bool {
        guard firstStream >= 0, streamCount >= 0, !firstStream.addingReportingOverflow(streamCount).overflow,
              inline.count <= SP80022StreamingBattery.inlineStreamLimit else { return false }
        let streams = firstStream..<(firstStream + streamCount)
        guard inline.allSatisfy({ streams.contains($0.index) }) else { return false }
        return tallies.allSatisfy { tally in
            let excursion = tally.test == .randomExcursions || tally.test == .randomExcursionsVariant
            return tally.alpha == SP80022.alpha && tally.streams == streamCount
                && tally.applicableStreams >= 0 && tally.applicableStreams <= tally.streams
                && tally.slots.allSatisfy { slot in
                    slot.alpha == SP80022.alpha && slot.corrected == tally.corrected && slot.excursion == excursion
                        && slot.histogram.count == 10 && slot.histogram.allSatisfy { $0 >= 0 && $0 <= slot.count }
                        && slot.count >= 0 && slot.count <= tally.applicableStreams
                        && slot.histogram.reduce(0, &+) == slot.count
                        && slot.failures >= 0 && slot.failures <= slot.count
                }
        }
    }

    /// The suite result of these streams, for an input of `inputBits` bits; the same errors
    /// as a single run's end (too few streams for `parameters.streamCount`, or none).
    public func conclude(parameters: SP80022Parameters, tests: [SP80022TestID], inputBits: Int) throws -> SP80022SuiteResult {
        guard isWellFormed, tallies.map(\.test) == SP80022Battery.testsToRun(parameters),
              tallies.allSatisfy({ $0.corrected == parameters.corrected }) else {
            throw JoinError(description: "SP 800-22 state does not agree with the parameters (tests, variant, α) or with itself")
        }
        let n = parameters.streamLength
        if let count = parameters.streamCount, streamCount < count {
            throw SP80022Error.insufficientInput(streamCount: count, streamLength: n, availableBits: inputBits)
        }
        guard streamCount >= 1 else { throw SP80022Error.noStreams(streamLength: n, availableBits: inputBits) }
        var analysis: [SP80022TestAnalysis] = []
        for tally in tallies {
            do {
                analysis.append(try SP80022FinalAnalysis.analyze(tally))
            } catch {
                throw SP80022Error.numerics(test: tally.test, stream: -1, error)
            }
        }
        let (verdict, basis): (Verdict, SP80022VerdictBasis)
        do {
            (verdict, basis) = try SP80022VerdictPolicy.apply(to: &analysis)
        } catch {
            throw SP80022Error.numerics(test: tests.first ?? .frequency, stream: -1, error)
        }
        return SP80022SuiteResult(parameters: parameters, alpha: SP80022.alpha, inputBits: inputBits,
                                  streamLength: n, streamCount: streamCount, tests: tests, streams: inline,
                                  pValueSummary: summary, analysis: analysis, verdictBasis: basis, verdict: verdict)
    }

    /// A stream's smallest p-value (+∞ when no test gave one): the inline selection's key.
    static func minimum(_ stream: SP80022StreamResult) -> Double {
        stream.outcomes.lazy.flatMap(\.pValues).min() ?? .infinity
    }

    /// The `inlineStreamLimit` streams of smallest minimum (the earlier on a tie), in index order.
    static func selectInline(_ candidates: [SP80022StreamResult]) -> [SP80022StreamResult] {
        let keyed = candidates.map { (minimum: minimum($0), stream: $0) }
        let kept = keyed.sorted { ($0.minimum, $0.stream.index) < ($1.minimum, $1.stream.index) }
            .prefix(SP80022StreamingBattery.inlineStreamLimit)
        return kept.map(\.stream).sorted { $0.index < $1.index }
    }
}

extension SP80022PValueSummary {
    /// Adds the summary of the streams that follow (the lowest stays this one's on a tie).
    public mutating func append(_ next: SP80022PValueSummary) {
        count += next.count
        belowAlpha += next.belowAlpha
        if let theirs = next.lowest, lowest == nil || theirs.pValue < lowest!.pValue { lowest = theirs }
    }
}
