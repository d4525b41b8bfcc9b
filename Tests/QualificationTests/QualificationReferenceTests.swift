import Capture
import Certification
import Foundation
import Qualification
import SP80090B
import Testing

/// The qualification of NIST's sample data (Fixtures/qualification/reference.yaml) gives the
/// figures NIST's reference programs print for the command lines it writes
/// (Fixtures/qualification/expected.json, provenance in its README).
@Suite struct QualificationReferenceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared/reference/sp800-90b")
    static var sharedAvailable: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("truerand_4bit.bin").path) }

    struct Expected: Decodable {
        struct Command: Decodable {
            let step: String
            let command: String
            let exit_code: Int
            let figures: [String: String]
        }
        let commands: [Command]
    }

    @Test(.enabled(if: sharedAvailable, "../shared/reference is absent: the reference-figure comparison is skipped"))
    func everyFigureIsTheReferenceProgramsPrintedDigit() throws {
        let configPath = Self.root.appendingPathComponent("Fixtures/qualification/reference.yaml").path
        let config = try QualificationConfigParser.load(path: configPath)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Self.root.appendingPathComponent("Fixtures/qualification/expected.json")))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("rngcert-qualification-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = QualificationRun(config: config, configurationPath: configPath, configurationBytes: Array(try Data(contentsOf: URL(fileURLWithPath: configPath))),
                                   directory: out, signer: ReportSigner(key: SigningKey.generate()),
                                   tool: ToolIdentity(version: "test", build: "test"), arguments: [], jobs: 2)
        let report = try run.run(stop: StopSignal()) { _ in }
        let a = report.assessment

        // The same command lines: the reference computed from exactly these inputs.
        #expect(report.referenceCommands.map { $0.command } == expected.commands.map { $0.command })
        func figure(_ index: Int, _ name: String) throws -> String {
            try #require(expected.commands[index].figures[name], "\(expected.commands[index].command): no \(name)")
        }
        /// Equal to the printed digits: within half a unit of the last printed decimal.
        func matches(_ value: Double?, _ printed: String, _ what: String) {
            let decimals = printed.firstIndex(of: ".").map { printed.distance(from: $0, to: printed.endIndex) - 1 } ?? 0
            guard let value, let reference = Double(printed) else { Issue.record("\(what): \(String(describing: value)) vs \(printed)"); return }
            #expect(abs(value - reference) <= 0.5 * pow(10, -Double(decimals)) + 1e-12 * abs(reference), "\(what): \(value) vs \(printed)")
        }
        #expect(expected.commands.allSatisfy { $0.exit_code == 0 })

        // ea_non_iid -i -a: the non-IID track on the raw noise.
        matches(a.hOriginal, try figure(0, "H_original"), "H_original")
        matches(a.hBitstring, try figure(0, "H_bitstring"), "H_bitstring")
        // ea_iid -i -a: the IID track (its MCV estimates and the permutation tests' outcome).
        let iid = try #require(a.noise.iid)
        matches(iid.minEntropy.hOriginal, try figure(1, "H_original"), "IID H_original")
        matches(iid.minEntropy.hBitstring, try figure(1, "H_bitstring"), "IID H_bitstring")
        let permutation: String = try figure(1, "permutation tests")
        #expect((iid.permutationTests?.passed == true) == (permutation == "Passed"))
        // ea_restart -n: X_max, H_r, H_c and the entropy after the restart tests.
        let restart = try #require(a.restart)
        let xMax: String = try figure(2, "X_max"), xCutoff: String = try figure(2, "X_cutoff")
        #expect(String(restart.sanityCheck.maxCount) == xMax)
        #expect(abs(restart.sanityCheck.cutoff.cutoff - (Int(xCutoff) ?? 0)) <= 1)
        matches(restart.rowEntropy, try figure(2, "H_r"), "H_r")
        matches(restart.columnEntropy, try figure(2, "H_c"), "H_c")
        matches(restart.assessedEntropy, try figure(2, "min(H_r, H_c, H_I)"), "min(H_r, H_c, H_I)")
        // ea_non_iid -c -t: h′ of the non-vetted component's output.
        matches(a.conditioning[0].conditionedEstimate?.hBitstring, try figure(3, "h'"), "h′")
        // ea_conditioning -n, then -v: Output_Entropy and h_out (printed with 22 digits).
        let nonVetted = try #require(a.conditioning[0].assessment), vetted = try #require(a.conditioning[1].assessment)
        for (assessment, index) in [(nonVetted, 4), (vetted, 5)] {
            let outputText: String = try figure(index, "Output_Entropy"), hOutText: String = try figure(index, "h_out")
            let output = Double(outputText) ?? .nan, hOut = Double(hOutText) ?? .nan
            #expect(abs(assessment.outputEntropyFunction - output) <= 1e-12 * output, "Output_Entropy \(assessment.outputEntropyFunction) vs \(output)")
            #expect(abs(assessment.outputEntropy - hOut) <= 1e-12 * hOut, "h_out \(assessment.outputEntropy) vs \(hOut)")
        }
    }
}
