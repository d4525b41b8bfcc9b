import Foundation
import Testing
import RandomnessCore
@testable import SP80022

/// The parts of expected/data.*.json these tests use, and the first 10^6 bits of a data set
/// (located by `Paths`, read in place).
private enum ReferenceData {
    struct Expected: Decodable {
        let nonoverlapping_templates: [String]?
        let random_excursion_cycles_J: Int?
    }

    static func expected(_ dataset: String) throws -> Expected {
        let url = Paths.sp80022Reference!.appendingPathComponent("expected/\(dataset).json")
        return try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
    }

    static func bits(_ dataset: String) throws -> BitSequence {
        try ReferenceDataSet(name: dataset).bits().slice(0..<1_000_000)
    }
}

/// Non-overlapping Template, Overlapping Template, Approximate Entropy, Random Excursions
/// (+ Variant), Serial and Linear Complexity on the NIST data sets, beyond the p-value parity
/// that `STSParityTests` checks for every registered test: template labels, STS's skip on
/// data.sha1, and SP 800-22 rev1a's worked examples on the first 10^6 bits of e.
@Suite(.enabled(if: Paths.referenceAvailable, "NIST reference data not found (../shared/reference/sp800-22); reference tests skipped"))
struct ReferenceDataExampleTests {
    @Test func templateLabelsFollowSTSOrder() throws {
        let expected = try ReferenceData.expected("data.e")
        let templates = try #require(expected.nonoverlapping_templates)
        let outcome = try NonOverlappingTemplateTest.run(try ReferenceData.bits("data.e"), parameters: SP80022Parameters())
        #expect(outcome.labels == templates)
    }

    /// data.sha1 has J = 412 cycles (< 500): both excursion tests are not applicable and say why.
    @Test func excursionsNotApplicableOnSHA1() throws {
        let bits = try ReferenceData.bits("data.sha1")
        let expected = try ReferenceData.expected("data.sha1")
        #expect(expected.random_excursion_cycles_J == 412)
        let excursions = try RandomExcursionsTest.run(bits, parameters: SP80022Parameters())
        let variant = try RandomExcursionsVariantTest.run(bits, parameters: SP80022Parameters())
        #expect(excursions.notApplicable?.contains("J = 412") == true)
        #expect(variant.notApplicable?.contains("J = 412") == true)
        #expect(excursions.statistics["J"] == 412)
    }

    // SP 800-22 rev1a worked examples on the first 1,000,000 bits of e (data.e), where the
    // publication's printed values agree with STS 2.1.2.

    /// §2.8.8: m = 9, M = 1032, N = 968: P-value = 0.110434 (with STS's probabilities).
    @Test func overlappingTemplateExample288() throws {
        let outcome = try OverlappingTemplateTest.run(try ReferenceData.bits("data.e"), parameters: SP80022Parameters())
        #expect(abs(outcome.pValues[0] - 0.110434) < 1e-6)
        #expect(abs(outcome.statistics["chi_squared"]! - 8.965859) < 1e-6)
        #expect(outcome.statistics["N"] == 968)
    }

    /// §2.10.8: M = 1000: ν = 11, 31, 116, 501, 258, 57, 26; P-value = 0.845406.
    @Test func linearComplexityExample2108() throws {
        var parameters = SP80022Parameters()
        parameters.linearComplexityBlockLength = 1000
        let outcome = try LinearComplexityTest.run(try ReferenceData.bits("data.e"), parameters: parameters)
        let nu = (0...6).map { outcome.statistics["nu_\($0)"]! }
        #expect(nu == [11, 31, 116, 501, 258, 57, 26])
        #expect(abs(outcome.pValues[0] - 0.845406) < 1e-6)
    }

    /// §2.11.8: m = 2: P-value1 = 0.843764, P-value2 = 0.561915.
    @Test func serialExample2118() throws {
        var parameters = SP80022Parameters()
        parameters.serialBlockLength = 2
        let outcome = try SerialTest.run(try ReferenceData.bits("data.e"), parameters: parameters)
        #expect(abs(outcome.pValues[0] - 0.843764) < 1e-6)
        #expect(abs(outcome.pValues[1] - 0.561915) < 1e-6)
    }

    /// §2.14.8: J = 1490; P-values for x = −4, −3, −2, −1 of 0.573306, 0.197996, 0.164011,
    /// 0.007779 (the publication's values for x = 1 … 4 disagree with STS 2.1.2 and are not used).
    @Test func randomExcursionsExample2148() throws {
        let outcome = try RandomExcursionsTest.run(try ReferenceData.bits("data.e"), parameters: SP80022Parameters())
        #expect(outcome.statistics["J"] == 1490)
        for (ours, published) in zip(outcome.pValues.prefix(4), [0.573306, 0.197996, 0.164011, 0.007779]) {
            #expect(abs(ours - published) < 1e-6)
        }
    }

    /// §2.15.8: J = 1490; visits ξ(x) for x = −9 … 9 and their P-values.
    @Test func randomExcursionsVariantExample2158() throws {
        let outcome = try RandomExcursionsVariantTest.run(try ReferenceData.bits("data.e"), parameters: SP80022Parameters())
        let visits = [1450, 1435, 1380, 1366, 1412, 1475, 1480, 1468, 1502, 1409, 1369, 1396, 1479, 1599, 1628, 1619, 1620, 1610]
        let published = [0.858946, 0.794755, 0.576249, 0.493417, 0.633873, 0.917283, 0.934708, 0.816012, 0.826009,
                         0.137861, 0.200642, 0.441254, 0.939291, 0.505683, 0.445935, 0.512207, 0.538635, 0.593930]
        #expect(outcome.statistics["J"] == 1490)
        for (i, x) in RandomWalkCycles.variantStates.enumerated() {
            #expect(outcome.statistics["visits[x = \(x)]"] == Double(visits[i]))
            #expect(abs(outcome.pValues[i] - published[i]) < 1e-6, "x = \(x)")
        }
    }
}
