import Foundation
import RandomnessCore
import Testing
@testable import SP80090B

/// One recorded run of the reference tool on a generated input (Fixtures/sp800-90b/cases.json).
struct NonIIDReferenceCase: Decodable, Sendable, CustomTestStringConvertible {
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

    static let all: [NonIIDReferenceCase] = {
        let url = NonIIDReferenceData.fixtures.appendingPathComponent("cases.json")
        struct Manifest: Decodable { var cases: [NonIIDReferenceCase] }
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode(Manifest.self, from: data).cases) ?? []
    }()
}

@Suite("Non-IID parity with ea_non_iid on generated inputs (Fixtures/sp800-90b)")
struct NonIIDFixtureParityTests {
    @Test("the fixtures are present")
    func manifest() {
        #expect(NonIIDReferenceCase.all.count >= 19)
    }

    /// Every figure of `ea_non_iid -vv` (commit 68ed165) on inputs chosen to reach each branch:
    /// other widths, translated alphabets, -c, -t, -l, a declared width, tiny and periodic data.
    @Test("every figure of ea_non_iid -vv", arguments: NonIIDReferenceCase.all)
    func verboseOutput(_ c: NonIIDReferenceCase) throws {
        let samples = [UInt8](try Data(contentsOf: NonIIDReferenceData.fixtures.appendingPathComponent(c.input)))
        let reference = NonIIDReferenceOutput(text: try String(contentsOf: NonIIDReferenceData.fixtures.appendingPathComponent(c.expected), encoding: .utf8))
        let result = try NonIIDAssessment.run(samples: samples, options: c.options, jobs: 2)
        expectNonIIDParity(result, reference, name: c.name)
        let warned = reference.warnings.contains("Warning: Symbols appear to be narrower than described.")
        #expect(result.warnings.contains("Symbols appear to be narrower than described.") == warned)
    }
}

/// Ad hoc parity with any reference run: RNGCERT_PARITY_RES=out.res (from `ea_non_iid -vv ARGS`)
/// and RNGCERT_PARITY_ARGS="ARGS" (options, the file path, optionally bits per symbol).
@Suite("Non-IID parity with an ea_non_iid output given in the environment", .enabled(if: ProcessInfo.processInfo.environment["RNGCERT_PARITY_RES"] != nil, "set RNGCERT_PARITY_RES and RNGCERT_PARITY_ARGS"))
struct NonIIDAdHocParityTests {
    @Test("every figure of the given ea_non_iid -vv output")
    func adHoc() throws {
        let environment = ProcessInfo.processInfo.environment
        let arguments = (environment["RNGCERT_PARITY_ARGS"] ?? "").split(separator: " ").map(String.init)
        let c = NonIIDReferenceCase(name: "ad hoc", input: "", inputSHA256: "", arguments: arguments, commandLine: arguments.joined(separator: " "), expected: "")
        let file = arguments.first { !$0.hasPrefix("-") && !$0.contains(",") && Int($0) == nil }!
        let samples = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let reference = NonIIDReferenceOutput(text: try String(contentsOf: URL(fileURLWithPath: environment["RNGCERT_PARITY_RES"]!), encoding: .utf8))
        let result = try NonIIDAssessment.run(samples: samples, options: c.options, jobs: 2)
        expectNonIIDParity(result, reference, name: file)
    }
}
