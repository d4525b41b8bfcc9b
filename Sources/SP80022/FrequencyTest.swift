import RandomnessCore

/// Frequency (monobit) test, SP 800-22 §2.1: with S_n = Σ(2ε_i − 1),
/// s_obs = |S_n| / √n and P = erfc(s_obs / √2). One popcount per word.
public enum FrequencyTest: SP80022Test {
    public static let id = SP80022TestID.frequency

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let n = bits.count
        guard n > 0 else { return .notApplicable(id, reason: "the stream is empty") }
        let sum = 2 * bits.onesCount - n
        let sObs = Double(abs(sum)) / Double(n).squareRoot()
        let pValue = try SpecialFunctions.erfc(sObs / 2.0.squareRoot())
        return SP80022TestOutcome(test: id, pValues: [pValue], statistics: ["S_n": Double(sum), "s_obs": sObs])
    }
}
