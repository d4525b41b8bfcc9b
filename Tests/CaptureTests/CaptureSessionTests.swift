import Capture
import Crypto
import RandomnessCore
import SP80090B
import Testing

/// The capture session end to end in process: bytes, digest, health alarms against a
/// whole-sequence scan, the stop policy, retries and every way a capture ends.
struct CaptureSessionTests {
    let dir: CaptureTestDirectory
    init() throws { dir = try CaptureTestDirectory() }

    func capture(_ source: any ByteSource, bytes: Int?, health: CaptureHealthSettings, chunkSize: Int = 1 << 16,
                 retry: RetryPolicy = CaptureTestSettings.fastRetry, stop: StopSignal = StopSignal(),
                 name: String = "out.bin") throws -> CaptureToFile.Outcome {
        let output = try AtomicFileStream(path: dir.file(name), overwrite: false)
        let configuration = CaptureConfiguration(byteLimit: bytes, health: health, retry: retry, chunkSize: chunkSize, bufferCount: 3)
        return try CaptureToFile.run(source: source, output: output, configuration: configuration, stop: stop, tool: "test")
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// A faulty stream captured in odd-sized chunks: the file is the generator's bytes, the
    /// digest is theirs, and the alarms are exactly those of one scan over all of them.
    @Test(arguments: [1 << 16, 1000, 4097])
    func alarmsMatchAWholeSequenceScan(chunkSize: Int) throws {
        let faults = SimulatorFaults(onset: 5000, dropoutLength: 30, dropoutInterval: 20_000)
        var reference = try FaultySource(seed: 21, faults: faults)
        let expected = reference.next(300_000)
        let health = try CaptureTestSettings.health(limit: 50)
        let outcome = try capture(SimulatedSource(try FaultySource(seed: 21, faults: faults)), bytes: expected.count,
                                  health: health, chunkSize: chunkSize)
        #expect(try dir.read("out.bin") == expected)
        let m = outcome.manifest
        #expect(m.complete && m.endReason == .complete && m.byteCount == expected.count)
        #expect(m.sha256 == Self.sha256(expected))
        let scan = try HealthTestScan(samples: SampleSequence(samples: expected, bitsPerSymbol: 8), parameters: health.parameters, alarmLimit: 50)
        #expect(m.health.repetitionCountAlarms == scan.repetitionCountAlarms)
        #expect(m.health.adaptiveProportionAlarms == scan.adaptiveProportionAlarms)
        #expect(m.health.alarms == scan.alarms)
        #expect(m.health.alarmsTruncated == scan.alarmsTruncated)
        #expect(m.health.repetitionCountAlarms > 0, "30-zero dropouts must trip the repetition count test (C = 6)")
        #expect(m.health.samplesTested == expected.count)
        #expect(m.health.verdict == .fail)
        #expect(!m.flagged)
        #expect(try CaptureManifest.load(dir.file("out.bin.manifest.json")) == m)
    }

    /// `--on-alarm stop`: the file ends with the sample that raised the first alarm.
    @Test(arguments: [HealthSampleUnit.byte, .bit])
    func stopKeepsBytesUpToTheFirstAlarm(unit: HealthSampleUnit) throws {
        let faults = SimulatorFaults(onset: 70_000, dropoutLength: 64, dropoutInterval: 1)
        var reference = try FaultySource(seed: 2, faults: faults)
        let stream = reference.next(200_000)
        let health = try CaptureTestSettings.health(.stop, unit: unit)
        let outcome = try capture(SimulatedSource(try FaultySource(seed: 2, faults: faults)), bytes: 200_000, health: health, chunkSize: 4096)
        let m = outcome.manifest
        #expect(m.endReason == .healthAlarm && !m.complete)
        #expect(m.health.alarmCount == 1 && m.health.alarms.count == 1)
        let alarm = try #require(m.health.alarms.first)
        let samplesPerByte = unit == .bit ? 8 : 1
        let keptBytes = alarm.offset / samplesPerByte + 1
        #expect(m.byteCount == keptBytes)
        #expect(try dir.read("out.bin") == Array(stream[..<keptBytes]))
        #expect(m.sha256 == Self.sha256(Array(stream[..<keptBytes])))
        // The alarm is the first one a full scan finds.
        let samples = unit == .bit ? stream.flatMap { b in (0..<8).map { (b >> (7 - UInt8($0))) & 1 } } : stream
        let scan = try HealthTestScan(samples: SampleSequence(samples: samples, bitsPerSymbol: unit == .bit ? 1 : 8),
                                      parameters: health.parameters, alarmLimit: 1)
        #expect(scan.alarms.first == alarm)
        #expect(alarm.offset >= 70_000 * samplesPerByte)
    }

    @Test func markFlagsAndContinueDoesNot() throws {
        let faults = SimulatorFaults(dropoutLength: 20, dropoutInterval: 5000)
        let marked = try capture(SimulatedSource(try FaultySource(seed: 1, faults: faults)), bytes: 50_000,
                                 health: try CaptureTestSettings.health(.mark), name: "m.bin")
        #expect(marked.manifest.complete && marked.manifest.flagged && marked.manifest.health.alarmCount > 0)
        let clean = try capture(SimulatedSource(try FaultySource(seed: 1)), bytes: 50_000,
                                health: try CaptureTestSettings.health(.mark), name: "c.bin")
        #expect(clean.manifest.complete && !clean.manifest.flagged && clean.manifest.health.alarmCount == 0)
        #expect(clean.manifest.health.verdict == .pass)
    }

    /// Failures are retried; the bytes before, between and after them all reach the file in
    /// order, and each failure is listed with its offset.
    @Test func retriesLoseNothing() throws {
        let data = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
        let source = ScriptedSource(data: data, steps: [
            .bytes(1000), .fail(.timedOut(source: "s", seconds: 1)), .bytes(2500),
            .fail(.readFailed(source: "s", offset: 3500, reason: "Connection reset by peer")), .end, .bytes(4000),
            .fail(.httpStatus(source: "s", status: 503, body: "")), .bytes(2500),
        ])
        let outcome = try capture(source, bytes: 10_000, health: try CaptureTestSettings.health())
        let m = outcome.manifest
        #expect(m.complete && m.byteCount == 10_000)
        #expect(try dir.read("out.bin") == data)
        #expect(m.retries == 4 && m.errorCount == 4)
        #expect(m.errors.map(\.offset) == [1000, 3500, 3500, 7500])
        #expect(m.errors.allSatisfy { $0.retried })
        #expect(m.errors[2].message.contains("closed by the peer"))
        #expect(source.recoveries == [1000, 3500, 3500, 7500])
    }

    /// After `maxRetries` consecutive failures the capture ends, keeping every byte read.
    @Test func persistentFailureEndsTheCaptureWithTheBytesKept() throws {
        let data = [UInt8](repeating: 0xA5, count: 0) + (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 31) }
        let failure = CaptureSourceError.connectFailed(source: "s", reason: "Connection refused")
        let source = ScriptedSource(data: data, steps: [.bytes(1234), .fail(failure), .fail(failure), .bytes(10), .fail(failure),
                                                         .fail(failure), .fail(failure), .fail(failure), .bytes(100)])
        let outcome = try capture(source, bytes: 5000, health: try CaptureTestSettings.health())
        let m = outcome.manifest
        #expect(!m.complete && m.endReason == .sourceFailed)
        #expect(m.byteCount == 1244)
        #expect(try dir.read("out.bin") == Array(data[..<1244]))
        // Two failures, a success that resets the count, then three retries and a fourth failure that gives up.
        #expect(m.retries == 5 && m.errorCount == 6)
        #expect(m.errors.last?.retried == false)
    }

