import RandomnessCore
/// The faults a simulated noise source shows, all starting at output offset `onset`
/// (`--after`; the bytes before it are the clean generator's). Any combination may be set;
/// none gives a clean source.
///
/// In order of application:
/// 1. `bias` and `correlation` change how the generator's bytes are made: bit by bit, most
///    significant first, each bit repeats the previous bit with probability R
///    (`correlation`; lag-1 correlation R) and is otherwise a fresh bit that is 1 with
///    probability P (`bias`, default ½).
/// 2. `period` makes the output cycle through its first `period` bytes after the onset
///    (a short cycle).
/// 3. `repeatBlock` serves every block of `repeatBlock` bytes twice (a buffer delivered
///    twice): B₁ B₁ B₂ B₂ …
/// 4. `dropoutLength` overwrites runs of that many bytes with zeros, starting after gaps
///    uniform in [0, 2·`dropoutInterval`) bytes (mean `dropoutInterval`), drawn from the
///    fault generator.
/// 5. `stuckBit` forces bit `stuckBit` (0 = least significant) of every byte to
///    `stuckValue`.
public struct SimulatorFaults: Codable, Sendable, Equatable {
    public var onset: Int = 0
    public var bias: Double?
    public var correlation: Double?
    public var period: Int?
    public var repeatBlock: Int?
    public var dropoutLength: Int?
    public var dropoutInterval: Int = SimulatorFaults.defaultDropoutInterval
    public var stuckBit: Int?
    public var stuckValue: UInt8 = 0

    /// Mean gap between dropouts: 64 KiB.
    public static let defaultDropoutInterval = 1 << 16

    public init(onset: Int = 0, bias: Double? = nil, correlation: Double? = nil, period: Int? = nil,
                repeatBlock: Int? = nil, dropoutLength: Int? = nil, dropoutInterval: Int = defaultDropoutInterval,
                stuckBit: Int? = nil, stuckValue: UInt8 = 0) {
        self.onset = onset
        self.bias = bias
        self.correlation = correlation
        self.period = period
        self.repeatBlock = repeatBlock
        self.dropoutLength = dropoutLength
        self.dropoutInterval = dropoutInterval
        self.stuckBit = stuckBit
        self.stuckValue = stuckValue
    }

    /// No fault at all.
    public var isClean: Bool {
        bias == nil && correlation == nil && period == nil && repeatBlock == nil && dropoutLength == nil && stuckBit == nil
    }

    /// Checks every value's range; the error names the option.
    public func validate() throws(CaptureError) {
        func bad(_ name: String, _ value: Any, _ reason: String) -> CaptureError {
            .invalidParameter(name: name, value: "\(value)", reason: reason)
        }
        let most = ByteCount.maximum
        guard (0...most).contains(onset) else { throw bad("--after", onset, "must be between 0 and \(most)") }
        for (name, value) in [("--period", period), ("--repeat-block", repeatBlock), ("--dropout", dropoutLength),
                              ("--dropout-interval", dropoutInterval)] {
            if let value, value > most { throw bad(name, value, "must be at most \(most) bytes") }
        }
        if let bias, !(bias >= 0 && bias <= 1) { throw bad("--bias", bias, "must be a probability 0…1") }
        if let correlation, !(correlation >= 0 && correlation < 1) { throw bad("--correlation", correlation, "must be 0 ≤ R < 1") }
        if let period, period < 1 { throw bad("--period", period, "must be at least 1 byte") }
        if let repeatBlock, repeatBlock < 1 { throw bad("--repeat-block", repeatBlock, "must be at least 1 byte") }
        if let dropoutLength, dropoutLength < 1 { throw bad("--dropout", dropoutLength, "must be at least 1 byte") }
        guard dropoutInterval >= 1 else { throw bad("--dropout-interval", dropoutInterval, "must be at least 1 byte") }
        if let stuckBit, !(0...7).contains(stuckBit) { throw bad("--stuck-at", stuckBit, "must be a bit index 0…7 (0 = least significant)") }
        guard stuckValue <= 1 else { throw bad("--stuck-value", stuckValue, "must be 0 or 1") }
    }

    /// A short account, e.g. "bias 0.52, stuck bit 3 at 0 after 4096".
    public var summary: String {
        var parts: [String] = []
        if let bias { parts.append("bias \(bias)") }
        if let correlation { parts.append("correlation \(correlation)") }
        if let period { parts.append("period \(period)") }
        if let repeatBlock { parts.append("repeat-block \(repeatBlock)") }
        if let dropoutLength { parts.append("dropout \(dropoutLength) every ~\(dropoutInterval)") }
        if let stuckBit { parts.append("stuck bit \(stuckBit) at \(stuckValue)") }
        if parts.isEmpty { return "clean" }
        return parts.joined(separator: ", ") + (onset > 0 ? " after \(onset)" : "")
    }
}
