/// The outcome of a test, a suite or a whole assessment.
public enum Verdict: String, Codable, Sendable, CaseIterable, Comparable {
    case pass
    /// Borderline: not a failure, but worth a second look (ENT's 1–5 % / 95–99 % bands).
    case suspect
    case fail
    /// The test could not run on this input (too few bits, too few cycles); says nothing.
    case notApplicable = "not-applicable"

    /// Severity order used to combine verdicts: pass < not-applicable < suspect < fail.
    private var severity: Int {
        switch self {
        case .pass: 0
        case .notApplicable: 1
        case .suspect: 2
        case .fail: 3
        }
    }

    public static func < (a: Verdict, b: Verdict) -> Bool { a.severity < b.severity }

    /// The worst of several verdicts; `.notApplicable` when there are none.
    public static func combined(_ verdicts: some Sequence<Verdict>) -> Verdict {
        verdicts.max() ?? .notApplicable
    }
}
