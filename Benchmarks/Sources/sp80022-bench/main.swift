import Foundation
import RandomnessCore
import SP80022

/// sp80022-bench FILE [--stream-length n] [--streams N] [--jobs j] [--per-test] [--ascii01]
///
/// Runs the SP 800-22 battery (the registered tests) on FILE (raw bytes, MSB first) and
/// prints wall-clock and CPU time in total and per stream; with --per-test, also each test
/// run alone over all streams with the same number of jobs.
struct Arguments {
    var file = ""
    var streamLength = 1_000_000
    var streams: Int? = nil
    var jobs = Parallel.defaultJobs
    var perTest = false
    var ascii = false

    init(_ args: [String]) {
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fatalError("missing value after \(args[i - 1])") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--stream-length", "-n": streamLength = Int(value())!
            case "--streams": streams = Int(value())!
            case "--jobs": jobs = Int(value())!
            case "--per-test": perTest = true
            case "--ascii01": ascii = true
            default: file = args[i]
            }
            i += 1
        }
    }
}

/// Wall-clock and CPU seconds (all threads of the process) spent in `body`.
func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    func clock(_ id: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(id, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let wall0 = clock(CLOCK_MONOTONIC), cpu0 = clock(CLOCK_PROCESS_CPUTIME_ID)
    try body()
    return (clock(CLOCK_MONOTONIC) - wall0, clock(CLOCK_PROCESS_CPUTIME_ID) - cpu0)
}

func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }

MemoryTuning.fixMmapThreshold()  // as rngcert does, so peak RSS is comparable
let arguments = Arguments(Array(CommandLine.arguments.dropFirst()))
guard !arguments.file.isEmpty, let data = FileManager.default.contents(atPath: arguments.file) else {
    FileHandle.standardError.write("usage: sp80022-bench FILE [--stream-length n] [--streams N] [--jobs j] [--per-test] [--ascii01]\n".data(using: .utf8)!)
    exit(2)
}
let bits = try InputDecoder.bits(from: [UInt8](data), options: DecodingOptions(format: arguments.ascii ? .ascii01 : .raw), name: arguments.file)
var parameters = SP80022Parameters()
parameters.streamLength = arguments.streamLength
parameters.streamCount = arguments.streams

var result: SP80022SuiteResult? = nil
let total = try measure { result = try SP80022Battery.run(bits, parameters: parameters, jobs: arguments.jobs) }
let suite = result!
let streamCount = Double(suite.streamCount)
print("battery: \(suite.streamCount) streams x \(suite.streamLength) bits, \(suite.tests.count) tests (\(suite.tests.map(\.rawValue).joined(separator: ","))), jobs \(arguments.jobs), verdict \(suite.verdict.rawValue)")
print(String(format: "  wall %.3f s = %.2f ms/stream; CPU %.3f s = %.2f ms/stream",
             total.wall, total.wall * 1000 / streamCount, total.cpu, total.cpu * 1000 / streamCount))

if arguments.perTest {
    // Each test alone over all streams, the streams spread over the same number of jobs.
    let length = suite.streamLength
    let parameters = parameters
    var sum = (wall: 0.0, cpu: 0.0)
    print("  per test, jobs \(arguments.jobs) (ms/stream):    wall      CPU")
    for id in suite.tests {
        let registration = SP80022Registry.registration(of: id)!
        let t = try measure {
            let outcomes = try Parallel.map(count: suite.streamCount, jobs: arguments.jobs) { s in
                try registration.run(bits.slice(s * length..<(s + 1) * length), parameters: parameters)
            }
            precondition(outcomes.count == suite.streamCount)
        }
        sum.wall += t.wall
        sum.cpu += t.cpu
        print("  " + pad(id.rawValue, 26) + String(format: "%9.3f %9.3f", t.wall * 1000 / streamCount, t.cpu * 1000 / streamCount))
    }
    print("  " + pad("sum", 26) + String(format: "%9.3f %9.3f", sum.wall * 1000 / streamCount, sum.cpu * 1000 / streamCount))
}
