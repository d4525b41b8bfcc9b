// bench-iid: times the SP 800-90B IID track on sample files (one sample per byte).
//
//   bench-iid [--full] [--jobs N] [--engine size-model|libbz2] [--generate-4bit PATH] FILE...
//
// For each file: the cost of each permutation statistic per permutation (single thread),
// then the whole IID track (wall clock, peak RSS so far), the verdict, what decided it and
// how many permutations each statistic used.
import Foundation
import RandomnessCore
import SP80090B

var full = false
var jobs = Parallel.defaultJobs
var engine = IIDOptions.CompressionEngine.sizeModel
var files: [String] = []
var jsonDirectory: String?
var profile = true
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--full": full = true
    case "--json": jsonDirectory = arguments.popFirst()
    case "--no-profile": profile = false
    case "--jobs": jobs = Int(arguments.popFirst() ?? "") ?? jobs
    case "--engine": engine = IIDOptions.CompressionEngine(rawValue: arguments.popFirst() ?? "") ?? engine
    case "--generate-4bit":
        // 1,000,000 IID 4-bit samples from SplitMix64 (seed 2024), one per byte.
        let path = arguments.popFirst()!
        var state: UInt64 = 2024
        let bytes = (0..<1_000_000).map { _ -> UInt8 in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: (z ^ (z >> 31)) >> 60)
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { fatalError("cannot write \(path)") }
        print("wrote \(path)")
    default: files.append(argument)
    }
}

func peakRSSMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Double(line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0) / 1024
    }
    return 0
}

let clock = ContinuousClock()
/// `text` padded with spaces to `width` characters.
func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// User plus system CPU seconds of this process so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

for file in files {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
    let samples = SampleSequence(samples: bytes, bitsPerSymbol: SampleSequence.inferredBitsPerSymbol(of: bytes))
    print("== \(file): \(bytes.count) samples, \(samples.bitsPerSymbol) bits, jobs \(jobs), engine \(engine.rawValue)\(full ? ", full" : "")")
    if profile {
        print("per-permutation cost (single thread, mean of 3):")
        for cost in try IIDProfiler.statisticCosts(samples: samples, permutations: 3, engine: engine) {
            print("  " + padded(cost.name, 30) + String(format: " %9.2f ms", cost.seconds * 1000))
        }
    }
    var result: IIDResult?
    var phases: [IIDProfiler.Cost] = []
    let cpuBefore = cpuSeconds()
    let elapsed = try clock.measure {
        (result, phases) = try IIDProfiler.phaseTimes(samples: samples, options: IIDOptions(full: full, compressionEngine: engine), jobs: jobs)
    }
    let cpu = cpuSeconds() - cpuBefore
    let r = result!
    if let jsonDirectory {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let name = URL(fileURLWithPath: file).lastPathComponent + (full ? ".full" : "") + ".json"
        try encoder.encode(r).write(to: URL(fileURLWithPath: jsonDirectory).appendingPathComponent(name))
    }
    let p = r.permutationTests!  // IIDProfiler runs the reference schedule: the permutations always run
    print("phases (wall clock):")
    for phase in phases { print("  " + padded(phase.name, 52) + String(format: " %8.3f s", phase.seconds)) }
    print(String(format: "IID track: %.2f s wall, %.2f s CPU (user+system), peak RSS %.0f MB", seconds(elapsed), cpu, peakRSSMegabytes()))
    print("compression engine: \(p.compressionEngine.used.rawValue) (requested \(p.compressionEngine.requested.rawValue); original: libbz2 \(p.compressionEngine.libbz2Original), size model \(p.compressionEngine.sizeModelOriginal.map(String.init) ?? "-"))")
    print("verdict: \(r.isIID ? "IID" : "not IID") (chi-square \(r.chiSquare.passed ? "pass" : "fail"), LRS \(r.longestRepeatedSubstring.passed ? "pass" : "fail"), permutation \(p.passed ? "pass" : "fail"))")
    if let decidedBy = p.decidedBy {
        print("decided by \(decidedBy.rawValue) after \(p.decidedAfterPermutations ?? 0) permutations; not completed: \(p.notCompleted.map(\.rawValue).joined(separator: ", "))")
    }
    print("  statistic                      original      C0     C1     C2   used  status")
    for s in p.statistics {
        print("  " + padded(s.statistic.rawValue, 24) + String(format: " %14.4f %7d %6d %6d %6d  ", s.original,
                     s.greater, s.equal, s.less, s.permutationsUsed) + s.status.rawValue)
    }
}
