import Foundation
import Certification
import SP80022

extension HistoryNight {
    /// The device recorded when none is named.
    public static let defaultDevice = "default"

    /// The history's row for `report`, written at `reportPath` (made absolute), from `device`.
    public init(report: Report, device: String, reportPath: String) {
        let reportPath = reportPath.hasPrefix("/") ? reportPath : FileManager.default.currentDirectoryPath + "/" + reportPath
        let ent = report.suites.ent
        let sts = report.suites.sp80022
        let ea = report.suites.sp80090b
        let bitCounts = ent?.bitMode.counts ?? []
        var alarms: Int? = ea?.healthTests?.alarmCount
        if let capture = report.input.captureManifest { alarms = (alarms ?? 0) + capture.health.alarmCount }
        let row = HistoryRow(
            device: device, time: report.startedAt, inputPath: report.input.path, inputSHA256: report.input.sha256,
            inputBytes: report.input.byteCount, toolVersion: report.tool.version, verdict: report.verdict.rawValue,
            entVerdict: ent?.verdict.rawValue, sp80022Verdict: sts?.verdict.rawValue, sp80090bVerdict: ea?.verdict.rawValue,
            entEntropy: ent?.byteMode.entropy, entChiSquareP: ent?.byteMode.chiSquarePValue,
            entBitChiSquareP: ent?.bitMode.chiSquarePValue,
            bitOnes: bitCounts.count == 2 ? Int(bitCounts[1]) : nil,
            bitCount: bitCounts.count == 2 ? Int(bitCounts[0] + bitCounts[1]) : nil,
            assessedH: ea?.assessedMinEntropy, claimedH: ea?.parameters.claimedEntropy, bitsPerSymbol: ea?.bitsPerSymbol,
            healthAlarms: alarms, reportPath: reportPath, signerFingerprint: report.signer?.fingerprint)
        let tests = (sts?.analysis ?? []).map { analysis in
            let passCount = analysis.slots.reduce(0) { $0 + $1.passCount }
            let sampleSize = analysis.slots.reduce(0) { $0 + $1.sampleSize }
            let uniformity = analysis.slots.compactMap { $0.uniformityNullProbability ?? $0.uniformityPValue }.min()
            return SP80022TestRow(
                reportId: 0, test: analysis.test.rawValue, verdict: analysis.verdict.rawValue, passCount: passCount,
                sampleSize: sampleSize, proportion: sampleSize > 0 ? Double(passCount) / Double(sampleSize) : nil,
                uniformityP: uniformity, histograms: analysis.slots.map(\.histogram))
        }
        self.init(row: row, tests: tests)
    }
}
