import Foundation
import Testing
import RandomnessCore
@testable import SP80090B

/// A run is reproducible from its seed: the counters recorded before the IID performance work
/// (Fixtures/sp800-90b-iid/README.md) must come out again, whatever the implementation and jobs.
@Suite("IID permutation counters reproduce the recorded seeded runs")
struct IIDSeededCountersTests {
    static let fixture = IIDReferenceData.packageRoot.appendingPathComponent("Fixtures/sp800-90b-iid/seeded-permutation-counters.json")
    static let inputs = IIDReferenceData.packageRoot.appendingPathComponent("Fixtures/sp800-90b")

    @Test("counters, statuses, originals and decisions equal the recorded runs (1 and 2 jobs)")
    func recordedRuns() throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture)) as! [String: Any]
        let runs = object["runs"] as! [[String: Any]]
        #expect(runs.count >= 10)
        for (index, run) in runs.enumerated() {
            let file = run["file"] as! String
            let full = run["full"] as! Bool
            let bytes = [UInt8](try Data(contentsOf: Self.inputs.appendingPathComponent(file)))
            let samples = SampleSequence(samples: bytes, bitsPerSymbol: run["bitsPerSymbol"] as! Int)
            let options = IIDOptions(seed: (run["seed"] as! NSNumber).uint64Value, full: full)
            // Alternate the job count so both the serial and the parallel paths are pinned.
            let result = try IIDAssessment.run(samples: samples, options: options, jobs: index % 2 + 1)
            let p = try #require(result.permutationTests, "\(file)")
            let label = "\(file)\(full ? " full" : "")"
            #expect(p.passed == run["passed"] as! Bool, "\(label)")
            #expect(p.decidedBy?.rawValue == run["decidedBy"] as? String, "\(label)")
            #expect(p.decidedAfterPermutations == run["decidedAfterPermutations"] as? Int, "\(label)")
            #expect(p.compressionEngine.used == .sizeModel, "\(label): \(p.compressionEngine)")
            let counters = run["statistics"] as! [String: [Any]]
            let originals = run["originals"] as! [String: String]
            for s in p.statistics {
                let expected = counters[s.statistic.rawValue]!
                let got: [String] = [String(s.greater), String(s.equal), String(s.less), String(s.permutationsUsed), s.status.rawValue]
                #expect(got == expected.map { "\($0)" }, "\(label) \(s.statistic.rawValue)")
                #expect(s.original == Double(originals[s.statistic.rawValue]!)!, "\(label) \(s.statistic.rawValue) original")
            }
        }
    }
}
