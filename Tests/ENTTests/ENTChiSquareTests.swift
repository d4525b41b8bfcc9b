import Foundation
import Testing
import RandomnessCore
@testable import ENT

/// The exact chi-square p-value and the verdict bands.
///
/// Inputs are built from chosen symbol counts. Expected chi-square values were computed in
/// Python with ent's double arithmetic (Σ (count − n/k)² / (n/k), bins in order); expected
/// p-values with mpmath 1.3.0 at 30 digits: gammainc(df/2, χ²/2, inf, regularized=True),
/// printed to 20 digits.
@Suite struct ENTChiSquareTests {
    /// Byte counts 20 + d for the k smallest byte values and 20 for the rest, in order.
    static func bytes(k: Int, d: Int) -> [UInt8] {
        var out: [UInt8] = []
        for v in 0..<256 { out += [UInt8](repeating: UInt8(v), count: 20 + (v < k ? d : 0)) }
        return out
    }

    /// n bytes 0x0F (four ones), a bytes 0xFF and b bytes 0x00: bit counts 4n + 8b zeros, 4n + 8a ones.
    static func bitBytes(n: Int, a: Int, b: Int) -> [UInt8] {
        [UInt8](repeating: 0x0F, count: n) + [UInt8](repeating: 0xFF, count: a) + [UInt8](repeating: 0x00, count: b)
    }

    static func statistics(_ bytes: [UInt8], _ mode: ENTMode) -> ENTStatistics {
        var accumulator = ENTAccumulator()
        accumulator.add(bytes)
        return accumulator.statistics(mode: mode)
    }

