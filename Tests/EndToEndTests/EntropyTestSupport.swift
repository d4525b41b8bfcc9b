import RandomnessCore
import Foundation

/// Where the SP 800-90B fixtures and the shared reference data are, for the end-to-end tests.
enum EntropyFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// ea_non_iid outputs on generated inputs (Fixtures/sp800-90b/README.md).
    static let nonIID = packageRoot.appendingPathComponent("Fixtures/sp800-90b")
    static let iid = packageRoot.appendingPathComponent("Fixtures/sp800-90b-iid")
    static let restart = packageRoot.appendingPathComponent("Fixtures/sp800-90b-restart")
    static let conditioning = packageRoot.appendingPathComponent("Fixtures/sp800-90b-conditioning")

    /// `../shared/reference/sp800-90b` beside the package root (for a worktree nested deeper,
    /// the nearest ancestor's).
    static let sharedReference: URL = {
        var directory = packageRoot.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/reference/sp800-90b")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference/sp800-90b")
    }()
    static var sharedReferenceAvailable: Bool {
        FileManager.default.fileExists(atPath: sharedReference.appendingPathComponent("rand8_short.bin").path)
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }
}

/// The figures of a verbose output in the reference's style: "label = value" lines (anything
/// after the number, such as " / 8 bit(s)", ignored) and the "Assessed min entropy: value" /
/// "H_original: value" lines, by label, plus the other lines.
struct PrintedFigures {
    var values: [String: Double] = [:]
    var labels: [String] = []
    var lines: [String] = []

    init(_ text: String) {
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            lines.append(line)
            let separator = line.range(of: " = ")
                ?? ((line.hasPrefix("Assessed min entropy: ") || line.hasPrefix("H_original: ")) ? line.range(of: ": ") : nil)
            guard let separator, let value = Double(line[separator.upperBound...].prefix { $0 != " " }) else { continue }
            let label = String(line[..<separator.lowerBound])
            labels.append(label)
            values[label] = value
        }
    }
}

/// `value` within `tolerance` of `reference`, relative to the reference's magnitude.
func agrees(_ value: Double, _ reference: Double, tolerance: Double = 1e-6) -> Bool {
    value == reference || abs(value - reference) <= tolerance * max(abs(reference), Double.leastNormalMagnitude)
}

/// The generated restart datasets of Fixtures/sp800-90b-restart/generate.py (SplitMix64 with
/// its fixed seeds), checked against the FNV-1a-64 hashes generate.py prints.
enum RestartDatasets {
    static let count = 1_000_000

    static func splitMix(_ seed: UInt64) -> () -> UInt64 {
        var generator = SplitMix64(seed: seed)
        return { generator.next() }
    }

    static let hashes: [String: UInt64] = ["good8": 0xB724_741C_85CA_0EB0, "stuckfirst8": 0xDFEF_3A6C_3B04_8D0A, "good1": 0x1ECF_C6F0_0FA2_AD33]

    static func bytes(_ name: String) -> [UInt8] {
        switch name {
        case "good8":
            let next = splitMix(0x5EED_0001)
            return (0..<count).map { _ in UInt8(next() >> 56) }
        case "stuckfirst8":
            let next = splitMix(0x5EED_0003)
            return (0..<count).map { k in
                let x = UInt8(next() >> 56)
                return k % 1000 == 0 ? 0 : x
            }
        case "good1":
            let next = splitMix(0x5EED_0004)
            return (0..<count).map { _ in UInt8(next() >> 63) }
        default:
            preconditionFailure("no generated dataset \(name)")
        }
    }

    static func fnv1a64(_ data: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    /// The recorded ea_restart run of that name (expected.json).
    static func run(_ name: String) throws -> [String: Any] {
        let runs = try EntropyFixtures.json(EntropyFixtures.restart.appendingPathComponent("expected.json"))["runs"] as! [[String: Any]]
        return runs.first { $0["name"] as? String == name }!
    }
}
