import Capture
import Foundation
import RandomnessCore
import SP80090B

/// A fresh directory under the system temporary directory, removed when the value dies.
final class CaptureTestDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("rngcert-capture-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
    func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: file(name)))) }
    func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: file(name))) }
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }
    /// Names in the directory, hidden temporary files included.
    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
}

/// A source that follows a script, for the session's retry and end logic: each step gives
/// bytes, ends the stream, or fails. The bytes it gives are the numbered bytes of `data`.
final class ScriptedSource: ByteSource {
    enum Step {
        case bytes(Int)
        case end
        case fail(CaptureSourceError)
    }

    let data: [UInt8]
    private var steps: [Step]
    private var position = 0
    private(set) var recoveries: [Int] = []
    let endIsFailure: Bool
    var record: CaptureSourceRecord { CaptureSourceRecord(kind: .tcp, location: "scripted") }

    init(data: [UInt8], steps: [Step], endIsFailure: Bool = true) {
        self.data = data
        self.steps = steps
        self.endIsFailure = endIsFailure
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int {
        if stop.isRequested { throw .stopped }
        guard !steps.isEmpty else { return 0 }
        switch steps.removeFirst() {
        case let .bytes(n):
            let count = min(n, buffer.count)
            if count < n { steps.insert(.bytes(n - count), at: 0) }
            for k in 0..<count { buffer[k] = data[position + k] }
            position += count
            return count
        case .end:
            return 0
        case let .fail(error):
            throw error
        }
    }

    func hasDataReady() -> Bool { false }
    func recover(after error: CaptureSourceError, offset: Int, stop: StopSignal) throws(CaptureSourceError) {
        recoveries.append(offset)
    }
    func close() {}
}

enum CaptureTestSettings {
    /// The CLI's defaults: full entropy claimed for bytes, α = 2^-40.
    static func health(_ policy: AlarmPolicy = .continue, unit: HealthSampleUnit = .byte, limit: Int = 1000) throws -> CaptureHealthSettings {
        let bits = unit == .bit ? 1 : 8
        return CaptureHealthSettings(
            parameters: try HealthTestParameters(minEntropy: Double(bits), bitsPerSymbol: bits, falsePositiveProbability: 0x1p-40),
            sampleUnit: unit, onAlarm: policy, alarmLimit: limit)
    }

    static let fastRetry = RetryPolicy(maxRetries: 3, initialDelay: 0.001, maxDelay: 0.01)
}
