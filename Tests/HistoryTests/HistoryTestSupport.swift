import Foundation
import History
import RandomnessCore

/// A fresh temporary directory, removed when the value is released.
final class HistoryTemporaryDirectory {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("rngcert-history-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Synthetic nights for the rule tests: seeded, so each run sees the same data.
enum SyntheticNights {
    /// A night of `device` with bias score `z` (bit counts of 2^20 bits), optional H, and one
    /// SP 800-22 test whose `slots` histograms each hold `streams` p-values drawn by `pValue`.
    static func night(device: String, index: Int, z: Double, h: Double? = nil, claim: Double? = nil,
                      slots: Int = 2, streams: Int = 10, generator: inout Xoshiro256StarStar,
                      pValue: (inout Xoshiro256StarStar) -> Double = { $0.nextUnit() }) -> HistoryNight {
        let bits = 1 << 20
        let ones = Int((Double(bits) + z * Double(bits).squareRoot()) / 2)
        let row = HistoryRow(device: device, time: String(format: "2026-11-%02dT02:00:00Z", index + 1), inputPath: "night-\(index + 1).bin",
                             inputSHA256: String(repeating: "0", count: 64), inputBytes: bits / 8, toolVersion: "test", verdict: "pass",
                             bitOnes: ones, bitCount: bits, assessedH: h, claimedH: claim, reportPath: "/r/\(index + 1)/report.json")
        var histograms: [[Int]] = []
        for _ in 0..<slots {
            var histogram = Array(repeating: 0, count: 10)
            for _ in 0..<streams { histogram[min(9, Int(pValue(&generator) * 10))] += 1 }
            histograms.append(histogram)
        }
        let test = SP80022TestRow(reportId: 0, test: "Frequency", verdict: "pass", passCount: streams * slots, sampleSize: streams * slots,
                                  proportion: 1, uniformityP: nil, histograms: histograms)
        return HistoryNight(row: row, tests: [test])
    }

    /// A standard normal draw (Box–Muller).
    static func normal(_ generator: inout Xoshiro256StarStar) -> Double {
        let u1 = max(generator.nextUnit(), 0x1p-60), u2 = generator.nextUnit()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}
