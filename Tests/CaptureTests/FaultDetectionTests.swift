import Capture
import ENT
import RandomnessCore
import SP80022
import SP80090B
import Testing

/// Each simulated fault run through every suite on main, to show which of them flag it: the clean
/// simulator is flagged by none, and every fault by at least one (each case lists the suites
/// that must flag it).
///
/// Samples: 1 MiB from seed 2024 (8 streams of 10^6 bits for SP 800-22); SP 800-90B gets the
/// first 256 KiB (its estimators are the slow part). A suite flags a sample when:
/// - ENT: its verdict (byte and bit mode chi-square) is `.fail`;
/// - health tests: any alarm (SP 800-90B §4.4 with the capture defaults H = 8, α = 2^-40);
/// - SP 800-22: the battery's verdict is `.fail` (default parameters, STS 2.1.2);
/// - SP 800-90B: the suite's verdict (`SP80090BSuite`: non-IID track, initial estimate, and
///   its health tests) is `.fail` for a claimed min-entropy of 6 bits per byte — the clean
///   simulator assesses at about 6.8 at this size (the estimators are conservative; a
///   full-entropy claim of 8 would fail even a perfect source of 256 KiB). The IID track is
///   left out: it only informs without an IID claim, and costs the most.
struct FaultDetectionTests {
    static let size = 1 << 20
    static let sp80090bSize = 1 << 18
    static let seed: UInt64 = 2024
    static let claimedEntropy = 6.0

    enum Suite: String, CaseIterable, Comparable {
        case ent = "ENT"
        case health = "health tests"
        case sp80022 = "SP 800-22"
        case sp80090b = "SP 800-90B"
        static func < (a: Suite, b: Suite) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let faults: SimulatorFaults
        let mustFlag: Set<Suite>
        var testDescription: String { name }
    }

    /// Why the suites catch each fault:
    /// - bias 0.52: 2 % more ones — frequency tests (ENT bit mode, SP 800-22 Frequency and friends);
    /// - stuck bit 0 from 4 KiB: half the byte values vanish — ENT chi-square, SP 800-22,
    ///   and SP 800-90B (a byte carries at most 7 bits);
    /// - correlation 0.1: bytes with few bit changes are (1.1/0.9)^7 ≈ 4× likelier than
    ///   alternating ones — ENT, SP 800-22 Runs, SP 800-90B predictors;
    /// - period 4 KiB: every byte count is a multiple of 256 — ENT; the cycle — SP 800-22,
    ///   and SP 800-90B's longest repeated substring;
    /// - dropout 256 zeros every ~64 KiB: runs far past the repetition count cutoff C = 6 —
    ///   health tests; ENT's zero count doubles; SP 800-22; SP 800-90B;
    /// - repeat-block 64: every 64-byte block twice — no run grows (the health tests are blind
    ///   to it), but every byte count is doubled, so ENT's chi-square doubles (≈ 510 on 255
    ///   degrees of freedom); SP 800-22's pattern tests and SP 800-90B's lag predictor see it.
    static let cases: [Case] = [
        Case(name: "bias 0.52", faults: SimulatorFaults(bias: 0.52), mustFlag: [.ent, .sp80022]),
        Case(name: "stuck bit 0 after 4096", faults: SimulatorFaults(onset: 4096, stuckBit: 0), mustFlag: [.ent, .sp80022, .sp80090b]),
        Case(name: "correlation 0.1", faults: SimulatorFaults(correlation: 0.1), mustFlag: [.ent, .sp80022, .sp80090b]),
        Case(name: "period 4096", faults: SimulatorFaults(period: 4096), mustFlag: [.ent, .sp80022, .sp80090b]),
        Case(name: "dropout 256", faults: SimulatorFaults(dropoutLength: 256), mustFlag: [.ent, .health, .sp80022, .sp80090b]),
        Case(name: "repeat-block 64", faults: SimulatorFaults(repeatBlock: 64), mustFlag: [.ent, .sp80022, .sp80090b]),
    ]

    /// The suites that flag `bytes`, and the SP 800-90B assessment.
    static func flags(_ bytes: [UInt8]) throws -> (flagged: Set<Suite>, minEntropy: Double) {
        var flagged = Set<Suite>()
        var ent = ENTAccumulator()
        ent.add(bytes)
        if ent.suiteResult().verdict == .fail { flagged.insert(.ent) }
        let parameters = try HealthTestParameters(minEntropy: 8, bitsPerSymbol: 8, falsePositiveProbability: 0x1p-40)
        let health = try HealthTestScan(samples: SampleSequence(samples: bytes, bitsPerSymbol: 8), parameters: parameters)
        if health.verdict == .fail { flagged.insert(.health) }
        let battery = try SP80022Battery.run(BitSequence(bytes: bytes), jobs: 2)
        if battery.verdict == .fail { flagged.insert(.sp80022) }
        let sp80090b = try SP80090BSuite.run(
            samples: Array(bytes.prefix(sp80090bSize)),
            parameters: SP80090BParameters(nonIID: NonIIDOptions(bitsPerSymbol: 8), runIIDTrack: false, claimedEntropy: claimedEntropy,
                                           healthTestFalsePositiveProbability: 0x1p-40),
            jobs: 2)
        if sp80090b.verdict == .fail { flagged.insert(.sp80090b) }
        return (flagged, sp80090b.assessedMinEntropy ?? 0)
    }

    static func sample(_ faults: SimulatorFaults) throws -> [UInt8] {
        var source = try FaultySource(seed: seed, faults: faults)
        return source.next(size)
    }

    @Test func cleanSimulatorIsFlaggedByNoSuite() throws {
        let (flagged, h) = try Self.flags(try Self.sample(SimulatorFaults()))
        #expect(flagged.isEmpty, "clean simulator flagged by \(flagged.sorted().map(\.rawValue))")
        #expect(h > Self.claimedEntropy + 0.5, "SP 800-90B assessed \(h) bits per byte")
    }

    @Test(arguments: cases)
    func faultIsFlagged(_ fault: Case) throws {
        let (flagged, h) = try Self.flags(try Self.sample(fault.faults))
        let names = flagged.sorted().map(\.rawValue)
        print("fault \(fault.name): flagged by \(names.joined(separator: ", ")); SP 800-90B min-entropy \(h)")
        #expect(!flagged.isEmpty, "\(fault.name) is flagged by no suite")
        #expect(fault.mustFlag.isSubset(of: flagged), "\(fault.name): flagged by \(names), expected \(fault.mustFlag.sorted().map(\.rawValue))")
    }
}
