/// Both continuous health tests (SP 800-90B §4.4) over one stream of samples, fed in samples
/// or buffers of any size; alarms come out in sample order (at one offset, the Repetition Count
/// Test's first) and do not depend on the chunking.
public struct HealthMonitor: Sendable {
    public let parameters: HealthTestParameters
    public private(set) var repetitionCount: RepetitionCountTest
    public private(set) var adaptiveProportion: AdaptiveProportionTest

    /// Buffers are run through both tests in blocks of this many samples, so that the second
    /// pass reads from cache.
    static let blockSize = 1 << 16

    public init(parameters: HealthTestParameters) throws(HealthTestError) {
        self.parameters = parameters
        repetitionCount = try RepetitionCountTest(cutoff: parameters.repetitionCountCutoff)
        adaptiveProportion = try AdaptiveProportionTest(windowSize: parameters.adaptiveProportionWindow,
                                                        cutoff: parameters.adaptiveProportionCutoff)
    }

    /// Samples fed so far.
    public var samplesTested: Int { repetitionCount.samplesTested }
    /// Alarms of both tests so far.
    public var alarmCount: Int { repetitionCount.alarmCount + adaptiveProportion.alarmCount }

    /// Feeds one sample, calling `onAlarm` for each alarm it raised.
    @inline(__always)
    public mutating func feed(_ x: UInt8, onAlarm: (HealthAlarm) -> Void) {
        if let a = repetitionCount.feed(x) { onAlarm(a) }
        if let a = adaptiveProportion.feed(x) { onAlarm(a) }
    }

    /// Feeds a buffer, calling `onAlarm` for each alarm in sample order.
    public mutating func feed(_ buffer: UnsafeBufferPointer<UInt8>, onAlarm: (HealthAlarm) -> Void) {
        var start = 0
        while start < buffer.count {
            let block = UnsafeBufferPointer(rebasing: buffer[start..<min(buffer.count, start + Self.blockSize)])
            var rct: [HealthAlarm] = []
            var apt: [HealthAlarm] = []
            repetitionCount.feed(block) { rct.append($0) }
            adaptiveProportion.feed(block) { apt.append($0) }
            if rct.isEmpty {
                apt.forEach(onAlarm)
            } else if apt.isEmpty {
                rct.forEach(onAlarm)
            } else {
                // Merge by offset, the Repetition Count Test first on ties.
                var r = 0, a = 0
                while r < rct.count || a < apt.count {
                    if a == apt.count || (r < rct.count && rct[r].offset <= apt[a].offset) {
                        onAlarm(rct[r]); r += 1
                    } else {
                        onAlarm(apt[a]); a += 1
                    }
                }
            }
            start += Self.blockSize
        }
    }

    /// Feeds a buffer, counting the alarms of both tests (`repetitionCount.alarmCount`,
    /// `adaptiveProportion.alarmCount`) without reporting them: for a caller that already
    /// holds all the alarm details it keeps. Long runs of one value (a stuck source) are
    /// taken in bulk.
    public mutating func count(_ buffer: UnsafeBufferPointer<UInt8>) {
        repetitionCount.count(buffer)
        adaptiveProportion.count(buffer)
    }

    /// Feeds an array of samples and returns the alarms it raised.
    public mutating func feed(_ samples: [UInt8]) -> [HealthAlarm] {
        var alarms: [HealthAlarm] = []
        samples.withUnsafeBufferPointer { feed($0) { alarms.append($0) } }
        return alarms
    }
}
