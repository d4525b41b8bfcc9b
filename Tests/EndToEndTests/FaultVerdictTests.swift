import AssessmentEngine
import Certification
import Foundation
import Testing

/// `assess` with its default suites on the simulator's faults, as a user runs it: every fault
/// exits 1, the clean simulator exits 0 — also on an input large enough that chance alone
/// raises health-test alarms and SP 800-22 marks (issue 10's inputs: 4 MiB, seed 3).
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct FaultVerdictTests {
    let dir: EndToEndDirectory
    init() throws { dir = try EndToEndDirectory() }

    static let faults: [[String]] = [
        ["--correlation", "0.1"], ["--bias", "0.52"], ["--stuck-at", "0", "--after", "100000"],
        ["--period", "4096"], ["--repeat-block", "65536"], ["--dropout", "4096"],
    ]

    func assess(_ simulate: [String], name: String) throws -> (status: Int32, report: Report) {
        let made = try RNGCertBinary.run(["simulate", "--seed", "3", "--out", name + ".bin"] + simulate, in: dir.path)
        #expect(made.status == 0, "\(made.stderr)")
        let run = try RNGCertBinary.run(["assess", name + ".bin", "--out", name], in: dir.path, timeout: 300)
        let path = dir.path + "/" + name + "/report.json"
        let report = try ReportCoding.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
        return (run.status, report)
    }

    @Test(arguments: faults)
    func everyFaultExits1(fault: [String]) throws {
        let (status, report) = try assess(["--bytes", "4M"] + fault, name: "fault")
        #expect(status == 1, "\(fault): \(report.suites.verdicts.map { "\($0.suite.rawValue) \($0.verdict.rawValue)" })")
        #expect(report.verdict == .fail)
    }

    /// 64 Mi samples expect about 64 chance RCT alarms at α = 2^-20 and SP 800-22 marks a slot
    /// in about a third of such runs: neither may make a good source suspect.
    @Test func aLargeGoodSourcePasses() throws {
        let (status, report) = try assess(["--bytes", "64M"], name: "clean")
        #expect(status == 0)
        #expect(report.verdict == .pass, "\(report.suites.verdicts.map { "\($0.suite.rawValue) \($0.verdict.rawValue)" }) \(report.suites.sp80090b?.reasons ?? [])")
        let health = try #require(report.suites.sp80090b?.healthTests)
        #expect(health.scan.samplesTested == 64 << 20)
        #expect(health.judgement.expectedFalseAlarms > 60)
    }
}
