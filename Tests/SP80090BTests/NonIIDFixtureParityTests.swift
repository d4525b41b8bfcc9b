import Foundation
import RandomnessCore
import Testing
@testable import SP80090B

/// One recorded run of the reference tool on a generated input (Fixtures/sp800-90b/cases.json).
struct ReferenceCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var input: String
    var inputSHA256: String
    /// ea_non_iid's arguments after `-vv`: options, the file, optionally bits per symbol.
    var arguments: [String]
    var commandLine: String
    var expected: String

    var testDescription: String { commandLine }

    /// The options the arguments select, read as ea_non_iid's getopt loop reads them.
    var options: NonIIDOptions {
        var options = NonIIDOptions()
        var positional: [String] = []
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "-i": options.estimate = .initial
            case "-c": options.estimate = .conditioned
            case "-a": options.allBits = true
            case "-t": options.allBits = false
            case "-l":
                i += 1
                let parts = arguments[i].split(separator: ",").map { Int($0)! }
                options.subset = NonIIDOptions.Subset(index: parts[0], samples: parts[1])
            default: positional.append(arguments[i])
            }
            i += 1
        }
        if positional.count == 2 { options.bitsPerSymbol = Int(positional[1]) }
        return options
    }

    static let all: [ReferenceCase] = {
        let url = ReferenceData.fixtures.appendingPathComponent("cases.json")
        struct Manifest: Decodable { var cases: [ReferenceCase] }
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode(Manifest.self, from: data).cases) ?? []
    }()
}

@Suite("Non-IID parity with ea_non_iid on generated inputs (Fixtures/sp800-90b)")
struct NonIIDFixtureParityTests {
    @Test("the fixtures are present")
    func manifest() {
        #expect(ReferenceCase.all.count >= 19)
    }

    /// Every figure of `ea_non_iid -vv` (commit 68ed165) on inputs chosen to reach each branch:
    /// other widths, translated alphabets, -c, -t, -l, a declared width, tiny and periodic data.
    @Test("every figure of ea_non_iid -vv", arguments: ReferenceCase.all)
    func verboseOutput(_ c: ReferenceCase) throws {
        let samples = [UInt8](try Data(contentsOf: ReferenceData.fixtures.appendingPathComponent(c.input)))
        let reference = ReferenceOutput(text: try String(contentsOf: ReferenceData.fixtures.appendingPathComponent(c.expected), encoding: .utf8))
        let result = try NonIIDAssessment.run(samples: samples, options: c.options, jobs: 2)
        expectParity(result, reference, name: c.name)
        let warned = reference.warnings.contains("Warning: Symbols appear to be narrower than described.")
        #expect(result.warnings.contains("Symbols appear to be narrower than described.") == warned)
    }
}
