import Foundation
import RandomnessCore

/// SP 800-22 §2.7 Non-overlapping Template Matching test, as STS 2.1.2's
/// `NonOverlappingTemplateMatchings(m, n)`.
///
/// The sequence is cut into N = 8 blocks of M = ⌊n/8⌋ bits. For each aperiodic template B
/// (STS's selection, 148 for m = 9), W_j counts the windows of block j equal to B, scanning
/// positions 0 ... M−m and jumping m bits after a match. λ = (M−m+1)/2^m,
/// σ² = M(2^−m − (2m−1)2^−2m), χ² = Σ_j (W_j − λ)²/σ², p = igamc(N/2, χ²/2).
///
/// An aperiodic template cannot overlap itself, so the jumping scan counts every position
/// where the window equals B: one histogram of the m-bit windows per block gives all the
/// templates' W_j at once.
public enum NonOverlappingTemplateTest: SP80022Test {
    public static let id = SP80022TestID.nonOverlappingTemplate
    /// STS's number of blocks N.
    public static let blockCount = 8

    public static func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        let m = parameters.nonOverlappingTemplateLength
        try SP80022Error.checkRange(m, AperiodicTemplates.lengths, name: "nonOverlappingTemplateLength")
        return try evaluate(bits, templateLength: m, blockCount: blockCount)
    }

    /// The test with an explicit block count (STS fixes N = 8; SP 800-22's small example uses 2).
    static func evaluate(_ bits: BitSequence, templateLength m: Int, blockCount N: Int) throws -> SP80022TestOutcome {
        let n = bits.count
        let M = n / N
        let lambda = Double(M - m + 1) / pow(2.0, Double(m))
        guard lambda > 0 else {
            return .notApplicable(id, reason: "block length M = ⌊n/\(N)⌋ = \(M) is shorter than the template length m = \(m), so λ ≤ 0 (STS aborts the test)")
        }
        let variance = Double(M) * (1.0 / pow(2.0, Double(m)) - (2.0 * Double(m) - 1.0) / pow(2.0, 2.0 * Double(m)))
        let templates = AperiodicTemplates.stsSelection(length: m)

        // counts[t * N + j] = W_j for template t.
        var counts = [UInt32](repeating: 0, count: templates.count * N)
        var histogram = [UInt32](repeating: 0, count: 1 << m)
        bits.words.withUnsafeBufferPointer { words in
            histogram.withUnsafeMutableBufferPointer { h in
                for j in 0..<N {
                    h.update(repeating: 0)
                    PatternHistogram.accumulate(words: words, first: j * M, count: M - m + 1, width: m, into: h.baseAddress!)
                    for (t, template) in templates.enumerated() { counts[t * N + j] = h[Int(template)] }
                }
            }
        }

        let sigma = pow(variance, 0.5)
        var pValues: [Double] = []
        var labels: [String] = []
        var statistics: [String: Double] = ["m": Double(m), "M": Double(M), "N": Double(N), "lambda": lambda, "variance": variance]
        pValues.reserveCapacity(templates.count)
        labels.reserveCapacity(templates.count)
        for (t, template) in templates.enumerated() {
            var chiSquare = 0.0
            for j in 0..<N {
                let z = (Double(counts[t * N + j]) - lambda) / sigma
                chiSquare += z * z
            }
            let label = AperiodicTemplates.label(template, length: m)
            pValues.append(try CephesConvention.igamc(Double(N) / 2.0, chiSquare / 2.0))
            labels.append(label)
            statistics["chi_squared[\(label)]"] = chiSquare
        }
        return SP80022TestOutcome(test: id, pValues: pValues, labels: labels, statistics: statistics)
    }
}
