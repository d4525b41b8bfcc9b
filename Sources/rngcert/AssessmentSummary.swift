import Certification
import ENT
import RandomnessCore
import SP80022
import SP80090B

/// The short human summary `rngcert assess` prints.
enum AssessmentSummary {
    static func text(for report: Report, files: ReportFiles) -> String {
        var lines: [String] = []
        let input = report.input
        lines.append("rngcert \(report.tool.version): \(TerminalText.escaped(input.path)) (\(input.byteCount) bytes, \(input.format.rawValue), sha256 \(input.sha256))")
        if let capture = input.captureManifest {
            let state = capture.complete ? "complete" : "INCOMPLETE (\(capture.endReason.rawValue))"
            lines.append("capture: \(state), from \(capture.source.location), \(capture.startedAt) to \(capture.finishedAt), "
                + "\(capture.health.alarmCount) health alarm\(capture.health.alarmCount == 1 ? "" : "s")")
        }
        if let ent = report.suites.ent {
            lines.append(row("ENT", ent.verdict, entDetail(ent)))
        }
        if let sts = report.suites.sp80022 {
            lines.append(row("SP 800-22", sts.verdict, stsDetail(sts)))
        }
        if let ea = report.suites.sp80090b {
            lines.append(row("SP 800-90B", ea.verdict, sp80090bDetail(ea)))
        }
        lines.append("verdict: \(report.verdict.rawValue.uppercased())")
        lines.append("report: \(TerminalText.escaped(files.report))" + (report.signer != nil ? " (signed, key \(report.signer!.fingerprint.prefix(16))…)" : ""))
        lines.append("html: \(TerminalText.escaped(files.html))")
        if let table = report.suites.sp80022?.streamTable {
            lines.append("streams: \(TerminalText.escaped(files.directory + "/" + table.file)) (\(table.rows) rows)")
        }
        return lines.joined(separator: "\n")
    }

    static func row(_ suite: String, _ verdict: Verdict, _ detail: String) -> String {
        suite.padding(toLength: 11, withPad: " ", startingAt: 0) + verdict.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0) + detail
    }

    static func entDetail(_ ent: ENTSuiteResult) -> String {
        let byte = ent.byteMode
        var parts = ["entropy \(fixed(byte.entropy, 6)) bits/byte"]
        if let chi = byte.chiSquare, let p = byte.chiSquarePValue { parts.append("chi-square \(fixed(chi, 2)) (p = \(fixed(p, 4)))") }
        if let bitP = ent.bitMode.chiSquarePValue { parts.append("bit chi-square p = \(fixed(bitP, 4))") }
        return parts.joined(separator: ", ")
    }

    static func stsDetail(_ sts: SP80022SuiteResult) -> String {
        let slots = sts.analysis.flatMap(\.slots)
        let flagged = slots.filter { $0.verdict == .fail || $0.verdict == .suspect }
        var text = "\(sts.streamCount) × \(sts.streamLength) bits, \(sts.tests.count) tests, \(slots.count) p-value slots"
        text += flagged.isEmpty ? ", none flagged" : ", flagged: " + flagged.prefix(4).map { slot in
            let test = sts.analysis.first { $0.slots.contains(slot) }!.test.rawValue
            return slot.label.isEmpty ? test : "\(test) \(slot.label)"
        }.joined(separator: ", ") + (flagged.count > 4 ? " and \(flagged.count - 4) more" : "")
        return text
    }

    /// Assessed H and its track, the IID verdict, the claim and the health-test alarms.
    static func sp80090bDetail(_ ea: SP80090BSuiteResult) -> String {
        var parts = [ea.assessedMinEntropy.map { "H = \(fixed($0, 6)) bits per \(ea.bitsPerSymbol)-bit sample (\(ea.assessedBy.rawValue) track)" }
                     ?? "no min-entropy assessed"]
        if let all = ea.inputSampleCount { parts.append("window: first \(ea.sampleCount) of \(all) samples") }
        if let iid = ea.iid {
            parts.append("IID " + (iid.isIID ? "not rejected" : "rejected") + (ea.parameters.claimedIID ? " (claimed)" : ""))
        } else {
            parts.append(ea.parameters.iid == nil ? "IID track not run" : "IID track not applicable")
        }
        if let h = ea.parameters.claimedEntropy, let assessed = ea.assessedMinEntropy {
            parts.append("claimed \(fixed(h, 6)) " + (assessed >= h ? "met" : "not met"))
        } else if let assessed = ea.assessedMinEntropy, SP80090BEntropyFloor(bitsPerSymbol: ea.bitsPerSymbol).fails(assessed: assessed) {
            parts.append("below the no-claim floor \(fixed(SP80090BEntropyFloor(bitsPerSymbol: ea.bitsPerSymbol).floor, 6))")
        }
        if let health = ea.healthTests {
            let basis = health.basis == .claimedEntropy ? "claimed" : "assessed"
            let judged = "\(fixed(health.judgement.expectedFalseAlarms, 1)) expected by chance, \(health.judgement.verdict.rawValue)"
            parts.append(health.alarmCount == 0
                ? "health tests: no alarms at the \(basis) H"
                : "health tests: \(health.alarmCount) alarm(s) at the \(basis) H (RCT \(health.scan.repetitionCountAlarms), APT \(health.scan.adaptiveProportionAlarms); \(judged))")
        } else if ea.nonIID == nil {
            parts.append(ea.reasons.first ?? "not assessed")
        }
        if let restart = ea.restart {
            parts.append(restart.assessedEntropy.map { "restart tests: pass (min(H_r, H_c, H_I) = \(fixed($0, 6)))" }
                ?? "restart tests: fail (\(restart.failure?.rawValue ?? "failed"))")
        }
        return parts.joined(separator: ", ")
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scaled = (value * pow10(digits)).rounded()
        if scaled == 0 { scaled = 0 }
        let negative = scaled < 0
        let magnitude = String(Int64(abs(scaled)))
        let padded = String(repeating: "0", count: max(0, digits + 1 - magnitude.count)) + magnitude
        let cut = padded.index(padded.endIndex, offsetBy: -digits)
        return (negative ? "-" : "") + padded[..<cut] + (digits > 0 ? "." + padded[cut...] : "")
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }
}
