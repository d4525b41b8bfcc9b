extension SP80022Parameters {
    /// The valid range of each integer parameter, by property name. STS 2.1.2 checks none of
    /// them; these bounds keep every test's tables finite (2^m counters) and its running time sane.
    /// The stream length starts at 100 bits, SP 800-22's smallest recommended n (Frequency,
    /// Runs and Cumulative Sums, §2.1.7, 2.3.7, 2.13.7): below it no test of the battery is
    /// applicable, and a stream a few bits long only multiplies the streams and the report.
    /// The smallest stream length n accepted (see `validRanges`).
    public static let minimumStreamLength = 100

    public static let validRanges: [String: ClosedRange<Int>] = [
        "blockFrequencyBlockLength": 1...Int(Int32.max),
        "nonOverlappingTemplateLength": 2...21,
        "overlappingTemplateLength": 2...21,
        "approximateEntropyBlockLength": 1...24,
        "serialBlockLength": 2...24,
        "linearComplexityBlockLength": 2...100_000,
        "streamLength": minimumStreamLength...Int(Int32.max),
        "streamCount": 1...Int(Int32.max),
    ]

    /// Checks every parameter; the error names the first bad one.
    public func validate() throws(SP80022Error) {
        let values: [(String, Int?)] = [
            ("blockFrequencyBlockLength", blockFrequencyBlockLength),
            ("nonOverlappingTemplateLength", nonOverlappingTemplateLength),
            ("overlappingTemplateLength", overlappingTemplateLength),
            ("approximateEntropyBlockLength", approximateEntropyBlockLength),
            ("serialBlockLength", serialBlockLength),
            ("linearComplexityBlockLength", linearComplexityBlockLength),
            ("streamLength", streamLength),
            ("streamCount", streamCount),
        ]
        for (name, value) in values {
            guard let value, let range = Self.validRanges[name], !range.contains(value) else { continue }
            throw .invalidParameter(name: name, value: String(value),
                                    reason: "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        if tests.isEmpty {
            throw .invalidParameter(name: "tests", value: "[]", reason: "at least one test must be chosen")
        }
        if Set(tests).count != tests.count {
            throw .invalidParameter(name: "tests", value: tests.map(\.rawValue).joined(separator: ","), reason: "a test is listed twice")
        }
    }
}
