import RandomnessCore

/// A verdict as the page shows it: an upper-case word, a CSS class that colours it, and a
/// symbol so the verdict never depends on colour alone.
public struct VerdictBadge: Sendable, Equatable {
    /// "pass", "fail", "suspect", "not-applicable".
    public let value: String
    /// "PASS", "FAIL", "SUSPECT", "NOT APPLICABLE".
    public let text: String
    /// "verdict-pass", "verdict-fail", "verdict-suspect", "verdict-na".
    public let cssClass: String
    /// ✓, ✗, !, –.
    public let symbol: String

    public init(_ verdict: Verdict) {
        value = verdict.rawValue
        switch verdict {
        case .pass:
            text = "PASS"; cssClass = "verdict-pass"; symbol = "✓"
        case .fail:
            text = "FAIL"; cssClass = "verdict-fail"; symbol = "✗"
        case .suspect:
            text = "SUSPECT"; cssClass = "verdict-suspect"; symbol = "!"
        case .notApplicable:
            text = "NOT APPLICABLE"; cssClass = "verdict-na"; symbol = "–"
        }
    }
}