    @Test func unretryableFailureEndsAtOnce() throws {
        let data = (0..<100).map { UInt8($0) }
        let source = ScriptedSource(data: data, steps: [.bytes(40), .fail(.httpStatus(source: "s", status: 401, body: "bad key")), .bytes(60)])
        let m = try capture(source, bytes: 100, health: try CaptureTestSettings.health()).manifest
        #expect(m.endReason == .sourceFailed && m.byteCount == 40 && m.retries == 0)
        #expect(m.errors.first?.message.contains("401") == true)
    }

    /// A file or pipe that ends early is not retried: its bytes are all there is.
    @Test func sourceThatEndsEarlyIsIncomplete() throws {
        let data = (0..<300).map { UInt8($0 & 0xFF) }
        let m = try capture(ScriptedSource(data: data, steps: [.bytes(300), .end], endIsFailure: false), bytes: 1000,
                            health: try CaptureTestSettings.health()).manifest
        #expect(m.endReason == .sourceEnded && m.byteCount == 300 && m.requestedBytes == 1000 && m.retries == 0)
        let unlimited = try capture(ScriptedSource(data: data, steps: [.bytes(300), .end], endIsFailure: true), bytes: nil,
                                    health: try CaptureTestSettings.health(), name: "u.bin").manifest
        #expect(unlimited.complete && unlimited.byteCount == 300 && unlimited.requestedBytes == nil)
    }

