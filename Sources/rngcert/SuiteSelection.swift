import ArgumentParser
import AssessmentEngine

/// `--suite NAME` values (repeated or comma-separated) as suites in canonical order; all
/// suites when none is named. Shared by `assess` and `batch`.
enum SuiteSelection {
    static var help: ArgumentHelp {
        ArgumentHelp("Suite to run: \(SuiteID.allCases.map(\.rawValue).joined(separator: ", ")); repeat or separate with commas. Default: all.",
                     valueName: "name")
    }

    static func suites(_ values: [String]) throws -> [SuiteID] {
        if values.isEmpty { return SuiteID.allCases }
        let names = values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) } }
        return try names.map { name in
            guard let suite = SuiteID(rawValue: name.lowercased()) else {
                throw ValidationError("--suite: unknown suite '\(name)' (choose from \(SuiteID.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return suite
        }
    }
}
