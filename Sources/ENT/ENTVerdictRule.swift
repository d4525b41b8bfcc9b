import RandomnessCore

/// `ent`'s guidance on the chi-square figure, turned into a verdict.
///
/// The percentage used is the exact p-value × 100 (`ENTStatistics.chiSquarePValue`,
/// from GSL), not `ent`'s printed `pochisq` approximation: the exact value is the one an
/// auditor can reproduce, and the two differ only in digits beyond `ent`'s two decimals,
/// so the bands can disagree only within a hair of a band edge.
///
/// - fail: below 1 % or above 99 % (the sequence is almost certainly not random);
/// - suspect: 1 % up to 5 %, or above 95 % up to 99 %;
/// - pass: 5 % to 95 %;
/// - not applicable: fewer than 5 expected occurrences per symbol (fewer than 1280 bytes
///   in byte mode, 10 bits in bit mode), where the chi-square distribution does not
///   describe the statistic.
public enum ENTVerdictRule {
    /// The smallest expected count per symbol for which a verdict is given.
    public static let minimumExpectedPerSymbol = 5.0

    public static func verdict(pValue: Double, expectedPerSymbol: Double) -> (Verdict, String?) {
        guard expectedPerSymbol >= minimumExpectedPerSymbol else {
            return (.notApplicable, "fewer than \(Int(minimumExpectedPerSymbol)) expected occurrences per symbol; the chi-square test needs more data")
        }
        let percent = pValue * 100
        if percent < 1 || percent > 99 { return (.fail, nil) }
        if percent < 5 || percent > 95 { return (.suspect, nil) }
        return (.pass, nil)
    }
}
