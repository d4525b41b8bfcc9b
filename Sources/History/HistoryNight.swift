/// One report of the history with its SP 800-22 tests: what the trend rules and pages read.
public struct HistoryNight: Codable, Sendable, Equatable {
    public var row: HistoryRow
    public var tests: [SP80022TestRow]

    public init(row: HistoryRow, tests: [SP80022TestRow]) {
        self.row = row
        self.tests = tests
    }
}
