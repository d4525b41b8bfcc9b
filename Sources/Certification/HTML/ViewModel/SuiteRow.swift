/// One suite in the summary card: its name, verdict, a one-line account, and its section.
public struct SuiteRow: Sendable, Equatable {
    public let name: String
    public let anchor: String
    public let verdict: VerdictBadge
    public let detail: String
}
