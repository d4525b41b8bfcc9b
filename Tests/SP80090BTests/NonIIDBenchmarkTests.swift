import Foundation
import RandomnessCore
import Testing
@testable import SP80090B

/// Timings of the non-IID track on truerand_8bit.bin (1,000,000 8-bit samples), per estimator
/// and whole. Run with RNGCERT_BENCH=1:
/// `RNGCERT_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter NonIIDBenchmark`.
/// The results are also checked against the reference output, so the timed work is the real one.
@Suite("Non-IID timings", .enabled(if: ProcessInfo.processInfo.environment["RNGCERT_BENCH"] == "1" && NonIIDReferenceData.available, "set RNGCERT_BENCH=1 (needs ../shared/reference)"))
struct NonIIDBenchmarkTests {
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    }

    static func measure<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let cpu0 = cpuSeconds()
        let start = ContinuousClock.now
        let value = try body()
        let wall = ContinuousClock.now - start
        let cpu = cpuSeconds() - cpu0
        let ms = Double(wall.components.seconds) * 1000 + Double(wall.components.attoseconds) / 1e15
        print(String(format: "BENCH %-34@ wall %8.1f ms  user %8.1f ms", label as NSString, ms, cpu * 1000))
        return value
    }

    @Test("per estimator and whole track on truerand_8bit.bin")
    func truerand8() throws {
        // RNGCERT_BENCH_FILE names another reference sample; RNGCERT_BENCH_PATH times any file
        // (without the parity check).
        let name = ProcessInfo.processInfo.environment["RNGCERT_BENCH_FILE"] ?? "truerand_8bit"
        let path = ProcessInfo.processInfo.environment["RNGCERT_BENCH_PATH"]
        let samples = [UInt8](try Data(contentsOf: path.map { URL(fileURLWithPath: $0) } ?? NonIIDReferenceData.sp80090b.appendingPathComponent(name + ".bin")))
        let data = try NonIIDData(samples: samples, subset: nil, bitsPerSymbol: nil)
        let bits = Self.measure("bitstring build") { data.bitstring() }
        let bitInput = Self.measure("bitstring unpack") { EstimatorInput(bits: bits, bytes: nil) }
        let literalInput = data.isBinary ? EstimatorInput(bits: data.literalBits, bytes: data.symbols) : EstimatorInput(symbols: data.symbols, alphabetSize: data.alphabetSize)
        // RNGCERT_BENCH_JOB=bitstring.multiMMC times one job, RNGCERT_BENCH_REPEAT times.
        let only = ProcessInfo.processInfo.environment["RNGCERT_BENCH_JOB"]
        let repeats = Int(ProcessInfo.processInfo.environment["RNGCERT_BENCH_REPEAT"] ?? "1") ?? 1
        for (label, input) in [("literal", literalInput), ("bitstring", bitInput)] where only != "whole" {
            for job in input.jobs where only == nil || only == "\(label).\(job)" {
                for _ in 0..<repeats { _ = Self.measure("\(label) \(job)") { job.run(input) } }
            }
        }
        if only != nil && only != "whole" { return }
        let reference = path == nil ? NonIIDReferenceOutput(text: try String(contentsOf: NonIIDReferenceData.sp80090b.appendingPathComponent(name + ".res"), encoding: .utf8)) : nil
        for jobs in [1, 2] where only == nil || jobs == 2 {
            for _ in 0..<repeats {
                let result = try Self.measure("whole track, jobs \(jobs)") { try NonIIDAssessment.run(samples: samples, jobs: jobs) }
                if let reference { expectNonIIDParity(result, reference, name: name) }
            }
        }
    }
}
