import Foundation
import SP80090B
import Testing

/// `rngcert entropy non-iid | iid | conditioning | health` as a user runs them, against the
/// reference programs' recorded outputs: ea_non_iid -vv (Fixtures/sp800-90b/*.res, and NIST's
/// short sample files in ../shared/reference when present), ea_iid -vv
/// (Fixtures/sp800-90b-iid), ea_conditioning (Fixtures/sp800-90b-conditioning).
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct EntropyCommandTests {
    struct NonIIDCase: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var expected: URL
        var testDescription: String { "ea_non_iid -vv " + arguments.joined(separator: " ") }
    }

    /// Every recorded case of Fixtures/sp800-90b/cases.json, run in that folder.
    static let fixtureCases: [NonIIDCase] = {
        guard let object = try? EntropyFixtures.json(EntropyFixtures.nonIID.appendingPathComponent("cases.json")),
              let cases = object["cases"] as? [[String: Any]] else { return [] }
        return cases.map { c in
            NonIIDCase(arguments: c["arguments"] as! [String], expected: EntropyFixtures.nonIID.appendingPathComponent(c["expected"] as! String))
        }
    }()

    @Test func fixtureCasesArePresent() {
        #expect(Self.fixtureCases.count >= 19)
    }

    /// Every figure ea_non_iid -vv printed, within 1e-6 (relative) and no figure more, and
    /// the same status lines.
    @Test("entropy non-iid -vv prints ea_non_iid's figures", arguments: fixtureCases)
    func nonIIDVerboseFigures(_ c: NonIIDCase) throws {
        let run = try RNGCertBinary.run(["entropy", "non-iid", "-vv", "--jobs", "2"] + c.arguments, in: EntropyFixtures.nonIID.path)
        #expect(run.status == 0, "\(run.stderr)")
        Self.expectSameFigures(run.stdout, try String(contentsOf: c.expected, encoding: .utf8), name: c.testDescription)
    }

    static func expectSameFigures(_ ours: String, _ reference: String, name: String) {
        let printed = PrintedFigures(ours), expected = PrintedFigures(reference)
        #expect(expected.labels.count > 10, "\(name): reference parsed")
        for label in expected.labels {
            guard let value = printed.values[label] else {
                Issue.record("\(name): '\(label)' not printed")
                continue
            }
            #expect(agrees(value, expected.values[label]!), "\(name): \(label) = \(value), reference \(expected.values[label]!)")
        }
        for label in printed.labels where expected.values[label] == nil && label != "H_bitstring Per Symbol" {
            Issue.record("\(name): extra figure '\(label)'")
        }
        let status = { (lines: [String]) in Set(lines.filter { $0.hasSuffix("Found p.") || $0.contains("Could Not Find p.") || $0.hasSuffix("P_local can't change the result.") }) }
        #expect(status(printed.lines) == status(expected.lines), "\(name): status lines")
        let header = { (lines: [String]) in lines.filter { $0.hasPrefix("Loaded ") || $0.hasPrefix("Number of Binary Symbols") } }
        #expect(header(printed.lines) == header(expected.lines), "\(name): header lines")
    }

    /// NIST's short sample files and their ea_non_iid -vv outputs (../shared/reference).
    @Test(.enabled(if: EntropyFixtures.sharedReferenceAvailable, "needs ../shared/reference/sp800-90b"),
          arguments: ["rand1_short", "rand4_short", "rand8_short"])
    func nonIIDOnTheReferenceSampleFiles(_ name: String) throws {
        let run = try RNGCertBinary.run(["entropy", "non-iid", "-vv", name + ".bin"], in: EntropyFixtures.sharedReference.path)
        #expect(run.status == 0, "\(run.stderr)")
        Self.expectSameFigures(run.stdout, try String(contentsOf: EntropyFixtures.sharedReference.appendingPathComponent(name + ".res"), encoding: .utf8), name: name)
    }

    /// The default output ends with the assessment (to 6 decimals, as ea_non_iid's %f);
    /// -o writes the result; --claimed-entropy decides the exit code; bad arguments name themselves.
    @Test func nonIIDDefaultOutputClaimsAndErrors() throws {
        let dir = try EndToEndDirectory()
        let file = EntropyFixtures.nonIID.appendingPathComponent("biased-8bit-small.bin").path
        let reference = PrintedFigures(try String(contentsOf: EntropyFixtures.nonIID.appendingPathComponent("biased-8bit-small.res"), encoding: .utf8))
        let assessed = try #require(reference.values["Assessed min entropy"])
        let run = try RNGCertBinary.run(["entropy", "non-iid", file, "-o", "result.json"], in: dir.path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("Assessed min entropy: \(String(format: "%f", assessed))\n"), "\(run.stdout)")
        #expect(run.stdout.contains("H_original: \(String(format: "%f", reference.values["H_original"]!))\n"))
        let result = try JSONDecoder().decode(NonIIDResult.self, from: Data(contentsOf: dir.url("result.json")))
        #expect(agrees(result.assessedMinEntropy, assessed))
        // An existing -o file is kept unless --force is given (refused before any work).
        let again = try RNGCertBinary.run(["entropy", "non-iid", file, "-o", "result.json"], in: dir.path)
        #expect(again.status == 2 && again.stderr.contains("result.json") && again.stderr.contains("--force"), "\(again.stderr)")
        let forced = try RNGCertBinary.run(["entropy", "non-iid", file, "-o", "result.json", "--force"], in: dir.path)
        #expect(forced.status == 0)
        let claimAbove = try RNGCertBinary.run(["entropy", "non-iid", file, "--claimed-entropy", String(assessed + 0.01)], in: dir.path)
        #expect(claimAbove.status == 1 && claimAbove.stdout.contains("not met"))
        #expect(try RNGCertBinary.run(["entropy", "non-iid", file, "--claimed-entropy", String(assessed - 0.01)], in: dir.path).status == 0)
        let badBits = try RNGCertBinary.run(["entropy", "non-iid", file, "9"], in: dir.path)
        #expect(badBits.status == 2 && badBits.stderr.contains("bits_per_symbol '9'"), "\(badBits.stderr)")
        let narrow = try RNGCertBinary.run(["entropy", "non-iid", file, "4"], in: dir.path)
        #expect(narrow.status == 2 && narrow.stderr.contains("bits_per_symbol 4"), "\(narrow.stderr)")
        let block = try RNGCertBinary.run(["entropy", "non-iid", "-l", "9,4000", file], in: dir.path)
        #expect(block.status == 2 && block.stderr.contains("-l 9,4000"), "\(block.stderr)")
        let badBlock = try RNGCertBinary.run(["entropy", "non-iid", "-l", "x", file], in: dir.path)
        #expect(badBlock.status == 2 && badBlock.stderr.contains("-l 'x'"), "\(badBlock.stderr)")
        let missing = try RNGCertBinary.run(["entropy", "non-iid", "nope.bin"], in: dir.path)
        #expect(missing.status == 2 && missing.stderr.contains("nope.bin"))
        try dir.write("constant.bin", [UInt8](repeating: 7, count: 1000))
        let constant = try RNGCertBinary.run(["entropy", "non-iid", "constant.bin"], in: dir.path)
        #expect(constant.status == 1 && constant.stdout.contains("No entropy awarded"))
    }

    /// ea_iid -vv's figures on NIST's short sample files (Fixtures/sp800-90b-iid): mean,
    /// median, MCV, chi-square, LRS, the 19 statistics on the unpermuted data, the assessment;
    /// the chi-square and LRS decisions exactly, the permutation verdict among those ea_iid gave.
    @Test(.enabled(if: EntropyFixtures.sharedReferenceAvailable, "needs ../shared/reference/sp800-90b"),
          arguments: ["rand1_short.bin", "rand4_short.bin", "rand8_short.bin"])
    func iidVerboseFigures(_ file: String) throws {
        let runs = try EntropyFixtures.json(EntropyFixtures.iid.appendingPathComponent("ea_iid-vv.json"))["runs"] as! [[String: Any]]
        for options in ["-i -a", "-c -t"] {
            guard let expected = runs.first(where: { $0["file"] as? String == file && $0["options"] as? String == options }) else { continue }
            let run = try RNGCertBinary.run(["entropy", "iid", "-vv", "--jobs", "2"] + options.split(separator: " ").map(String.init) + [file],
                                            in: EntropyFixtures.sharedReference.path)
            #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
            let printed = PrintedFigures(run.stdout)
            func number(_ key: String) -> Double { (expected[key] as! NSNumber).doubleValue }
            let name = "\(file) \(options)"
            #expect(agrees(printed.values["Assessed min entropy"] ?? .nan, number("hAssessed"), tolerance: 1e-12), "\(name)")
            guard options == "-i -a" else { continue }
            #expect(printed.values["Raw Mean"] == number("mean"), "\(name)")
            #expect(printed.values["Median"] == number("median"), "\(name)")
            #expect(printed.values["Literal Most Common Value Estimate: Mode count"] == number("literalModeCount"), "\(name)")
            #expect(agrees(printed.values["Chi square independence: T"] ?? .nan, number("chiSquareIndependenceT"), tolerance: 1e-9), "\(name)")
            #expect(printed.values["Chi square independence: df"] == number("chiSquareIndependenceDF"), "\(name)")
            #expect(abs((printed.values["Chi square independence: p-value"] ?? .nan) - number("chiSquareIndependenceP")) < 1e-6, "\(name)")
            #expect(agrees(printed.values["Chi square goodness of fit: T"] ?? .nan, number("chiSquareGoodnessOfFitT"), tolerance: 1e-9), "\(name)")
            #expect(printed.values["Chi square goodness of fit: df"] == number("chiSquareGoodnessOfFitDF"), "\(name)")
            #expect(abs((printed.values["Chi square goodness of fit: p-value"] ?? .nan) - number("chiSquareGoodnessOfFitP")) < 1e-6, "\(name)")
            #expect(agrees(printed.values["LRS test: P_col"] ?? .nan, number("lrsPCol"), tolerance: 1e-12), "\(name)")
            #expect(printed.values["LRS test: W"] == number("lrsW"), "\(name)")
            #expect(abs((printed.values["LRS test: Pr(X >= 1)"] ?? .nan) - number("lrsProbability")) < 1e-9, "\(name)")
            for (statistic, value) in expected["permutation"] as! [String: NSNumber] {
                #expect(agrees(printed.values["Permutation testing: Unpermuted result \(statistic)"] ?? .nan, value.doubleValue, tolerance: 1e-12), "\(name) \(statistic)")
            }
            let chi = expected["passedChiSquareTests"] as! Bool, lrs = expected["passedLongestRepeatedSubstringTest"] as! Bool
            #expect(printed.lines.contains("Chi square tests: \(chi ? "Passed" : "Failed")"), "\(name)")
            #expect(printed.lines.contains("Length of longest repeated substring test: \(lrs ? "Passed" : "Failed")"), "\(name)")
            // ea_iid's own permutation verdict varies with its unseeded shuffles on borderline
            // data (rand4_short.bin): accept any verdict it gave, recorded here or in expected/.
            let expectedJSON = EntropyFixtures.sharedReference.appendingPathComponent("expected/" + file.dropLast(4) + ".iid.json")
            var observed: Set<Bool> = [expected["passedIidPermutationTests"] as! Bool]
            if let object = try? EntropyFixtures.json(expectedJSON), let testCase = (object["testCases"] as? [[String: Any]])?.first {
                observed.insert(testCase["passedIidPermutationTests"] as! Bool)
            }
            let passed = printed.lines.contains("IID permutation tests: Passed")
            #expect(observed.contains(passed), "\(name): permutation verdict \(passed), ea_iid gave \(observed)")
            #expect(run.status == (chi && lrs && passed ? 0 : 1), "\(name)")
        }
    }

    /// Clearly non-IID data (a random walk; its first 2000 samples, selected with -l, keep
    /// this quick) is rejected (exit 1) with every statistic's counters printed; the same seed
    /// gives the same output for any --jobs; another seed is recorded as given.
    @Test func iidRejectsAWalkAndIsReproducible() throws {
        let file = EntropyFixtures.nonIID.appendingPathComponent("walk-6bit.bin").path
        let one = try RNGCertBinary.run(["entropy", "iid", "--jobs", "1", "-l", "0,2000", file])
        let two = try RNGCertBinary.run(["entropy", "iid", "--jobs", "2", "-l", "0,2000", file])
        #expect(one.status == 1, "\(one.stderr)")
        #expect(one.stdout == two.stdout)
        #expect(one.stdout.contains("IID assumption: rejected"))
        #expect(one.stdout.contains("seed 0x5350383030393042"))
        for statistic in PermutationStatistic.allCases {
            #expect(one.stdout.contains("  " + statistic.rawValue + " "), "\(statistic.rawValue) counters")
        }
        let seeded = try RNGCertBinary.run(["entropy", "iid", "--seed", "0x1234", "-vv", "-l", "0,2000", file])
        #expect(seeded.stdout.contains("seed 0x0000000000001234"))
        let badSeed = try RNGCertBinary.run(["entropy", "iid", "--seed", "-5", file])
        #expect(badSeed.status == 2 && badSeed.stderr.contains("--seed"), "\(badSeed.stderr)")
    }

    /// A sample of ea_conditioning's grid (every 5th case): h_out, Output_Entropy, the epsilon
    /// exponent and the IG D.K note, within 1e-12 relative (1e-12 absolute below one bit).
    @Test func conditioningMatchesTheReferenceGrid() throws {
        let cases = try EntropyFixtures.json(EntropyFixtures.conditioning.appendingPathComponent("expected.json"))["cases"] as! [[String: Any]]
        #expect(cases.count > 300)
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }
        for (i, c) in cases.enumerated() where i % 5 == 0 {
            let args = c["args"] as! [String]
            let run = try RNGCertBinary.run(["entropy", "conditioning"] + args)
            #expect(run.status == 0, "\(args): \(run.stderr)")
            let printed = PrintedFigures(run.stdout)
            let vetted = c["vetted"] as! Bool
            let hOut = printed.values[vetted ? "(Vetted) h_out" : "(Non-vetted) h_out"] ?? .nan
            #expect(close(hOut, Double(c["h_out"] as! String)!), "\(args): h_out \(hOut), reference \(c["h_out"]!)")
            #expect(close(printed.values["Output_Entropy(*)"] ?? .nan, Double(c["output_entropy"] as! String)!), "\(args)")
            let epsilonLine = printed.lines.first { $0.hasPrefix("epsilon = 2^(-") }
            if let exponent = c["epsilon_exponent"] as? String {
                let line = try #require(epsilonLine, "\(args): no epsilon line")
                let value = Double(line.dropFirst("epsilon = 2^(-".count).prefix { $0 != ")" })!
                #expect(close(value, Double(exponent)!), "\(args): epsilon exponent \(value), reference \(exponent)")
                #expect(line.contains("IG D.K Resolution 19") == (c["ig_dk_resolution_19"] as! Bool), "\(args)")
            } else {
                #expect(epsilonLine == nil, "\(args)")
            }
        }
        let bad = try RNGCertBinary.run(["entropy", "conditioning", "-v", "512", "256", "256", "600"])
        #expect(bad.status == 2 && bad.stderr.contains("h_in"), "\(bad.stderr)")
        let missing = try RNGCertBinary.run(["entropy", "conditioning", "-n", "512", "256", "256", "400"])
        #expect(missing.status == 2 && missing.stderr.contains("h'"), "\(missing.stderr)")
    }

    /// Planted faults: a stuck run (Repetition Count Test) and an over-frequent value in one
    /// window (Adaptive Proportion Test), found at their offsets with the cutoffs of §4.4.
    @Test func healthListsEveryAlarmWithItsOffset() throws {
        let dir = try EndToEndDirectory()
        // A counter mod 256 never repeats and never concentrates: no alarm at H = 8 …
        var samples = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try dir.write("clean.bin", samples)
        let clean = try RNGCertBinary.run(["entropy", "health", "clean.bin", "--claimed-entropy", "8"], in: dir.path)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("Repetition Count Test: C = 4\n"))  // 1 + ⌈20/8⌉
        #expect(clean.stdout.contains("alarms: 0 "))
        // … until 6 equal samples from offset 1000 and, in the window starting at 10240
        // (20 windows of 512 from 0), the value 0x55 at every other sample.
        for k in 1000..<1006 { samples[k] = 0x33 }
        for k in stride(from: 10_240, to: 10_240 + 512, by: 2) { samples[k] = 0x55 }
        try dir.write("faulty.bin", samples)
        let faulty = try RNGCertBinary.run(["entropy", "health", "faulty.bin", "--claimed-entropy", "8"], in: dir.path)
        #expect(faulty.status == 1)
        #expect(faulty.stdout.contains("RCT alarm at sample 1003: value 51 repeated 4 times from sample 1000\n"), "\(faulty.stdout)")
        let apt = try #require(faulty.stdout.split(separator: "\n").first { $0.hasPrefix("APT alarm") }, "\(faulty.stdout)")
        #expect(apt.contains("value 85") && apt.contains("from sample 10240"), "\(apt)")
        let bad = try RNGCertBinary.run(["entropy", "health", "faulty.bin", "--claimed-entropy", "9"], in: dir.path)
        #expect(bad.status == 2 && bad.stderr.contains("--claimed-entropy"), "\(bad.stderr)")
        let narrow = try RNGCertBinary.run(["entropy", "health", "faulty.bin", "--claimed-entropy", "3", "--bits-per-symbol", "4"], in: dir.path)
        #expect(narrow.status == 2 && narrow.stderr.contains("faulty.bin"), "\(narrow.stderr)")
    }
}
