import RandomnessCore

/// Runs test, SP 800-22 §2.3: with π the proportion of ones and V_n the number of runs
/// (1 + the number of k with ε_k ≠ ε_{k+1}), P = erfc(|V_n − 2nπ(1−π)| / (2√(2n) π(1−π))).
/// Transitions are counted a word at a time as popcount(w ⊕ (w shifted by one bit)).
///
/// Prerequisite (§2.3.4 step 2): when |π − ½| ≥ τ = 2/√n the test is not run. STS 2.1.2
/// (which tests |π − ½| > τ) then writes the placeholder p-value 0.000000; here the test is
/// not applicable, with the reason. The Frequency test fails on such a stream anyway
/// (its p-value is below erfc(4/√2) ≈ 6.3·10⁻⁵).
public enum RunsTest: SP80022Test {
    public static let id = SP80022TestID.runs

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let n = bits.count
        guard n > 0 else { return .notApplicable(id, reason: "the stream is empty") }
        let pi = Double(bits.onesCount) / Double(n)
        let tau = 2.0 / Double(n).squareRoot()
        guard abs(pi - 0.5) <= tau else {
            return .notApplicable(id, reason: "frequency prerequisite not met: |π − 1/2| = \(abs(pi - 0.5)) > 2/√n = \(tau) (STS 2.1.2 writes p = 0 here)",
                                  statistics: ["pi": pi])
        }
        let runs = 1 + transitions(bits)
        let arg = abs(Double(runs) - 2.0 * Double(n) * pi * (1 - pi)) / (2.0 * pi * (1 - pi) * (2.0 * Double(n)).squareRoot())
        // All bits equal (possible only for n ≤ 16, where τ ≥ 1/2): the argument is +∞ and
        // erfc(+∞) = 0, as STS computes it (GSL would return NaN there).
        let pValue = arg.isInfinite ? 0 : try SpecialFunctions.erfc(arg)
        return SP80022TestOutcome(test: id, pValues: [pValue], statistics: ["pi": pi, "V_n_obs": Double(runs)])
    }

    /// The number of k in 0..<n−1 with ε_k ≠ ε_{k+1}.
    static func transitions(_ bits: BitSequence) -> Int {
        let n = bits.count
        guard n > 1 else { return 0 }
        return bits.words.withUnsafeBufferPointer { w in
            let count = w.count
            var total = 0
            var i = 0
            while i + 1 < count {
                // Bit j of `diff` (from the top) compares bit j with bit j+1 of the stream.
                let diff = w[i] ^ (w[i] << 1 | w[i + 1] >> 63)
                total &+= diff.nonzeroBitCount
                i += 1
            }
            // Last word: only pairs (k, k+1) with k+1 < n.
            let pairsInLast = (n - 1) - 64 * (count - 1)
            if pairsInLast > 0 {
                let diff = w[count - 1] ^ (w[count - 1] << 1)
                let mask = ~UInt64(0) << UInt64(64 - pairsInLast)
                total &+= (diff & mask).nonzeroBitCount
            }
            return total
        }
    }
}
