import Foundation

/// The Repetition Count Test of SP 800-90B §4.4.1, fed incrementally.
///
/// Per the standard: A = first sample, B = 1; for each next sample X, if X = A then B += 1 and a
/// failure is signalled when B ≥ C, else A = X, B = 1.
///
/// After an alarm the test restarts at step 1: the next sample becomes the new A with B = 1
/// (it is not compared with the alarming run). A source stuck on one value therefore alarms
/// once every C samples, and the alarms do not depend on how the samples are chunked.
///
/// Samples are compared as whole bytes.
public struct RepetitionCountTest: Sendable {
    /// The cutoff C.
    public let cutoff: Int
    /// Samples consumed so far; the offset the next sample will have.
    public private(set) var samplesTested = 0
    /// Alarms raised so far.
    public private(set) var alarmCount = 0

    /// A: the value of the current run.
    private var value: UInt8 = 0
    /// B: the current run's length; 0 before the first sample and after an alarm.
    private var run = 0

    /// C = 1 + ⌈−log₂α / H⌉ (§4.4.1), the smallest C with 2^(−H(C−1)) ≤ α.
    ///
    /// −log₂α / H is snapped to the nearest integer when within 1e-9 relative of it, so that
    /// decimal inputs such as H = 0.1 do not gain one from binary rounding.
    /// The largest C − 1 computed: 2^53 (see `cutoff`).
    static let maximumCutoffExponent = 0x1p53

    public static func cutoff(minEntropy h: Double, falsePositiveProbability alpha: Double = HealthTestParameters.defaultFalsePositiveProbability) -> Int {
        let q = -log2(alpha) / h
        let nearest = q.rounded()
        let c = abs(q - nearest) <= 1e-9 * max(1, nearest) ? nearest : q.rounded(.up)
        // A tiny H makes q astronomically large (H = 1e-300 gives 2e301, past Int): cap C at
        // 2^53, a run no source can produce, so the test never alarms instead of trapping.
        return 1 + Int(min(c, maximumCutoffExponent))
    }

    /// A test with cutoff C ≥ 2.
    public init(cutoff: Int) throws(HealthTestError) {
        guard cutoff >= 2 else { throw .cutoffOutOfRange(test: "repetition count", cutoff: cutoff) }
        self.cutoff = cutoff
    }

    /// Feeds one sample; returns the alarm it raised, if any.
    @inline(__always)
    public mutating func feed(_ x: UInt8) -> HealthAlarm? {
        let offset = samplesTested
        samplesTested += 1
        if run > 0 && x == value {
            run += 1
            if run >= cutoff {
                let alarm = HealthAlarm(test: .repetitionCount, offset: offset, count: run, start: offset - run + 1, value: x)
                alarmCount += 1
                run = 0
                return alarm
            }
        } else {
            value = x
            run = 1
        }
        return nil
    }

    /// Feeds a buffer of samples, calling `onAlarm` for each alarm in sample order.
    ///
    /// Eight samples at a time: a SWAR compare of each byte with its predecessor gives an 8-bit
    /// "equals previous" mask; only when a run in it (or one continuing from the previous word)
    /// could reach C are the eight samples fed one by one.
    public mutating func feed(_ buffer: UnsafeBufferPointer<UInt8>, onAlarm: (HealthAlarm) -> Void) {
        feed(buffer, reporting: true, onAlarm: onAlarm)
    }

    /// Feeds a buffer, counting its alarms (`alarmCount`) without reporting them. Words of
    /// eight copies of the current value are taken whole even when they alarm: a run of one
    /// value alarms once every C samples (after an alarm the next sample starts a new run of
    /// 1, as a differing one would), so B + 8 samples give ⌊(B + 8)/C⌋ alarms and leave a run of
    /// (B + 8) mod C. A stuck source is then counted at the speed of a clean one.
    public mutating func count(_ buffer: UnsafeBufferPointer<UInt8>) {
        feed(buffer, reporting: false) { _ in }
    }

    @inline(__always)
    private mutating func feed(_ buffer: UnsafeBufferPointer<UInt8>, reporting: Bool, onAlarm: (HealthAlarm) -> Void) {
        guard let base = buffer.baseAddress else { return }
        let n = buffer.count
        var i = 0
        while i < n {
            if run == 0 {
                if let a = feed(base[i]) { onAlarm(a) }
                i += 1
                continue
            }
            // Fast path: the run state is valid and `value` is the previous sample.
            let start = i
            var last = UInt64(value)
            var b = run
            let c = cutoff
            while i + 8 <= n {
                let cur = ZeroByteMask.load(base + i)
                let prev = (cur << 8) | last
                let eq = ZeroByteMask.of(cur ^ prev)
                if eq == 0 {
                    b = 1
                } else {
                    let m = ZeroByteMask.packed(eq)
                    if !reporting && m == 0xFF {
                        // Eight more samples of the run's value (B = 0, a fresh start, counts
                        // the same: its first sample opens a run of 1).
                        var total = b + 8
                        while total >= c {  // no division: at most ⌈8/C⌉ rounds, one for C > 8
                            total -= c
                            alarmCount += 1
                        }
                        b = total
                        last = cur >> 56
                        i += 8
                        continue
                    }
                    let lowOnes = (~m | 0x100).trailingZeroBitCount
                    if b + lowOnes >= c || Int(ZeroByteMask.longestRunOfOnes[Int(m)]) + 1 >= c { break }
                    if m == 0xFF {
                        b += 8
                    } else {
                        // Ones ending at bit 7 extend into the next word.
                        b = (~(m << 24)).leadingZeroBitCount + 1
                    }
                }
                last = cur >> 56
                i += 8
            }
            samplesTested += i - start
            value = UInt8(truncatingIfNeeded: last)
            run = b
            // Up to eight samples one by one: the word that may alarm, or the tail.
            let stop = min(n, i + 8)
            while i < stop {
                if let a = feed(base[i]) { onAlarm(a) }
                i += 1
            }
        }
    }
}
