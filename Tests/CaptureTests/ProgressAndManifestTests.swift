import Capture
import Foundation
import RandomnessCore
import SP80090B
import Testing

struct ProgressAndManifestTests {
    @Test func sizesRatesAndDurations() {
        #expect(ByteFormat.size(512) == "512 B")
        #expect(ByteFormat.size(1536) == "1.5 KiB")
        #expect(ByteFormat.size(1 << 30) == "1.0 GiB")
        #expect(ByteFormat.rate(851_705_856) == "812.3 MiB/s")
        #expect(ByteFormat.duration(7) == "0:07")
        #expect(ByteFormat.duration(754) == "12:34")
        #expect(ByteFormat.duration(3723) == "1:02:03")
    }

    @Test func barAndLine() {
        let p = CaptureProgress(bytes: 256 << 20, target: 1 << 30, elapsed: 2, alarms: 3, retries: 1)
        #expect(CaptureProgressDisplay.bar(p, width: 8) == "[##......]   25%  256.0 MiB / 1.0 GiB  128.0 MiB/s  ETA 0:06  alarms 3  retries 1")
        #expect(CaptureProgressDisplay.line(p) == "256.0 MiB of 1.0 GiB (25%), 128.0 MiB/s, ETA 0:06, 3 health alarms, 1 retry")
        let open = CaptureProgress(bytes: 1024, target: nil, elapsed: 1, alarms: 1, retries: 0, finished: true)
        #expect(CaptureProgressDisplay.line(open) == "1.0 KiB, 1.0 KiB/s, 1 health alarm (done)")
    }

    /// Progress goes to the descriptor given: plain lines when it is not a terminal.
    @Test func plainLinesWhenNotATerminal() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let display = CaptureProgressDisplay(quiet: false, interval: 10, fd: fds[1])
        #expect(display.style == .lines)
        display.show(CaptureProgress(bytes: 10, target: 100, elapsed: 20, alarms: 0, retries: 0))
        display.show(CaptureProgress(bytes: 20, target: 100, elapsed: 21, alarms: 0, retries: 0))  // within the interval: no line
        display.show(CaptureProgress(bytes: 20, target: 100, elapsed: 22, alarms: 0, retries: 1, note: "retrying"))
        display.show(CaptureProgress(bytes: 100, target: 100, elapsed: 23, alarms: 0, retries: 1, finished: true))
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(fds[0], &buffer, buffer.count)
        close(fds[0])
        let lines = String(decoding: buffer[0..<max(0, n)], as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("capture: 10 B of 100 B (10%)"))
        #expect(lines[1] == "capture: retrying")
        #expect(lines[2].hasSuffix("(done)"))
        #expect(CaptureProgressDisplay(quiet: true, interval: 1, fd: fds[1]).style == .none)
    }

    /// The manifest's JSON is stable (sorted keys), round-trips, and matches bytes by
    /// SHA-256 and count only.
    @Test func manifestRoundTrip() throws {
        let parameters = try HealthTestParameters(minEntropy: 8, bitsPerSymbol: 8, falsePositiveProbability: 0x1p-40)
        let health = CaptureHealthSummary(
            parameters: parameters, sampleUnit: .byte, onAlarm: .mark, samplesTested: 10, repetitionCountAlarms: 1,
            adaptiveProportionAlarms: 0, alarms: [HealthAlarm(test: .repetitionCount, offset: 7, count: 6, start: 2, value: 0)],
            alarmLimit: 1000, alarmsTruncated: false, verdict: .fail)
        let result = CaptureResult(
            startedAt: "2026-11-21T20:58:03.125Z", finishedAt: "2026-11-21T20:58:04.000Z", seconds: 0.875, byteCount: 10,
            sha256: String(repeating: "ab", count: 32), chunkCount: 2, retries: 1,
            errors: [CaptureErrorRecord(at: "2026-11-21T20:58:03.500Z", offset: 4, message: "x: timeout", retried: true)],
            errorCount: 1, endReason: .complete, signal: nil, health: health)
        let manifest = CaptureManifest(tool: "rngcert 0.1.0", source: CaptureSourceRecord(kind: .tcp, location: "tcp://h:1"),
                                       file: "c.bin", requestedBytes: 10, result: result)
        #expect(manifest.complete && manifest.flagged)
        let json = try manifest.encoded()
        #expect(try manifest.encoded() == json)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"endReason\" : \"complete\""))
        #expect(text.firstRange(of: "\"byteCount\"")!.lowerBound < text.firstRange(of: "\"tool\"")!.lowerBound)
        let dir = try CaptureTestDirectory()
        try dir.write("c.bin.manifest.json", json)
        #expect(try CaptureManifest.load(dir.file("c.bin.manifest.json")) == manifest)
        #expect(manifest.describes(byteCount: 10, sha256: String(repeating: "AB", count: 32)))
        #expect(!manifest.describes(byteCount: 11, sha256: manifest.sha256))
        #expect(!manifest.describes(byteCount: 10, sha256: String(repeating: "ac", count: 32)))

        try dir.write("bad.json", Array("{\"schemaVersion\": 99}".utf8))
        #expect(throws: CaptureManifestError.unknownSchemaVersion(path: dir.file("bad.json"), version: 99)) {
            _ = try CaptureManifest.load(dir.file("bad.json"))
        }
        #expect(throws: CaptureManifestError.self) { _ = try CaptureManifest.load(dir.file("missing.json")) }
    }
}
