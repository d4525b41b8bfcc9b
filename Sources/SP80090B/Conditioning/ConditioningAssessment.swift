/// The entropy of a conditioning component's output, SP 800-90B §3.1.5, as ea_conditioning
/// computes it:
/// - vetted component (§3.1.5.1.2): h_out = Output_Entropy(n_in, n_out, nw, h_in);
/// - non-vetted component (§3.1.5.2): h_out = min(Output_Entropy(…), 0.999·n_out, h'·n_out),
///   h' being the entropy per bit measured on the conditioned sequential dataset.
public struct ConditioningAssessment: Codable, Sendable, Equatable {
    /// Whether the component is one of the vetted functions of §3.1.5.1.1.
    public enum Component: Codable, Sendable, Equatable {
        case vetted
        /// A non-vetted component with h', the entropy estimate per bit of its output.
        case nonVetted(entropyPerBit: Double)
    }

    public var component: Component
    /// n_in: input bits per conditioning call.
    public var inputBits: Int
    /// n_out: output bits per call.
    public var outputBits: Int
    /// nw as given.
    public var narrowestWidth: Int
    /// min(nw, n_in), the width used (Appendix E; ea_conditioning reports this one as nw).
    public var effectiveNarrowestWidth: Int
    /// h_in: entropy of one n_in-bit input.
    public var inputEntropy: Double
    /// Output_Entropy(n_in, n_out, nw, h_in).
    public var outputEntropyFunction: Double
    /// 0.999·n_out (non-vetted only).
    public var nonVettedCap: Double?
    /// h'·n_out (non-vetted only).
    public var statisticalBound: Double?
    /// h_out: the entropy credited to one n_out-bit output.
    public var outputEntropy: Double
    /// −log₂ε with h_out = (1 − ε)·n_out, for a vetted component whose h_out exceeds
    /// 0.999·n_out (when ea_conditioning prints "epsilon = 2^(−…)"); nil otherwise.
    public var fullEntropyEpsilonExponent: Double?
    /// For those outputs: whether h_in ≥ n_out + 64, the input condition of FIPS 140-3 IG D.K
    /// Resolution 19 for full entropy (ea_conditioning's note; the component's security
    /// strength must also be at least n_out, which is not checked here).
    public var meetsIGDKResolution19InputCondition: Bool?

    /// Validates the parameters as ea_conditioning does — n_in, n_out, nw in [1, 2^32 − 1],
    /// 0 < h_in ≤ n_in, 0 < h' ≤ 1 — and computes h_out.
    public init(component: Component, inputBits nIn: Int, outputBits nOut: Int, narrowestWidth nw: Int,
                inputEntropy hIn: Double) throws(ConditioningError) {
        for (name, value) in [("n_in", nIn), ("n_out", nOut), ("nw", nw)] where value < 1 || value > Int(UInt32.max) {
            throw .sizeOutOfRange(parameter: name, value: value)
        }
        guard hIn.isFinite, hIn > 0, hIn <= Double(nIn) else {
            throw .entropyOutOfRange(parameter: "h_in", value: hIn, upperBound: Double(nIn))
        }
        if case let .nonVetted(hPrime) = component {
            guard hPrime.isFinite, hPrime > 0, hPrime <= 1 else {
                throw .entropyOutOfRange(parameter: "h'", value: hPrime, upperBound: 1)
            }
        }
        self.component = component
        inputBits = nIn
        outputBits = nOut
        narrowestWidth = nw
        effectiveNarrowestWidth = min(nw, nIn)
        inputEntropy = hIn
        outputEntropyFunction = OutputEntropy.compute(inputBits: nIn, outputBits: nOut, narrowestWidth: nw, inputEntropy: hIn)
        switch component {
        case .vetted:
            nonVettedCap = nil
            statisticalBound = nil
            outputEntropy = outputEntropyFunction
            if outputEntropy > 0.999 * Double(nOut) {
                fullEntropyEpsilonExponent = OutputEntropy.fullEntropyEpsilonExponent(inputBits: nIn, outputBits: nOut, narrowestWidth: nw, inputEntropy: hIn)
                meetsIGDKResolution19InputCondition = hIn >= Double(nOut) + 64
            }
        case let .nonVetted(hPrime):
            let cap = 0.999 * Double(nOut)
            let bound = hPrime * Double(nOut)
            nonVettedCap = cap
            statisticalBound = bound
            outputEntropy = min(outputEntropyFunction, cap, bound)
        }
    }
}
