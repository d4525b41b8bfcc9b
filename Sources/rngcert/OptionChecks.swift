import ArgumentParser
import RandomnessCore

/// Range checks shared by the commands' `validate()`: each throws a one-line
/// `ValidationError` naming the option. The ranges themselves are the libraries'.
enum OptionChecks {
    /// `--jobs`: 1…1024 (`Parallel.jobsRange`).
    static func jobs(_ jobs: Int?) throws {
        guard let jobs, !Parallel.jobsRange.contains(jobs) else { return }
        throw ValidationError("--jobs \(jobs): must be between \(Parallel.jobsRange.lowerBound) and \(Parallel.jobsRange.upperBound)")
    }

    /// A byte count (`ByteCount.parse`), reworded as a validation error.
    @discardableResult
    static func byteCount(_ text: String, option: String) throws -> Int {
        do { return try ByteCount.parse(text, parameter: option) } catch { throw ValidationError(error.description) }
    }

    /// A library error (anything with a description) as a validation error.
    static func rethrow<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ValidationError { throw error } catch { throw ValidationError("\(error)") }
    }
}
