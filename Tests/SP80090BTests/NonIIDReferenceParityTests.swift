import Foundation
import RandomnessCore
import Testing
@testable import SP80090B

/// The labels whose figures are counts and must match exactly.
private let countLabels: Set<String> = ["Mode count", "v", "Sum t_i", "t", "u", "C", "r", "N"]

/// Compares a result with a parsed `ea_non_iid -vv` output: every figure the reference printed
/// must be present and agree within 1e-6 (counts exactly), no figure may be extra, and the
/// status lines must be the same.
func expectNonIIDParity(_ result: NonIIDResult, _ reference: NonIIDReferenceOutput, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let ours = Dictionary(result.referenceFigures.map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
    var checked = 0
    for label in reference.labels {
        let expected = reference.figures[label]!
        guard let value = ours[label] else {
            Issue.record("\(name): no figure for '\(label)' (reference \(expected))", sourceLocation: sourceLocation)
            continue
        }
        let figure = String(label.split(separator: ":").last ?? "").trimmingCharacters(in: .whitespaces)
        if countLabels.contains(figure) && label.contains("Estimate:") {
            #expect(value == expected, "\(name): \(label): \(value) vs reference \(expected)", sourceLocation: sourceLocation)
        } else {
            #expect(agreesWithReference(value, expected), "\(name): \(label): \(value) vs reference \(expected)", sourceLocation: sourceLocation)
        }
        checked += 1
    }
    // Figures the reference did not print (the old output format lacks the per-symbol line).
    for label in ours.keys where reference.figures[label] == nil && label != "H_bitstring Per Symbol" {
        Issue.record("\(name): extra figure '\(label)' = \(ours[label]!)", sourceLocation: sourceLocation)
    }
    #expect(Set(result.referenceStatusLines) == Set(reference.statusLines), "\(name): status lines differ", sourceLocation: sourceLocation)
    if let loaded = reference.loaded {
        #expect(result.sampleCount == loaded.samples, "\(name): sample count", sourceLocation: sourceLocation)
        #expect(result.alphabetSize == loaded.distinct, "\(name): distinct symbols", sourceLocation: sourceLocation)
        #expect(result.bitsPerSymbol == loaded.bits, "\(name): bits per symbol", sourceLocation: sourceLocation)
    }
    #expect(result.bitstring?.length == reference.binarySymbols, "\(name): number of binary symbols", sourceLocation: sourceLocation)
    #expect(checked > 10, "\(name): only \(checked) figures compared", sourceLocation: sourceLocation)
}

@Suite("Non-IID parity with ea_non_iid on NIST's sample files", .enabled(if: NonIIDReferenceData.available, "needs ../shared/reference/sp800-90b (the shared reference data) beside the package"))
struct NonIIDReferenceParityTests {
    /// Every *.bin with its `ea_non_iid -vv FILE` output (*.res): defaults -i -a, bits per
    /// symbol inferred.
    @Test("every figure of ea_non_iid -vv", arguments: NonIIDReferenceData.sampleNames)
    func verboseOutput(name: String) throws {
        let samples = [UInt8](try Data(contentsOf: NonIIDReferenceData.sp80090b.appendingPathComponent(name + ".bin")))
        let reference = NonIIDReferenceOutput(text: try String(contentsOf: NonIIDReferenceData.sp80090b.appendingPathComponent(name + ".res"), encoding: .utf8))
        let result = try NonIIDAssessment.run(samples: samples, options: NonIIDOptions(), jobs: 2)
        expectNonIIDParity(result, reference, name: name)
        // The width inference the CLI uses agrees with the reference's.
        #expect(SampleSequence.inferredBitsPerSymbol(of: samples) == reference.loaded?.bits)
    }

    /// The reference's JSON output (`ea_non_iid -i -a -vv -o`), where it exists.
    @Test("the JSON report of ea_non_iid -o", arguments: NonIIDReferenceData.sampleNames)
    func jsonReport(name: String) throws {
        let url = NonIIDReferenceData.sp80090b.appendingPathComponent("expected/\(name).non_iid.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        #expect(json["commandline"] as? String == "./ea_non_iid -i -a -vv -o \(name).non_iid.json \(name).bin")
        let samples = [UInt8](try Data(contentsOf: NonIIDReferenceData.sp80090b.appendingPathComponent(name + ".bin")))
        let result = try NonIIDAssessment.run(samples: samples, options: NonIIDOptions(), jobs: 1)
        let cases = json["testCases"] as! [[String: Any]]
        #expect(cases.count == 11)
        func check(_ expected: Any?, _ value: Double?, _ what: String) {
            if let expected = expected as? Double {
                if let value {
                    #expect(agreesWithReference(value, expected), "\(name): \(what): \(value) vs \(expected)")
                } else {
                    Issue.record("\(name): \(what) missing (reference \(expected))")
                }
            } else {
                #expect(value == nil, "\(name): \(what) = \(value ?? .nan) but the reference has none")
            }
        }
        let lit = result.literal, bin = result.bitstring
        let last = lit ?? bin
        for c in cases {
            let desc = c["testCaseDesc"] as! String
            switch desc {
            case "Most Common Value":
                check(c["hOriginal"], lit?.mostCommonValue.minEntropy, "\(desc) hOriginal")
                check(c["hBitstring"], bin?.mostCommonValue.minEntropy, "\(desc) hBitstring")
                check(c["mcvEstimateMode"], last.map { Double($0.mostCommonValue.modeCount) }, "mode")
                check(c["mcvEstimatePHat"], last?.mostCommonValue.pHat, "p-hat")
                check(c["mcvEstimatePU"], last?.mostCommonValue.pU, "p_u")
            case "Collision Test (for bit strings only)":
                check(c["hOriginal"], lit?.collision?.minEntropy, "\(desc) hOriginal")
                check(c["hBitstring"], bin?.collision?.minEntropy, "\(desc) hBitstring")
            case "Markov Test (for bit strings only)":
                check(c["hOriginal"], lit?.markov?.minEntropy, "\(desc) hOriginal")
                check(c["hBitstring"], bin?.markov?.minEntropy, "\(desc) hBitstring")
            case "Compression Test (for bit strings only)":
                check(c["hOriginal"], lit?.compression?.minEntropy, "\(desc) hOriginal")
                check(c["hBitstring"], bin?.compression?.minEntropy, "\(desc) hBitstring")
            case "T-Tuple Test":
                check(c["tTupleRes"], lit?.tTuple?.minEntropy, "tTupleRes")
                check(c["binTTupleRes"], bin?.tTuple?.minEntropy, "binTTupleRes")
            case "LRS Test":
                check(c["lrsRes"], lit?.longestRepeatedSubstring?.minEntropy, "lrsRes")
                check(c["binLrsRes"], bin?.longestRepeatedSubstring?.minEntropy, "binLrsRes")
            case "Multi Most Common in Window Test":
                check(c["hOriginal"], lit?.multiMCW?.minEntropy, "\(desc) hOriginal")
                check(c["hBitstring"], bin?.multiMCW?.minEntropy, "\(desc) hBitstring")
            case "Lag Prediction Test":
                check(c["hOriginal"], lit?.lag?.minEntropy, "\(desc) hOriginal")
                check(c["hBitstring"], bin?.lag?.minEntropy, "\(desc) hBitstring")
            case "Multi Markov Model with Counting Test (MultiMMC)":
                check(c["hOriginal"], lit?.multiMMC?.minEntropy, "\(desc) hOriginal")
                check(c["hBitstring"], bin?.multiMMC?.minEntropy, "\(desc) hBitstring")
            case "LZ78Y Test":
                check(c["hOriginal"], lit?.lz78y?.minEntropy, "\(desc) hOriginal")
                check(c["hBitstring"], bin?.lz78y?.minEntropy, "\(desc) hBitstring")
            case "Overall":
                check(c["hOriginal"], result.hOriginal, "H_original")
                check(c["hBitstring"], result.hBitstring, "H_bitstring")
                check(c["hAssessed"], result.assessedMinEntropy, "h_assessed")
                check(c["dataWordSize"], Double(result.bitsPerSymbol), "word size")
            default:
                Issue.record("\(name): unknown test case '\(desc)'")
            }
        }
    }
}
