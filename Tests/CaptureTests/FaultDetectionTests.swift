import Capture
import ENT
import RandomnessCore
import SP80090B
import Testing

/// Each simulated fault run through the suites on main, to show which of them flag it: the
/// clean simulator is flagged by none, and every fault by at least one.
///
/// Suites: ENT (byte and bit mode, `ENTSuiteResult.verdict`) and the continuous health
/// tests (SP 800-90B §4.4 with the capture defaults: H = 8 bits per byte, α = 2^-40).
/// "Flags" means a `.fail` verdict. 1 MiB per sample, seed 2024.
struct FaultDetectionTests {
    static let size = 1 << 20
    static let seed: UInt64 = 2024

    enum Suite: String, CaseIterable, CustomStringConvertible {
        case ent = "ENT"
        case health = "health tests"
        var description: String { rawValue }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let faults: SimulatorFaults
        /// Suites that must flag it (the analysis in the comment of `cases`).
        let expected: Set<String>
        var testDescription: String { name }
    }

    /// Why each suite catches each fault:
    /// - bias 0.52: 2 % more ones — ENT's bit-mode chi-square (z ≈ 116 on 8 Mbit) and byte mode;
    /// - stuck bit 0 from 4 KiB: half the byte values vanish — ENT chi-square;
    /// - correlation 0.1: bytes with few bit changes are (1.1/0.9)^7 ≈ 4× likelier than
    ///   alternating ones — ENT byte chi-square;
    /// - period 4 KiB: every byte count is a multiple of 256 — ENT chi-square ≈ 256 × χ²(4 KiB);
    /// - dropout 256 zeros every ~64 KiB: runs far past the repetition count cutoff C = 6 —
    ///   health tests, and ENT's zero count doubles;
    /// - repeat-block 64: every 64-byte block twice — invisible to byte counts and to the
    ///   health tests; see `repeatedBlocksNeedAnEstimator`.
    static let cases: [Case] = [
        Case(name: "bias 0.52", faults: SimulatorFaults(bias: 0.52), expected: ["ENT"]),
        Case(name: "stuck bit 0 after 4096", faults: SimulatorFaults(onset: 4096, stuckBit: 0), expected: ["ENT"]),
        Case(name: "correlation 0.1", faults: SimulatorFaults(correlation: 0.1), expected: ["ENT"]),
        Case(name: "period 4096", faults: SimulatorFaults(period: 4096), expected: ["ENT"]),
        Case(name: "dropout 256", faults: SimulatorFaults(dropoutLength: 256), expected: ["ENT", "health tests"]),
    ]

    /// The suites' verdicts on `bytes`.
    static func verdicts(_ bytes: [UInt8]) throws -> [Suite: Verdict] {
        var ent = ENTAccumulator()
        ent.add(bytes)
        let parameters = try HealthTestParameters(minEntropy: 8, bitsPerSymbol: 8, falsePositiveProbability: 0x1p-40)
        let health = try HealthTestScan(samples: SampleSequence(samples: bytes, bitsPerSymbol: 8), parameters: parameters)
        return [.ent: ent.suiteResult().verdict, .health: health.verdict]
    }

    static func sample(_ faults: SimulatorFaults) throws -> [UInt8] {
        var source = try FaultySource(seed: seed, faults: faults)
        return source.next(size)
    }

    @Test func cleanSimulatorPassesEverySuite() throws {
        let verdicts = try Self.verdicts(try Self.sample(SimulatorFaults()))
        for (suite, verdict) in verdicts {
            #expect(verdict != .fail, "\(suite) flags the clean simulator")
        }
        #expect(verdicts[.health] == .pass)
    }

    @Test(arguments: cases)
    func faultIsFlagged(_ fault: Case) throws {
        let verdicts = try Self.verdicts(try Self.sample(fault.faults))
        let flagging = Set(verdicts.filter { $0.value == .fail }.map(\.key.rawValue))
        #expect(!flagging.isEmpty, "\(fault.name) is flagged by no suite")
        #expect(fault.expected.isSubset(of: flagging), "\(fault.name): flagged by \(flagging.sorted()), expected \(fault.expected.sorted())")
    }
}
