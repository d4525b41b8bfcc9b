import RandomnessCore
import SP80090B

/// Runs the continuous health tests (`HealthMonitor`) over the captured bytes as they
/// arrive, counts and keeps alarms, and applies the stop policy.
struct CaptureHealthRecorder {
    let settings: CaptureHealthSettings
    private var monitor: HealthMonitor
    private(set) var repetitionCountAlarms = 0
    private(set) var adaptiveProportionAlarms = 0
    private(set) var alarms: [HealthAlarm] = []
    private(set) var samplesTested = 0
    /// Set once `.stop` has cut the capture; later bytes are not tested.
    private(set) var stopped = false
    /// Scratch space for unpacked bit samples.
    private var bits: UnsafeMutableBufferPointer<UInt8>

    init(settings: CaptureHealthSettings, chunkSize: Int) throws(HealthTestError) {
        self.settings = settings
        monitor = try HealthMonitor(parameters: settings.parameters)
        bits = .allocate(capacity: settings.sampleUnit == .bit ? chunkSize * 8 : 0)
    }

    /// Frees the scratch space; the recorder must not be fed afterwards.
    func deallocate() { bits.deallocate() }

    var alarmCount: Int { repetitionCountAlarms + adaptiveProportionAlarms }

    /// Tests `chunk`. Returns how many of its bytes to keep: all of them, or, under
    /// `.stop`, the bytes up to and including the one holding the first alarming sample.
    mutating func feed(_ chunk: UnsafeRawBufferPointer) -> Int {
        guard !stopped, chunk.count > 0 else { return stopped ? 0 : chunk.count }
        let samples: UnsafeBufferPointer<UInt8>
        let samplesPerByte: Int
        switch settings.sampleUnit {
        case .byte:
            samples = chunk.assumingMemoryBound(to: UInt8.self)
            samplesPerByte = 1
        case .bit:
            Self.unpack(chunk, into: bits)
            samples = UnsafeBufferPointer(rebasing: bits[0..<chunk.count * 8])
            samplesPerByte = 8
        }
        let base = samplesTested
        var cutSample: Int? = nil
        let stopAtFirst = settings.onAlarm == .stop
        let limit = settings.alarmLimit
        // Locals, not properties: the closure runs while `monitor` (part of self) is mutated.
        var rct = repetitionCountAlarms, apt = adaptiveProportionAlarms
        if !stopAtFirst && alarms.count >= limit {
            // Every detail the manifest keeps is in hand: count the rest (a stuck source at full speed).
            let before = (monitor.repetitionCount.alarmCount, monitor.adaptiveProportion.alarmCount)
            monitor.count(samples)
            repetitionCountAlarms += monitor.repetitionCount.alarmCount - before.0
            adaptiveProportionAlarms += monitor.adaptiveProportion.alarmCount - before.1
            samplesTested += samples.count
            return chunk.count
        }
        var kept = alarms
        alarms = []
        monitor.feed(samples) { alarm in
            if cutSample != nil { return }
            switch alarm.test {
            case .repetitionCount: rct += 1
            case .adaptiveProportion: apt += 1
            }
            if kept.count < limit { kept.append(alarm) }
            if stopAtFirst { cutSample = alarm.offset - base }
        }
        repetitionCountAlarms = rct
        adaptiveProportionAlarms = apt
        alarms = kept
        guard let cutSample else {
            samplesTested += samples.count
            return chunk.count
        }
        stopped = true
        let keptBytes = cutSample / samplesPerByte + 1
        samplesTested += keptBytes * samplesPerByte
        return keptBytes
    }

    func summary() -> CaptureHealthSummary {
        CaptureHealthSummary(
            parameters: settings.parameters, sampleUnit: settings.sampleUnit, onAlarm: settings.onAlarm,
            samplesTested: samplesTested, repetitionCountAlarms: repetitionCountAlarms,
            adaptiveProportionAlarms: adaptiveProportionAlarms, alarms: alarms, alarmLimit: settings.alarmLimit,
            alarmsTruncated: alarmCount > alarms.count, verdict: alarmCount == 0 ? .pass : .fail)
    }

    /// Each byte as eight one-bit samples, most significant bit first.
    static func unpack(_ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) {
        let raw = UnsafeMutableRawPointer(out.baseAddress!)
        for (i, b) in bytes.enumerated() {
            raw.storeBytes(of: bitLanes[Int(b)].littleEndian, toByteOffset: i * 8, as: UInt64.self)
        }
    }

    /// For each byte value, its bits MSB first as the bytes of a little-endian word.
    static let bitLanes: [UInt64] = (0..<256).map { b in
        var word: UInt64 = 0
        for k in 0..<8 where b & (0x80 >> k) != 0 { word |= 1 << (8 * UInt64(k)) }
        return word
    }
}
