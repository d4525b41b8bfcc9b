import RandomnessCore

/// Discrete Fourier Transform (spectral) test, SP 800-22 §2.6: with X = DFT(2ε − 1),
/// N_1 = #{k < n/2 : |X_k| < T}, T = √(ln(1/0.05)·n) (STS: √(2.995732274 n)),
/// N_0 = 0.95 n/2, d = (N_1 − N_0)/√(0.95·0.05·n/4) and P = erfc(|d|/√2).
///
/// STS 2.1.2 computes |X_{n/2}| from one double past its array for even n, but never uses
/// that magnitude; this count covers exactly its k = 0 … ⌊n/2⌋−1, so the result is the same
/// without the read.
public enum DiscreteFourierTransformTest: SP80022Test {
    public static let id = SP80022TestID.fft

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let n = bits.count
        guard n >= 2 else { return .notApplicable(id, reason: "n = \(n) is too short for a spectrum") }
        let threshold = (2.995732274 * Double(n)).squareRoot()
        let below = Spectrum.countBelow(threshold, bits: bits)
        let n1 = Double(below)
        let n0 = 0.95 * Double(n) / 2.0
        let d = (n1 - n0) / (Double(n) / 4.0 * 0.95 * 0.05).squareRoot()
        let pValue = try SpecialFunctions.erfc(abs(d) / 2.0.squareRoot())
        return SP80022TestOutcome(test: id, pValues: [pValue], statistics: [
            "percentile": n1 / Double(n / 2) * 100, "N_l": n1, "N_o": n0, "d": d,
        ])
    }
}
