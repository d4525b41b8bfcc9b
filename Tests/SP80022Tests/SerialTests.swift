import Testing
import RandomnessCore
@testable import SP80022

@Suite struct SerialTests {
    /// SP 800-22 rev1a §2.11.4/§2.11.6: ε = 0011011101, m = 3: ψ²_3 = 2.8, ψ²_2 = 1.2,
    /// ψ²_1 = 0.4, ∇ψ² = 1.6, ∇²ψ² = 0.8, P-value1 = 0.808792, P-value2 = 0.670320.
    @Test func workedExample2114() throws {
        var parameters = SP80022Parameters()
        parameters.serialBlockLength = 3
        let outcome = try SerialTest.run(bitSequence("0011011101"), parameters: parameters)
        #expect(abs(outcome.statistics["psi2_m"]! - 2.8) < 1e-12)
        #expect(abs(outcome.statistics["psi2_m-1"]! - 1.2) < 1e-12)
        #expect(abs(outcome.statistics["psi2_m-2"]! - 0.4) < 1e-12)
        #expect(abs(outcome.pValues[0] - 0.808792) < 1e-6)
        #expect(abs(outcome.pValues[1] - 0.670320) < 1e-6)
        #expect(outcome.labels == ["∇ψ²m", "∇²ψ²m"])
    }

    @Test func smallInputsAndParameters() throws {
        var parameters = SP80022Parameters()
        for m in [1, 2, 16] {
            parameters.serialBlockLength = m
            let outcome = try SerialTest.run(bitSequence("01101"), parameters: parameters)
            #expect(outcome.pValues.count == 2)
            #expect(outcome.pValues.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
        parameters.serialBlockLength = 0
        #expect(throws: SP80022Error.self) { try SerialTest.run(bitSequence("0110"), parameters: parameters) }
    }
}
