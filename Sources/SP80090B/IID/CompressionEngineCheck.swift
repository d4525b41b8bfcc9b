/// How the compression statistic (5.1.11) was computed in a run. The statistic of the original
/// data is always computed by libbz2 and, unless libbz2 was asked for, by the size model too;
/// the size model is used for the permutations only when both agree there, otherwise the whole
/// run falls back to libbz2.
public struct CompressionEngineCheck: Codable, Sendable, Equatable {
    /// The engine the options asked for.
    public var requested: IIDOptions.CompressionEngine
    /// The engine that computed the permutations' statistics.
    public var used: IIDOptions.CompressionEngine
    /// libbz2's compressed size of the original data (the statistic's value).
    public var libbz2Original: Int
    /// The size model's value on the original data (nil when libbz2 was asked for).
    public var sizeModelOriginal: Int?

    /// The size model's original value was computed and differs from libbz2's: the run fell back.
    public var fellBack: Bool { requested == .sizeModel && used == .libbz2 }

    init(requested: IIDOptions.CompressionEngine, libbz2Original: Int, sizeModelOriginal: Int?) {
        self.requested = requested
        self.libbz2Original = libbz2Original
        self.sizeModelOriginal = sizeModelOriginal
        used = requested == .sizeModel && sizeModelOriginal == libbz2Original ? .sizeModel : .libbz2
    }
}
