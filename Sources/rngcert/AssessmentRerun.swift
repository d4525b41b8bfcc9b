import Certification

/// The hook `verify --rerun` calls to re-run a recorded assessment.
///
/// Wired by the assess command: set `runner` to a function that runs every suite of
/// `recorded.command.parameters` (seeds included) on the data file and returns the new
/// report. While it is nil, `verify --rerun` says so and exits 2.
enum AssessmentRerun {
    static let runner: ReportRerun? = nil

    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "--rerun: this build of rngcert has no assessment runner wired in (AssessmentRerun.runner is nil)" }
    }
}
