import Foundation
import RandomnessCore
import SP80090B

/// The continuous health tests' cutoffs (SP 800-90B §4.4) for the claimed H and α, with the
/// false-positive probability each integer cutoff actually gives — the justification a
/// registration asks for:
///
/// - Repetition Count Test: C = 1 + ⌈−log₂α / H⌉; a run of C identical samples has
///   probability at most 2^(−H·(C−1)) ≤ α at any sample (§4.4.1).
/// - Adaptive Proportion Test: C = 1 + CRITBINOM(W, 2^−H, 1 − α); a window has at least C
///   copies of its first sample with probability at most P(B ≥ C), B ~ Binomial(W, 2^−H)
///   (§4.4.2), which is ≤ α.
///
/// Both rates are bounds for a source whose most likely sample has probability 2^−H.
public struct HealthCutoffJustification: Codable, Sendable, Equatable {
    public var parameters: HealthTestParameters
    /// 2^(−H·(C−1)).
    public var repetitionCountFalsePositive: Double
    /// P(Binomial(W, 2^−H) ≥ C).
    public var adaptiveProportionFalsePositive: Double
    /// The tests run over the raw noise from a fresh start, judged against chance.
    public var noiseCheck: SP80090BHealthCheck

    public init(parameters: HealthTestParameters, noise: SampleSequence) throws {
        self.parameters = parameters
        let h = parameters.minEntropy
        repetitionCountFalsePositive = exp2(-h * Double(parameters.repetitionCountCutoff - 1))
        adaptiveProportionFalsePositive = try SpecialFunctions.binomialSurvival(
            parameters.adaptiveProportionCutoff - 1, trials: parameters.adaptiveProportionWindow, probability: exp2(-h))
        let scan = try HealthTestScan(samples: noise, parameters: parameters, alarmLimit: SP80090BSuite.reportedAlarmLimit)
        noiseCheck = try SP80090BSuite.judgeHealth(scan: scan, basis: .claimedEntropy).check
    }
}
