import Foundation
import RandomnessCore

/// The Adaptive Proportion Test of SP 800-90B §4.4.2, fed incrementally.
///
/// Per the standard: A = next(), B = 1; for i = 1 … W − 1, if next() = A then B += 1 and a
/// failure is signalled when B ≥ C; then a new window starts with the next sample.
///
/// After an alarm the test restarts at step 1: the rest of the window is abandoned and the next
/// sample starts a new window. Windows are therefore counted from the first sample and from the
/// sample after each alarm, whatever the chunking of the input.
///
/// Samples are compared as whole bytes.
public struct AdaptiveProportionTest: Sendable {
    /// The window size W.
    public let windowSize: Int
    /// The cutoff C.
    public let cutoff: Int
    /// Samples consumed so far; the offset the next sample will have.
    public private(set) var samplesTested = 0
    /// Alarms raised so far.
    public private(set) var alarmCount = 0
    /// Windows ended so far: at W samples or at an alarm (the test's opportunities to alarm;
    /// a window still open is not counted).
    public private(set) var windowsCompleted = 0

    /// A: the first sample of the current window.
    private var value: UInt8 = 0
    /// B: occurrences of A in the window so far.
    private var count = 0
    /// Samples of the current window consumed; 0 when the next sample starts a new window.
    private var position = 0
    /// Offset of the current window's first sample.
    private var windowStart = 0

    /// W = 1024 for a binary noise source (two distinct values), 512 otherwise (§4.4.2).
    public static func windowSize(binary: Bool) -> Int { binary ? 1024 : 512 }
    /// The window sizes accepted: 2…65536. SP 800-90B uses 512 and 1024; beyond 2^16 a window
    /// would react to a failure only after that many samples, and the binomial cutoff search
    /// would no longer be cheap.
    public static let windowSizeRange = 2...65_536

    /// C = 1 + CRITBINOM(W, 2^−H, 1 − α) (§4.4.2, footnote 10): one more than the smallest k
    /// with P(Binomial(W, 2^−H) > k) ≤ α, from GSL's binomial distribution.
    public static func cutoff(minEntropy h: Double, windowSize w: Int,
                              falsePositiveProbability alpha: Double = HealthTestParameters.defaultFalsePositiveProbability) throws -> Int {
        1 + (try SpecialFunctions.binomialCriticalValue(trials: w, probability: exp2(-h), upperTail: alpha))
    }

    /// A test with window W ≥ 2 and cutoff C ≥ 2.
    public init(windowSize: Int, cutoff: Int) throws(HealthTestError) {
        guard Self.windowSizeRange.contains(windowSize) else { throw .windowSizeOutOfRange(windowSize) }
        guard cutoff >= 2 else { throw .cutoffOutOfRange(test: "adaptive proportion", cutoff: cutoff) }
        self.windowSize = windowSize
        self.cutoff = cutoff
    }

    /// Feeds one sample; returns the alarm it raised, if any.
    @inline(__always)
    public mutating func feed(_ x: UInt8) -> HealthAlarm? {
        let offset = samplesTested
        samplesTested += 1
        if position == 0 {
            value = x
            count = 1
            position = 1
            windowStart = offset
            return nil
        }
        if x == value {
            count += 1
            if count >= cutoff {
                let alarm = HealthAlarm(test: .adaptiveProportion, offset: offset, count: count, start: windowStart, value: x)
                alarmCount += 1
                windowsCompleted += 1
                position = 0
                return alarm
            }
        }
        position += 1
        if position == windowSize {
            position = 0
            windowsCompleted += 1
        }
        return nil
    }

    /// Feeds a buffer of samples, calling `onAlarm` for each alarm in sample order.
    ///
    /// Inside a window, eight samples at a time: a SWAR compare with A broadcast to all bytes
    /// counts A's occurrences with one popcount; only a word that could bring B to C is fed
    /// sample by sample.
    public mutating func feed(_ buffer: UnsafeBufferPointer<UInt8>, onAlarm: (HealthAlarm) -> Void) {
        feed(buffer, reporting: true, onAlarm: onAlarm)
    }

    /// Feeds a buffer, counting its alarms (`alarmCount`) without reporting them. At a window's
    /// start, a run of one value of L ≥ C samples (whole words) is taken ⌊L/C⌋·C samples at a
    /// time: each C of them fill a window to its alarm (C ≤ W), and the next starts afresh. A
    /// stuck source is then counted at the speed of a clean one.
    public mutating func count(_ buffer: UnsafeBufferPointer<UInt8>) {
        feed(buffer, reporting: false) { _ in }
    }

    @inline(__always)
    private mutating func feed(_ buffer: UnsafeBufferPointer<UInt8>, reporting: Bool, onAlarm: (HealthAlarm) -> Void) {
        guard let base = buffer.baseAddress else { return }
        let n = buffer.count
        var i = 0
        while i < n {
            if position == 0 && !reporting && cutoff <= windowSize {
                let pattern = ZeroByteMask.broadcast(base[i])
                var j = i
                while j + 8 <= n && ZeroByteMask.load(base + j) == pattern { j += 8 }
                let windows = (j - i) / cutoff
                if windows > 0 {
                    alarmCount += windows
                    windowsCompleted += windows
                    samplesTested += windows * cutoff
                    i += windows * cutoff
                    continue
                }
            }
            if position == 0 {
                if let a = feed(base[i]) { onAlarm(a) }
                i += 1
                continue
            }
            // Fast path over the rest of the window that lies in this buffer.
            let end = min(n, i + (windowSize - position))
            let pattern = ZeroByteMask.broadcast(value)
            let start = i
            var b = count
            let c = cutoff
            while i + 8 <= end {
                let hits = ZeroByteMask.of(ZeroByteMask.load(base + i) ^ pattern).nonzeroBitCount
                if b + hits >= c { break }
                b += hits
                i += 8
            }
            count = b
            position += i - start
            samplesTested += i - start
            if position == windowSize {
                position = 0  // the window ended inside the fast path
                windowsCompleted += 1
                continue
            }
            // Up to eight samples one by one: the word that may alarm, or the window's tail.
            let stop = min(end, i + 8)
            while i < stop {
                let before = alarmCount
                if let a = feed(base[i]) { onAlarm(a) }
                i += 1
                if alarmCount != before { break }
            }
        }
    }
}