    static func expectRelative(_ actual: Double?, _ expected: Double, _ tolerance: Double, _ what: String) {
        guard let actual else { Issue.record("\(what): missing"); return }
        let error = expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
        #expect(error <= tolerance, "\(what) = \(actual), expected \(expected)")
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var bytes: @Sendable () -> [UInt8]
        var mode: ENTMode
        var chiSquare: Double
        var pValue: Double
        var verdict: Verdict
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "byte k=71 d=12", bytes: { bytes(k: 71, d: 12) }, mode: .byte,
             chiSquare: 316.7180174146004, pValue: 0.0051128007295790883256, verdict: .fail),
        Case(name: "byte k=135 d=11", bytes: { bytes(k: 135, d: 11) }, mode: .byte,
             chiSquare: 299.2482967448889, pValue: 0.029688886588055995057, verdict: .suspect),
        Case(name: "byte k=246 d=39", bytes: { bytes(k: 246, d: 39) }, mode: .byte,
             chiSquare: 254.2925105341851, pValue: 0.50072779214263138873, verdict: .pass),
        Case(name: "byte k=5 d=30", bytes: { bytes(k: 5, d: 30) }, mode: .byte,
             chiSquare: 214.3263757115765, pValue: 0.96973502223598149966, verdict: .suspect),
        Case(name: "byte k=194 d=11", bytes: { bytes(k: 194, d: 11) }, mode: .byte,
             chiSquare: 200.63247863247855, pValue: 0.99496605798321825863, verdict: .fail),
        Case(name: "bit k=71 d=12", bytes: { bytes(k: 71, d: 12) }, mode: .bit,
             chiSquare: 69.63697253851306, pValue: 7.128802643507888119e-17, verdict: .fail),
        Case(name: "bit n=1000 a=8", bytes: { bitBytes(n: 1000, a: 8, b: 0) }, mode: .bit,
             chiSquare: 0.5079365079365079, pValue: 0.47603349294242958696, verdict: .pass),
        Case(name: "bit n=1000 a=25", bytes: { bitBytes(n: 1000, a: 25, b: 0) }, mode: .bit,
             chiSquare: 4.878048780487805, pValue: 0.027200350616306558321, verdict: .suspect),
        Case(name: "bit n=1000 a=30", bytes: { bitBytes(n: 1000, a: 30, b: 0) }, mode: .bit,
             chiSquare: 6.990291262135922, pValue: 0.0081953016680406329684, verdict: .fail),
        Case(name: "bit n=3000 a=1", bytes: { bitBytes(n: 3000, a: 1, b: 0) }, mode: .bit,
             chiSquare: 0.0026657780739753416, pValue: 0.95882257962115696193, verdict: .suspect),
        Case(name: "bit n=1000 a=5 b=5", bytes: { bitBytes(n: 1000, a: 5, b: 5) }, mode: .bit,
             chiSquare: 0, pValue: 1, verdict: .fail),
    ]

    @Test(arguments: cases)
    func exactPValueAndVerdict(_ c: Case) {
        let s = Self.statistics(c.bytes(), c.mode)
        Self.expectRelative(s.chiSquare, c.chiSquare, 1e-13, "\(c.name) χ²")
        Self.expectRelative(s.chiSquarePValue, c.pValue, 1e-10, "\(c.name) p-value")
        #expect(s.verdict == c.verdict, "\(c.name)")
        #expect(s.notApplicableReason == nil)
    }

    @Test func suiteVerdictIsTheWorseMode() {
        // Byte mode passes (p ≈ 0.50) while bit mode fails (p ≈ 1.3e-8).
        var accumulator = ENTAccumulator()
        accumulator.add(Self.bytes(k: 246, d: 39))
        let result = accumulator.suiteResult()
        #expect(result.byteMode.verdict == .pass)
        #expect(result.bitMode.verdict == .fail)
        #expect(result.verdict == .fail)
    }

    @Test func tooFewSamplesPerSymbolIsNotApplicable() {
        // 1279 bytes: 4.996 expected per byte value; 10 bits would be enough for bit mode,
        // but 1 byte (8 bits, 4 per symbol) is not.
        var g = SplitMix64(seed: 11)
        let short = Self.statistics(g.bytes(1279), .byte)
        #expect(short.verdict == .notApplicable && short.notApplicableReason != nil)
        #expect(short.chiSquarePValue != nil)
        #expect(Self.statistics(g.bytes(1280), .byte).notApplicableReason == nil)
        #expect(Self.statistics([0x55], .bit).verdict == .notApplicable)
        #expect(Self.statistics([0x55, 0x55], .bit).verdict == .fail) // χ² = 0: p = 1 > 99 %
    }

    @Test func bandEdges() {
        #expect(ENTVerdictRule.verdict(pValue: 0.0099, expectedPerSymbol: 100).0 == .fail)
        #expect(ENTVerdictRule.verdict(pValue: 0.01, expectedPerSymbol: 100).0 == .suspect)
        #expect(ENTVerdictRule.verdict(pValue: 0.0499, expectedPerSymbol: 100).0 == .suspect)
        #expect(ENTVerdictRule.verdict(pValue: 0.05, expectedPerSymbol: 100).0 == .pass)
        #expect(ENTVerdictRule.verdict(pValue: 0.95, expectedPerSymbol: 100).0 == .pass)
        #expect(ENTVerdictRule.verdict(pValue: 0.9501, expectedPerSymbol: 100).0 == .suspect)
        #expect(ENTVerdictRule.verdict(pValue: 0.99, expectedPerSymbol: 100).0 == .suspect)
        #expect(ENTVerdictRule.verdict(pValue: 0.9901, expectedPerSymbol: 100).0 == .fail)
    }

    /// ent's printed percentage (pochisq, two decimals) and 100 × the exact p-value agree
    /// to within ent's rounding plus its approximation error, on every sample file.
    @Test(.enabled(if: ENTReferenceProgram.isAvailable, "Debian's ent is not installed; skipped"),
          arguments: ENTSampleFiles.all.map(\.name))
    func exactPValueAgreesWithEntsPercentage(_ name: String) throws {
        let bytes = ENTSampleFiles.all.first { $0.name == name }!.bytes
        guard !bytes.isEmpty else { return }
        let directory = try TemporaryDirectory()
        let path = try directory.file(name, bytes)
        for mode in ENTMode.allCases {
            let text = String(decoding: try ENTReferenceProgram.run(mode == .bit ? ["-b", path] : [path]), as: UTF8.self)
            let s = Self.statistics(bytes, mode)
            let percent = try #require(s.chiSquarePValue) * 100
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
            let index = try #require(words.firstIndex(of: "value"))
            switch (words[index + 1], words[index + 2]) {
            case ("less", _): #expect(percent < 0.01 + 1e-6, "\(name) \(mode): \(percent)")
            case ("more", _): #expect(percent > 99.99 - 1e-6, "\(name) \(mode): \(percent)")
            default:
                let printed = try #require(Double(words[index + 1]))
                #expect(abs(percent - printed) <= 0.005 + 1e-4, "\(name) \(mode): exact \(percent) %, ent prints \(printed) %")
                #expect(abs(try #require(s.chiSquareExceedancePercent) - printed) <= 0.005 + 1e-12)
            }
        }
    }
}
