import RandomnessCore

/// A registered test: its ID and how to run it on one stream.
public struct SP80022TestRegistration: Sendable {
    public let id: SP80022TestID
    private let body: @Sendable (BitSequence, SP80022Parameters) throws -> SP80022TestOutcome

    #if compiler(>=6.2)
    public init<T: SP80022Test & SendableMetatype>(_ type: T.Type) {
        id = T.id
        body = { bits, parameters in try T.run(bits, parameters: parameters) }
    }
    #else
    public init<T: SP80022Test>(_ type: T.Type) {
        id = T.id
        body = { bits, parameters in try T.run(bits, parameters: parameters) }
    }
    #endif

    /// Runs the test on one stream.
    public func run(_ bits: BitSequence, parameters: SP80022Parameters) throws -> SP80022TestOutcome {
        try body(bits, parameters)
    }
}

/// Which type implements each of the fifteen tests. The battery runs only registered tests.
public enum SP80022Registry {
    /// The implementations. To add a test, add its line here (order does not matter:
    /// the battery runs tests in STS order).
    public static let registrations: [SP80022TestRegistration] = [
        SP80022TestRegistration(FrequencyTest.self),
        SP80022TestRegistration(BlockFrequencyTest.self),
        SP80022TestRegistration(CumulativeSumsTest.self),
        SP80022TestRegistration(RunsTest.self),
        SP80022TestRegistration(LongestRunOfOnesTest.self),
        SP80022TestRegistration(BinaryMatrixRankTest.self),
        SP80022TestRegistration(DiscreteFourierTransformTest.self),
        SP80022TestRegistration(UniversalTest.self),
        SP80022TestRegistration(NonOverlappingTemplateTest.self),
        SP80022TestRegistration(OverlappingTemplateTest.self),
        SP80022TestRegistration(ApproximateEntropyTest.self),
        SP80022TestRegistration(RandomExcursionsTest.self),
        SP80022TestRegistration(RandomExcursionsVariantTest.self),
        SP80022TestRegistration(SerialTest.self),
        SP80022TestRegistration(LinearComplexityTest.self),
    ]

    /// The implementation of `id`, or nil when none is registered.
    public static func registration(of id: SP80022TestID) -> SP80022TestRegistration? {
        registrations.first { $0.id == id }
    }

    /// The registered tests, in STS order.
    public static var registeredTests: [SP80022TestID] {
        SP80022TestID.allCases.filter { registration(of: $0) != nil }
    }

    /// The tests that have no implementation yet, in STS order.
    public static var unregisteredTests: [SP80022TestID] {
        SP80022TestID.allCases.filter { registration(of: $0) == nil }
    }
}
