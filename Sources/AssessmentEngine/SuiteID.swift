/// The suites `rngcert assess` can run; raw values are the names used on the command line.
public enum SuiteID: String, Codable, Sendable, CaseIterable, Comparable {
    case ent
    case sp80022 = "sp800-22"
    case sp80090b = "sp800-90b"

    /// Suites run and reported in this order.
    public static func < (a: SuiteID, b: SuiteID) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
