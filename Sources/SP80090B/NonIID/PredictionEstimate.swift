import Foundation

/// The figures every predictor estimate (SP 800-90B 6.3.7–6.3.10) ends with, computed as the
/// reference's `predictionEstimate`.
///
/// From C correct predictions out of N and the longest run r of correct predictions:
/// P_global = C/N, P′_global = min(1, P_global + 2.576·√(P_global(1 − P_global)/(N − 1)))
/// (1 − 0.01^{1/N} when C = 0). P_local solves
/// 0.99 = (1 − p·x)/((r + 1 − r·x)·q) · x^{−(N+1)}, x the fixed point of x = 1 + q·p^r·x^{r+1};
/// it is only searched for when it could exceed max(1/k, P′_global). The min-entropy is
/// −log₂ max(1/k, P′_global, P_local).
public struct PredictionEstimate: Codable, Sendable, Equatable {
    /// C, the number of correct predictions.
    public var correctCount: Int
    /// r, one more than the longest run of correct predictions.
    public var longestRunPlusOne: Int
    /// N, the number of predictions.
    public var predictionCount: Int
    public var pGlobal: Double
    /// P′_global, the upper confidence bound of P_global.
    public var pGlobalPrime: Double
    /// P_local, or nil when it cannot change the result (the reference: "P_local can't change
    /// the result").
    public var pLocal: Double?
    public var minEntropy: Double

    /// Finishes a predictor: C correct out of N predictions, longest run `longestRun` (the
    /// reference's `max_run_len`), alphabet size k. Needs N ≥ 2.
    public init(correct: Int, predictions: Int, longestRun: Int, alphabetSize k: Int) {
        precondition(predictions >= 2, "a prediction estimate needs at least two predictions")
        let n = Double(predictions)
        let r = longestRun + 1
        let pGlobal = Double(correct) / n
        let pGlobalPrime = pGlobal > 0
            ? min(1.0, pGlobal + EntropyBounds.zAlpha * (pGlobal * (1.0 - pGlobal) / (n - 1.0)).squareRoot())
            : 1.0 - pow(0.01, 1.0 / n)
        var pMax = max(1.0 / Double(k), pGlobalPrime)
        var pLocal: Double? = nil
        if pMax < 1.0 && Self.logProbabilityOfLongestRun(p: pMax, r: r, n: predictions) > log(0.99) {
            let local = Self.pLocal(r: r, n: predictions, lower: pMax)
            pLocal = local
            pMax = max(pMax, local)
        }
        correctCount = correct
        longestRunPlusOne = r
        predictionCount = predictions
        self.pGlobal = pGlobal
        self.pGlobalPrime = pGlobalPrime
        self.pLocal = pLocal
        minEntropy = -log2(pMax)
    }

    /// log of the probability that N predictions, each correct with probability p, hold no run
    /// of r correct ones (SP 800-90B 6.3.7 step 9, the reference's
    /// `prediction_estimate_function`).
    static func logProbabilityOfLongestRun(p: Double, r: Int, n: Int) -> Double {
        let q = 1.0 - p
        let rd = Double(r)
        let pr = pow(p, rd)
        var x = 1.0, last = 0.0
        var i = 0
        while i <= 65 && (x - last) > Double.ulpOfOne * x {
            last = x
            x = 1.0 + q * pr * pow(x, rd + 1.0)
            i += 1
        }
        return log(1.0 - p * x) - log((rd + 1.0 - rd * x) * q) - (Double(n) + 1.0) * log(x)
    }

    /// The p in [lower, 1] at which that probability is 0.99 (the reference's `calc_p_local`).
    static func pLocal(r: Int, n: Int, lower: Double) -> Double {
        MonotoneBisection.solve(target: log(0.99), lower: lower, upper: 1.0, onInvariantFailure: 1.0) {
            logProbabilityOfLongestRun(p: $0, r: r, n: n)
        }
    }
}
