/// A battery parameter outside the range a test supports.
public struct SP80022ParameterError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The test that rejected the parameter.
    public let test: SP80022TestID
    /// The `SP80022Parameters` property at fault.
    public let parameter: String
    /// The value given.
    public let value: Int
    /// The values the test accepts.
    public let allowed: ClosedRange<Int>

    public init(test: SP80022TestID, parameter: String, value: Int, allowed: ClosedRange<Int>) {
        self.test = test
        self.parameter = parameter
        self.value = value
        self.allowed = allowed
    }

    public var description: String {
        "\(test.rawValue): parameter \(parameter) = \(value) is outside \(allowed.lowerBound)...\(allowed.upperBound)"
    }

    /// Throws unless `value` lies in `allowed`.
    static func check(_ value: Int, in allowed: ClosedRange<Int>, parameter: String, test: SP80022TestID) throws(SP80022ParameterError) {
        guard allowed.contains(value) else {
            throw SP80022ParameterError(test: test, parameter: parameter, value: value, allowed: allowed)
        }
    }
}
