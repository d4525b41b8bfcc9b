import Foundation
import Testing
@testable import SP80090B

/// Conditioning (SP 800-90B §3.1.5) against ea_conditioning on a grid of parameters
/// (Fixtures/sp800-90b-conditioning/expected.json, made by run_reference.py; see README.md).
struct ConditioningTests {
    struct Case: Decodable {
        var args: [String]
        var vetted: Bool
        var n_in: Int
        var n_out: Int
        var nw: Int
        var h_in: Double
        var h_prime: Double?
        /// ea_conditioning prints long doubles with %.22Lg; kept as text.
        var output_entropy: String
        var h_out: String
        /// −log₂ε printed as "epsilon = 2^(−…)" for vetted outputs above 0.999·n_out.
        var epsilon_exponent: String?
        var ig_dk_resolution_19: Bool?
    }

    struct Expected: Decodable {
        var source: String
        var cases: [Case]
    }

    static let expected: Expected? = {
        let url = RestartFixtureData.packageRoot.appendingPathComponent("Fixtures/sp800-90b-conditioning/expected.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(Expected.self, from: data)
    }()

    /// Every case within 1e-12 relative (absolute below 1 bit: where ψ = 1 exactly the reference
    /// prints −0 and the log-domain sum gives ~1e-18), far inside
    /// the project's 1e-6.
    @Test func outputEntropyMatchesEaConditioning() throws {
        let cases = try #require(Self.expected).cases
        #expect(cases.count >= 300)
        for c in cases {
            let component: ConditioningAssessment.Component = c.vetted ? .vetted : .nonVetted(entropyPerBit: try #require(c.h_prime))
            let a = try ConditioningAssessment(component: component, inputBits: c.n_in, outputBits: c.n_out, narrowestWidth: c.nw, inputEntropy: c.h_in)
            let oe = try #require(Double(c.output_entropy)), hOut = try #require(Double(c.h_out))
            #expect(abs(a.outputEntropyFunction - oe) <= 1e-12 * max(abs(oe), 1), "\(c.args): \(a.outputEntropyFunction) vs \(c.output_entropy)")
            #expect(abs(a.outputEntropy - hOut) <= 1e-12 * max(abs(hOut), 1), "\(c.args): \(a.outputEntropy) vs \(c.h_out)")
            #expect(a.effectiveNarrowestWidth == min(c.nw, c.n_in))
        }
    }

    /// The distance from full entropy, −log₂ε for h_out = (1 − ε)·n_out, as ea_conditioning
    /// prints it (56 vetted cases, ε down to 2^−49747), within 1e-12 relative; and the
    /// IG D.K Resolution 19 input condition it notes.
    @Test func fullEntropyEpsilonMatchesEaConditioning() throws {
        let cases = try #require(Self.expected).cases.filter(\.vetted)
        #expect(cases.filter { $0.epsilon_exponent != nil }.count >= 50)
        for c in cases {
            let a = try ConditioningAssessment(component: .vetted, inputBits: c.n_in, outputBits: c.n_out, narrowestWidth: c.nw, inputEntropy: c.h_in)
            guard let text = c.epsilon_exponent else {
                #expect(a.fullEntropyEpsilonExponent == nil, "\(c.args)")
                continue
            }
            let reference = try #require(Double(text))
            let e = try #require(a.fullEntropyEpsilonExponent, "\(c.args)")
            #expect(abs(e - reference) <= 1e-12 * reference, "\(c.args): \(e) vs \(text)")
            #expect(a.meetsIGDKResolution19InputCondition == c.ig_dk_resolution_19, "\(c.args)")
        }
    }

    /// §3.1.5.1.2 by hand for SHA-256 (n_in = 512, n_out = nw = 256) with h_in = 256: P_high =
    /// 2^−256, P_low ≈ 2^−512, ψ ≈ 2^−256·(1 + 2^−256·…) and ω = (2^256 + sqrt(512·2^256·ln 2))·P_low
    /// ≈ 2^−256·(1 + 18.84·2^−128): the output entropy is 256 to double precision. With
    /// h_in = 128 the input limits it: ψ ≈ 2^−128, h_out ≈ 128.
    @Test func hashConditioningExamples() throws {
        let full = try ConditioningAssessment(component: .vetted, inputBits: 512, outputBits: 256, narrowestWidth: 256, inputEntropy: 512)
        #expect(full.outputEntropy == 256)
        let half = try ConditioningAssessment(component: .vetted, inputBits: 512, outputBits: 256, narrowestWidth: 256, inputEntropy: 128)
        #expect(abs(half.outputEntropy - 128) < 1e-9)
        let nonVetted = try ConditioningAssessment(component: .nonVetted(entropyPerBit: 0.9), inputBits: 512, outputBits: 256, narrowestWidth: 256, inputEntropy: 512)
        #expect(nonVetted.outputEntropy == 0.9 * 256)
        #expect(nonVetted.nonVettedCap == 0.999 * 256)
        let capped = try ConditioningAssessment(component: .nonVetted(entropyPerBit: 1), inputBits: 512, outputBits: 256, narrowestWidth: 256, inputEntropy: 512)
        #expect(capped.outputEntropy == 0.999 * 256)
    }

    /// Extreme sizes stay finite and within min(n_out, nw, h_in) (ea_conditioning's asserts).
    @Test func extremeSizesStayFiniteAndBounded() throws {
        let maxSize = Int(UInt32.max)
        for (nIn, nOut, nw, h) in [(maxSize, 256, 256, Double(maxSize)), (maxSize, maxSize, maxSize, 1e-300), (maxSize, 1, maxSize, 0.5),
                                   (1, maxSize, maxSize, 1), (2, 1, 1, 2), (4096, 4096, 4096, 1e-9)] {
            let a = try ConditioningAssessment(component: .vetted, inputBits: nIn, outputBits: nOut, narrowestWidth: nw, inputEntropy: h)
            #expect(a.outputEntropy.isFinite && a.outputEntropy >= 0)
            #expect(a.outputEntropy <= min(Double(nOut), Double(min(nw, nIn)), h) * (1 + 1e-12))
        }
    }

    /// ea_conditioning's input checks: n_in, n_out, nw in [1, 2^32 − 1], 0 < h_in ≤ n_in, 0 < h' ≤ 1.
    @Test func outOfRangeParametersAreNamed() {
        #expect(throws: ConditioningError.sizeOutOfRange(parameter: "n_in", value: 0)) {
            try ConditioningAssessment(component: .vetted, inputBits: 0, outputBits: 1, narrowestWidth: 1, inputEntropy: 1)
        }
        #expect(throws: ConditioningError.sizeOutOfRange(parameter: "n_out", value: Int(UInt32.max) + 1)) {
            try ConditioningAssessment(component: .vetted, inputBits: 8, outputBits: Int(UInt32.max) + 1, narrowestWidth: 1, inputEntropy: 1)
        }
        #expect(throws: ConditioningError.sizeOutOfRange(parameter: "nw", value: -3)) {
            try ConditioningAssessment(component: .vetted, inputBits: 8, outputBits: 8, narrowestWidth: -3, inputEntropy: 1)
        }
        for h in [0, -1, 8.5, .infinity] {
            #expect(throws: ConditioningError.entropyOutOfRange(parameter: "h_in", value: h, upperBound: 8)) {
                try ConditioningAssessment(component: .vetted, inputBits: 8, outputBits: 8, narrowestWidth: 8, inputEntropy: h)
            }
        }
        #expect(throws: ConditioningError.self) {
            try ConditioningAssessment(component: .vetted, inputBits: 8, outputBits: 8, narrowestWidth: 8, inputEntropy: .nan)
        }
        for hp in [0, 1.5, -0.1] {
            #expect(throws: ConditioningError.entropyOutOfRange(parameter: "h'", value: hp, upperBound: 1)) {
                try ConditioningAssessment(component: .nonVetted(entropyPerBit: hp), inputBits: 8, outputBits: 8, narrowestWidth: 8, inputEntropy: 4)
            }
        }
        #expect(ConditioningError.sizeOutOfRange(parameter: "nw", value: 0).description.contains("nw"))
    }
}
