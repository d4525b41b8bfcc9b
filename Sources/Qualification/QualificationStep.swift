import Foundation
import RandomnessCore

/// One step of the qualification (data, track, initial estimate, restart tests, each
/// conditioning component, health tests, final claim): its figures, the decision and the
/// reason in plain language.
public struct QualificationStep: Codable, Sendable, Equatable {
    /// A named figure as the report prints it, with its number when it has one.
    public struct Figure: Codable, Sendable, Equatable {
        public var name: String
        public var text: String
        public var value: Double?

        public init(_ name: String, _ value: Double, digits: Int = 6) {
            self.name = name
            self.value = value
            text = QualificationStep.fixed(value, digits)
        }

        public init(_ name: String, text: String) {
            self.name = name
            self.text = text
            value = nil
        }

        public init(_ name: String, count: Int) {
            self.name = name
            self.value = Double(count)
            text = GroupedNumber.text(count)
        }
    }

    /// `data`, `track`, `initial-entropy`, `restart`, `conditioning-N`, `health`, `claim`.
    public var id: String
    public var title: String
    /// Where SP 800-90B defines the step, e.g. "SP 800-90B 3.1.4".
    public var section: String
    public var figures: [Figure]
    /// pass, fail, or not-applicable for a step that could not run (an earlier step failed).
    public var decision: Verdict
    /// Why, in a sentence or two a reader outside the lab understands.
    public var reason: String

    public init(id: String, title: String, section: String, figures: [Figure], decision: Verdict, reason: String) {
        self.id = id
        self.title = title
        self.section = section
        self.figures = figures
        self.decision = decision
        self.reason = reason
    }

    static func fixed(_ x: Double, _ digits: Int) -> String {
        x.isFinite ? String(format: "%.\(digits)f", x) : "\(x)"
    }
}