    /// A stop request ends the capture as interrupted, with what was read kept.
    @Test func stopRequestKeepsTheBytes() throws {
        let stop = StopSignal()
        var generator = try FaultySource(seed: 77)
        let expected = generator.next(3 << 16)
        final class StoppingSource: ByteSource {
            let inner: SimulatedSource
            let stop: StopSignal
            var reads = 0
            init(_ inner: SimulatedSource, _ stop: StopSignal) { self.inner = inner; self.stop = stop }
            var record: CaptureSourceRecord { inner.record }
            var endIsFailure: Bool { false }
            func read(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int {
                reads += 1
                if reads == 4 { self.stop.request() }
                return try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, 1 << 16)]), stop: stop)
            }
            func hasDataReady() -> Bool { false }
            func recover(after error: CaptureSourceError, offset: Int, stop: StopSignal) throws(CaptureSourceError) {}
            func close() {}
        }
        let source = StoppingSource(SimulatedSource(try FaultySource(seed: 77)), stop)
        let m = try capture(source, bytes: 10 << 20, health: try CaptureTestSettings.health(), stop: stop).manifest
        #expect(m.endReason == .interrupted && !m.complete)
        #expect(m.signal == nil)
        #expect(m.byteCount == 3 << 16)
        #expect(try dir.read("out.bin") == expected)
    }

    @Test func errorListIsCappedButCounted() throws {
        let failures = (0..<30).map { _ in ScriptedSource.Step.fail(.timedOut(source: "s", seconds: 1)) }
        let steps = failures.flatMap { [$0, ScriptedSource.Step.bytes(1)] }
        let source = ScriptedSource(data: [UInt8](repeating: 1, count: 100), steps: steps)
        let output = try AtomicFileStream(path: dir.file("e.bin"), overwrite: false)
        var configuration = CaptureConfiguration(byteLimit: 30, health: try CaptureTestSettings.health(), retry: CaptureTestSettings.fastRetry)
        configuration.errorLimit = 10
        let m = try CaptureToFile.run(source: source, output: output, configuration: configuration, stop: StopSignal(), tool: "t").manifest
        #expect(m.complete && m.errorCount == 30 && m.errors.count == 10 && m.retries == 30)
    }

    /// The output and its manifest are refused when either exists, and nothing is left behind.
    @Test func existingOutputIsRefused() throws {
        try dir.write("taken.bin", [1, 2, 3])
        let options = CaptureSourceOptions(timeout: 1)
        let configuration = CaptureConfiguration(byteLimit: 10, health: try CaptureTestSettings.health())
        try dir.write("src.bin", Array(repeating: 9, count: 100))
        for name in ["taken.bin", "other.bin"] {
            if name == "other.bin" { try dir.write("other.bin.manifest.json", [1]) }
            let error = #expect(throws: CaptureError.self) {
                _ = try CaptureToFile.run(source: .path(dir.file("src.bin")), sourceOptions: options, to: dir.file(name),
                                          overwrite: false, configuration: configuration, stop: StopSignal(), tool: "t")
            }
            #expect(error?.description.contains("--force") == true)
        }
        #expect(try dir.read("taken.bin") == [1, 2, 3])
        #expect(try dir.names() == ["other.bin.manifest.json", "src.bin", "taken.bin"])
        let forced = try CaptureToFile.run(source: .path(dir.file("src.bin")), sourceOptions: options, to: dir.file("taken.bin"),
                                           overwrite: true, configuration: configuration, stop: StopSignal(), tool: "t")
        #expect(forced.manifest.byteCount == 10)
        #expect(try dir.read("taken.bin") == Array(repeating: 9, count: 10))
    }

    @Test func devicesAndURLsNeedAByteCount() throws {
        let configuration = CaptureConfiguration(byteLimit: nil, health: try CaptureTestSettings.health())
        for spec in [CaptureSourceSpec.path("/dev/urandom"), try CaptureSourceSpec(parsing: "https://example.org/random")] {
            let error = #expect(throws: CaptureError.self) {
                _ = try CaptureToFile.run(source: spec, sourceOptions: CaptureSourceOptions(), to: dir.file("x.bin"), overwrite: false,
                                          configuration: configuration, stop: StopSignal(), tool: "t")
            }
            #expect(error?.description.contains("--bytes") == true)
        }
    }
}
