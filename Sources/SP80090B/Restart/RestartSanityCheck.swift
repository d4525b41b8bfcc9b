/// The sanity check of SP 800-90B §3.1.4.3: the most common value's count in every row and
/// every column of the restart matrix must not exceed the cutoff for H_I.
public struct RestartSanityCheck: Codable, Sendable, Equatable {
    /// X_R: the highest count of one value within one row.
    public var maxRowCount: Int
    /// X_C: the highest count of one value within one column.
    public var maxColumnCount: Int
    /// X_max = max(X_R, X_C).
    public var maxCount: Int
    /// The cutoff X_max is compared with.
    public var cutoff: RestartSanityCutoff
    /// X_max ≤ cutoff.
    public var passed: Bool

    /// Counts X_R and X_C on `matrix` and compares their maximum with `cutoff`.
    public init(matrix: RestartMatrix, cutoff: RestartSanityCutoff) {
        maxRowCount = matrix.maxRowCount
        maxColumnCount = matrix.maxColumnCount
        maxCount = max(maxRowCount, maxColumnCount)
        self.cutoff = cutoff
        passed = maxCount <= cutoff.cutoff
    }
}
