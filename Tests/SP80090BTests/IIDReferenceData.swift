import Foundation
import RandomnessCore

/// Locations of the shared reference data and the IID fixture, relative to the package root.
enum IIDReferenceData {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared/reference/sp800-90b` beside the package root; for a worktree nested deeper
    /// (e.g. /work/wt/NAME), the nearest ancestor's `shared/reference/sp800-90b`.
    static let referenceDirectory: URL = {
        var directory = packageRoot.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/reference/sp800-90b")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference/sp800-90b")
    }()
    static let fixture = packageRoot.appendingPathComponent("Fixtures/sp800-90b-iid/ea_iid-vv.json")

    /// True when ../shared/reference/sp800-90b is present.
    static var available: Bool {
        FileManager.default.fileExists(atPath: referenceDirectory.appendingPathComponent("rand4_short.bin").path)
    }

    /// One sample per byte, bits per symbol inferred as ea_iid does.
    static func samples(_ file: String) throws -> SampleSequence {
        let bytes = [UInt8](try Data(contentsOf: referenceDirectory.appendingPathComponent(file)))
        return SampleSequence(samples: bytes, bitsPerSymbol: SampleSequence.inferredBitsPerSymbol(of: bytes))
    }

    /// The runs recorded in the fixture (see Fixtures/sp800-90b-iid/README.md).
    static func runs() throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as! [String: Any]
        return object["runs"] as! [[String: Any]]
    }

    /// Files with an expected/*.iid.json, and the three flags ea_iid wrote there.
    static func expectedVerdicts() throws -> [(file: String, chiSquare: Bool, lrs: Bool, permutation: Bool)] {
        let dir = referenceDirectory.appendingPathComponent("expected")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".iid.json") }.sorted()
        return try names.map { name in
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(name))) as! [String: Any]
            let testCase = (object["testCases"] as! [[String: Any]])[0]
            return (String(name.dropLast(".iid.json".count)) + ".bin",
                    testCase["passedChiSquareTests"] as! Bool,
                    testCase["passedLongestRepeatedSubstringTest"] as! Bool,
                    testCase["passedIidPermutationTests"] as! Bool)
        }
    }
}
