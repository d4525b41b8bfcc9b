extension SP80022Error {
    /// Throws `invalidParameter` naming the `SP80022Parameters` property unless `value` lies in
    /// `range` (a test's own check, for callers that skip `SP80022Parameters.validate()`).
    static func checkRange(_ value: Int, _ range: ClosedRange<Int>, name: String) throws(SP80022Error) {
        guard range.contains(value) else {
            throw .invalidParameter(name: name, value: String(value),
                                    reason: "must be between \(range.lowerBound) and \(range.upperBound)")
        }
    }
}
