import Foundation
import Testing
@testable import RandomnessCore

/// The FFT is checked against the defining sum X_k = Σ x_j e^{−2πijk/n}, evaluated directly
/// (in long double where it matters) for a few bins.
@Suite struct RealFFTTests {
    /// Deterministic ±1 data (as the DFT test feeds it) from a fixed LCG.
    static func signs(_ n: Int) -> [Double] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<n).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 63 == 0 ? -1 : 1
        }
    }

    static func directMagnitude(_ x: [Double], _ k: Int) -> Double {
        let n = x.count
        var re: Float80 = 0, im: Float80 = 0
        for j in 0..<n {
            // Reduce j·k mod n exactly before scaling, so the angle is accurate for large n.
            let phase = Float80((j * k) % n) / Float80(n) * 2 * Float80.pi
            re += Float80(x[j]) * cosl(phase)
            im -= Float80(x[j]) * sinl(phase)
        }
        return Double((re * re + im * im).squareRoot())
    }

    @Test(arguments: [1, 2, 7, 100, 1000, 1024, 1023])
    func smallLengthsMatchTheDefinition(n: Int) throws {
        let x = Self.signs(n)
        let m = try RealFFT(length: n).magnitudes(of: x)
        #expect(m.count == n / 2 + 1)
        for k in 0..<m.count {
            let expected = Self.directMagnitude(x, k)
            #expect(abs(m[k] - expected) <= 1e-9 * max(1, expected), "bin \(k) of \(n)")
        }
    }

    @Test func millionPointTransform() throws {
        let n = 1_000_000
        let x = Self.signs(n)
        let m = try RealFFT(length: n).magnitudes(of: x)
        for k in [0, 1, 12_345, 499_999, 500_000] {
            let expected = Self.directMagnitude(x, k)
            #expect(abs(m[k] - expected) <= 1e-6 * max(1, expected), "bin \(k)")
        }
    }
}
