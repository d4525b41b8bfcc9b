import Certification
import RandomnessCore

/// The hook `verify --rerun` calls: runs every suite of the recorded parameters (seeds
/// included) on the data file and returns the new report.
enum AssessmentRerun {
    static let runner: ReportRerun = { recorded, dataPath in
        try Assessment.rerun(recorded, dataPath: dataPath, jobs: Parallel.defaultJobs)
    }
}
