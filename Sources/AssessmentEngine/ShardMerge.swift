import ENT
import RandomnessCore
import SP80022

/// Joins the shards' outcomes into what a single pass over the whole input gives
/// (docs/shards.md): ENT's state appended shard after shard (each shard but the last ends on
/// a whole Monte Carlo point), SP 800-22's tallies joined and concluded once, SP 800-90B and
/// the input's SHA-256 from shard 1.
public enum ShardMerge {
    /// Why the outcomes do not make one input's shards.
    public struct MismatchError: Error, CustomStringConvertible, Equatable {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// The suites' results and the input's SHA-256, from every shard of `plan` in index order.
    public static func merge(_ outcomes: [ShardOutcome], plan: ShardPlan, parameters: AssessmentParameters) throws -> (outcome: SuiteOutcome, sha256: String) {
        guard outcomes.count == plan.count else {
            throw MismatchError("\(outcomes.count) shard outcomes for a plan of \(plan.count)")
        }
        for (i, outcome) in outcomes.enumerated() where outcome.ranges != plan.shard(i + 1) {
            throw MismatchError("shard \(i + 1)/\(plan.count) covers other ranges than this input's plan "
                + "(bytes \(outcome.ranges.bytes), streams \(outcome.ranges.streams); expected \(plan.shard(i + 1).bytes), \(plan.shard(i + 1).streams))")
        }
        guard let sha256 = outcomes[0].sha256 else { throw MismatchError("shard 1/\(plan.count) has no SHA-256 of the input") }
        var results = SuiteResults()
        if parameters.suites.contains(.ent) {
            var ent = ENTAccumulator()
            for (i, outcome) in outcomes.enumerated() {
                guard let part = outcome.ent, part.byteCount == outcome.ranges.bytes.count, ent.append(part) else {
                    throw MismatchError("shard \(i + 1)/\(plan.count)'s ENT state does not cover its bytes \(outcome.ranges.bytes) or is damaged")
                }
            }
            results.ent = ent.suiteResult()
        }
        if let sts = parameters.sp80022 {
            var state: SP80022BatteryState?
            for (i, outcome) in outcomes.enumerated() {
                guard let part = outcome.sp80022, part.firstStream == outcome.ranges.streams.lowerBound,
                      part.streamCount == outcome.ranges.streams.count, part.isWellFormed else {
                    throw MismatchError("shard \(i + 1)/\(plan.count)'s SP 800-22 state does not cover its streams \(outcome.ranges.streams) or is damaged")
                }
                if state == nil {
                    state = part
                } else {
                    do { try state!.append(part) } catch { throw MismatchError("shard \(i + 1)/\(plan.count): \(error)") }
                }
            }
            let tests = state!.tallies.map(\.test)
            do {
                results.sp80022 = try state!.conclude(parameters: sts, tests: tests, inputBits: plan.totalBytes * 8)
            } catch let error as SP80022BatteryState.JoinError {
                throw MismatchError(error.description)
            }
        }
        var bitsPerSymbol: Int?
        if parameters.sp80090b != nil {
            guard let result = outcomes[0].sp80090b else { throw MismatchError("shard 1/\(plan.count) has no SP 800-90B result") }
            results.sp80090b = result
            bitsPerSymbol = result.bitsPerSymbol
        }
        return (SuiteOutcome(results: results, bitsPerSymbol: bitsPerSymbol), sha256)
    }
}
