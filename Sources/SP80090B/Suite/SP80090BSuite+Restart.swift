import Foundation
import RandomnessCore

extension SP80090BSuite {
    /// Adds the restart tests (SP 800-90B §3.1.4) on `rowDataset` — 1,000 restarts × 1,000
    /// samples, one sample per byte, restart by restart — to a suite result, for H_I = its
    /// assessed min-entropy (§3.1.3): the sanity check, then the validation on the row and
    /// column datasets with the non-IID estimators (Most Common Value only when IID is claimed).
    /// A failed restart test fails the suite; when they pass, `restart.assessedEntropy` is
    /// min(H_r, H_c, H_I), the entropy the restart tests support. Nothing runs, with a reason,
    /// when no positive H_I was assessed (the suite has failed already).
    public static func addRestartTests(to result: inout SP80090BSuiteResult, rowDataset: [UInt8], jobs: Int) throws {
        guard let hI = result.assessedMinEntropy, hI > 0 else {
            result.reasons.append("restart tests not run: no positive min-entropy was assessed to validate (H_I)")
            return
        }
        let matrix = try RestartMatrix(rowDataset: rowDataset, bitsPerSymbol: result.bitsPerSymbol)
        let track: RestartTrack = result.parameters.claimedIID ? .iid(iidTests: nil) : .nonIIDUsingEstimators(jobs: jobs)
        let restart = try RestartTest.run(matrix: matrix, initialEntropy: hI, track: track, cutoffMethod: .exact, jobs: jobs)
        result.restart = restart
        result.verdict = Verdict.combined([result.verdict, restart.verdict])
        result.reasons.append(restartReason(restart))
    }

    static func restartReason(_ r: RestartTestResult) -> String {
        func f(_ x: Double) -> String { String(format: "%.6f", x) }
        let sanity = r.sanityCheck
        var text = "restart tests (SP 800-90B 3.1.4, \(r.track.rawValue) track) at H_I = \(f(r.initialEntropy)): "
            + "sanity check X_max = \(sanity.maxCount) \(sanity.passed ? "≤" : ">") cutoff \(sanity.cutoff.cutoff)"
        guard sanity.passed, let hr = r.rowEntropy, let hc = r.columnEntropy else {
            return text + ": fail (no entropy is awarded)"
        }
        let low = min(hr, hc)
        text += "; validation min(H_r = \(f(hr)), H_c = \(f(hc))) = \(f(low)) \(low >= r.initialEntropy / 2 ? "≥" : "<") H_I/2 = \(f(r.initialEntropy / 2))"
        if let h = r.assessedEntropy {
            return text + ": pass; entropy after the restart tests min(H_r, H_c, H_I) = \(f(h))"
        }
        return text + ": fail (no entropy is awarded)"
    }
}
