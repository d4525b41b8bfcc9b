import Foundation
import RandomnessCore
@testable import SP80090B

/// The restart-test inputs of Fixtures/sp800-90b-restart, regenerated exactly as
/// Fixtures/sp800-90b-restart/generate.py writes them (SplitMix64, fixed seeds), and the
/// reference outputs recorded there (expected.json).
enum RestartFixtureData {
    static let count = RestartMatrix.restarts * RestartMatrix.samplesPerRestart

    /// The generated row datasets by name, with their FNV-1a-64 hashes as generate.py prints them.
    static let hashes: [String: UInt64] = [
        "good8": 0xB724_741C_85CA_0EB0, "biased8": 0x3129_B478_6A30_09C2, "stuckfirst8": 0xDFEF_3A6C_3B04_8D0A,
        "good1": 0x1ECF_C6F0_0FA2_AD33, "counter8": 0x5557_3E0E_E9A7_D575,
    ]

    static func bytes(_ name: String) -> [UInt8] {
        switch name {
        case "good8":
            var g = SplitMix64(seed: 0x5EED_0001)
            return (0..<count).map { _ in UInt8(g.next() >> 56) }
        case "biased8":
            var g = SplitMix64(seed: 0x5EED_0002)
            return (0..<count).map { _ in
                let x = g.next()
                return x >> 60 == 0 ? 0 : UInt8(truncatingIfNeeded: x)
            }
        case "stuckfirst8":
            var g = SplitMix64(seed: 0x5EED_0003)
            return (0..<count).map { k in
                let x = UInt8(g.next() >> 56)
                return k % RestartMatrix.samplesPerRestart == 0 ? 0 : x
            }
        case "good1":
            var g = SplitMix64(seed: 0x5EED_0004)
            return (0..<count).map { _ in UInt8(g.next() >> 63) }
        case "counter8":
            var g = SplitMix64(seed: 0x5EED_0005)
            var out: [UInt8] = []
            out.reserveCapacity(count)
            for _ in 0..<RestartMatrix.restarts {
                let s = UInt8(g.next() >> 56)
                for j in 0..<RestartMatrix.samplesPerRestart { out.append(s &+ UInt8(truncatingIfNeeded: j)) }
            }
            return out
        default:
            preconditionFailure("no generated dataset \(name)")
        }
    }

    static func fnv1a64(_ data: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    // MARK: Locations

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtureDirectory = packageRoot.appendingPathComponent("Fixtures/sp800-90b-restart")
    static let sharedReference = packageRoot.appendingPathComponent("../shared/reference/sp800-90b").standardized
    static var sharedReferenceAvailable: Bool {
        FileManager.default.fileExists(atPath: sharedReference.appendingPathComponent("truerand_8bit.bin").path)
    }

    /// The row dataset of a run: generated, or read from the shared reference data.
    static func rowDataset(for run: ReferenceRun) throws -> [UInt8] {
        if run.shared_reference {
            return [UInt8](try Data(contentsOf: sharedReference.appendingPathComponent(run.file)))
        }
        return bytes(String(run.file.dropLast(4)))
    }

    // MARK: Reference outputs

    struct Expected: Decodable {
        var source: String
        var runs: [ReferenceRun]
    }

    struct MCV: Decodable {
        var mode_count: Int
        var min_entropy: Double
    }

    struct ReferenceEstimate: Decodable {
        var estimator: String
        var h_r: Double?
        var h_c: Double?
    }

    /// One ea_restart run as parse_reference.py records it.
    struct ReferenceRun: Decodable {
        var name: String
        var file: String
        var shared_reference: Bool
        var args: [String]
        var track: String
        var h_i: Double
        var complete: Bool
        var bits_per_symbol: Int?
        var distinct_symbols: Int?
        var x_cutoff: Int?
        var x_max: Int?
        var sanity_passed: Bool?
        var mcv: [String: MCV]?
        var iid_checks: [String: Bool]?
        var validation_passed: Bool?
        var h_r: Double?
        var h_c: Double?
        var estimates: [ReferenceEstimate]?
        var assertion_failed: String?
        var exit_code: Int?

        var bitsPerSymbol: Int { Int(args[args.count - 2])! }
    }

    static let expected: Expected = {
        let url = fixtureDirectory.appendingPathComponent("expected.json")
        // The fixture is part of the repository; a missing or broken file is a test failure.
        guard let data = try? Data(contentsOf: url), let e = try? JSONDecoder().decode(Expected.self, from: data) else {
            return Expected(source: "missing \(url.path)", runs: [])
        }
        return e
    }()
}
