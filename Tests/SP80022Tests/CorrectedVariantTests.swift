import Testing
import RandomnessCore
@testable import SP80022

/// The `corrected` variants against STS 3 (arcetri/sts at 6c05f64, built from its Makefile),
/// which uses the same Universal K = 1000·2^L and takes the Block Frequency M as given:
///     sts -t 2,10 -P 1=10001 -S 1000000 -i 1 -F a|r -s -w DIR data.<name>
/// (-F a for the ASCII files, -F r for data.sha1; p-values from DIR/<Test>/results.txt, 6 decimals).
@Suite("SP 800-22 corrected variants")
struct CorrectedVariantTests {
    static let sts3: [(dataSet: String, blockFrequency: Double, universal: Double)] = [
        ("data.e", 0.688712, 0.632640),
        ("data.pi", 0.662859, 0.687852),
        ("data.sha1", 0.241901, 0.275621),
    ]

    @Test("corrected Block Frequency and Universal match STS 3", .enabled(if: Paths.referenceAvailable, "needs ../shared/reference/sp800-22 (absent here)"),
          arguments: sts3.map(\.dataSet))
    func correctedMatchesSTS3(dataSet: String) throws {
        let expected = try #require(Self.sts3.first { $0.dataSet == dataSet })
        let bits = try ReferenceDataSet(name: dataSet).bits().slice(0..<1_000_000)
        var parameters = SP80022Parameters()
        parameters.corrected = true
        // The default M = 128 breaks SP 800-22 §2.2.7 at n = 10^6; the corrected M is 10 001.
        let blockFrequency = try BlockFrequencyTest.run(bits, parameters: parameters)
        #expect(blockFrequency.statistics["M"] == 10_001 && blockFrequency.statistics["N"] == 99)
        #expect(abs(blockFrequency.pValues[0] - expected.blockFrequency) <= 5e-7 + 1e-12)
        let universal = try UniversalTest.run(bits, parameters: parameters)
        #expect(universal.statistics["L"] == 7 && universal.statistics["K"] == 128_000)
        #expect(abs(universal.pValues[0] - expected.universal) <= 5e-7 + 1e-12)
    }

    @Test func correctedBlockLengthKeepsAValidM() {
        var parameters = SP80022Parameters()
        parameters.corrected = true
        parameters.blockFrequencyBlockLength = 20_000   // M ≥ 20, M > 0.01 n, N = 50 < 100
        #expect(BlockFrequencyTest.blockLength(n: 1_000_000, parameters: parameters) == 20_000)
        parameters.blockFrequencyBlockLength = 128
        #expect(BlockFrequencyTest.blockLength(n: 1_000, parameters: parameters) == 128)     // N = 7: valid
        #expect(BlockFrequencyTest.blockLength(n: 100_000, parameters: parameters) == 1_001)
        #expect(BlockFrequencyTest.blockLength(n: 1_000_000, parameters: parameters) == 10_001)
        parameters.corrected = false
        #expect(BlockFrequencyTest.blockLength(n: 1_000_000, parameters: parameters) == 128)
    }
}
