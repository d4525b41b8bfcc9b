import Certification
import RandomnessCore

/// `junit.xml`: the batch as CI systems read test results (the JUnit XML format of Ant and
/// Maven Surefire, as read by Jenkins, GitLab and junitparser).
///
/// One `testsuite` per input, named by the input; one `testcase` per ENT mode, per SP 800-22
/// test (its p-value slots together) and for SP 800-90B. A failed verdict is a `failure` with
/// the reason, not applicable is `skipped`, suspect passes with a note in `system-out`; an
/// input that could not be assessed is one `testcase` with an `error`.
public enum JUnitReport {
    struct Case {
        var className: String
        var name: String
        var verdict: Verdict?
        var message: String
        var error: String?
    }

    public static func xml(summary: BatchSummary, reports: [Report?], out: String) -> String {
        let suites = zip(summary.entries, reports).map { entry, report in (entry, report, cases(entry: entry, report: report)) }
        let all = suites.flatMap(\.2)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"rngcert batch\" tests=\"\(all.count)\" failures=\"\(all.filter { $0.verdict == .fail }.count)\""
            + " errors=\"\(all.filter { $0.error != nil }.count)\" skipped=\"\(all.filter { $0.verdict == .notApplicable }.count)\">\n"
        for (entry, report, cases) in suites {
            xml += "  <testsuite name=\"\(XMLText.escape(entry.input))\" tests=\"\(cases.count)\""
                + " failures=\"\(cases.filter { $0.verdict == .fail }.count)\" errors=\"\(cases.filter { $0.error != nil }.count)\""
                + " skipped=\"\(cases.filter { $0.verdict == .notApplicable }.count)\" timestamp=\"\(XMLText.escape(report?.startedAt ?? summary.startedAt))\">\n"
            xml += "    <properties>\n"
            xml += property("report", out + "/" + entry.directory + "/report.json")
            if let sha = entry.sha256 { xml += property("sha256", sha) }
            if let bytes = entry.byteCount { xml += property("bytes", String(bytes)) }
            if let device = summary.device { xml += property("device", device) }
            xml += property("status", entry.status.rawValue)
            xml += "    </properties>\n"
            for item in cases { xml += testcase(item) }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    static func property(_ name: String, _ value: String) -> String {
        "      <property name=\"\(XMLText.escape(name))\" value=\"\(XMLText.escape(value))\"/>\n"
    }

    static func testcase(_ item: Case) -> String {
        let head = "    <testcase classname=\"\(XMLText.escape(item.className))\" name=\"\(XMLText.escape(item.name))\""
        if let error = item.error {
            return head + ">\n      <error type=\"input\" message=\"\(XMLText.escape(error))\">\(XMLText.escape(error))</error>\n    </testcase>\n"
        }
        switch item.verdict {
        case .fail?:
            return head + ">\n      <failure type=\"fail\" message=\"\(XMLText.escape(item.message))\">\(XMLText.escape(item.message))</failure>\n    </testcase>\n"
        case .notApplicable?:
            return head + ">\n      <skipped message=\"\(XMLText.escape(item.message))\"/>\n    </testcase>\n"
        case .suspect?:
            return head + ">\n      <system-out>suspect: \(XMLText.escape(item.message))</system-out>\n    </testcase>\n"
        default:
            return head + "/>\n"
        }
    }

    static func cases(entry: BatchEntry, report: Report?) -> [Case] {
        let prefix = entry.directory
        guard let report else {
            return [Case(className: prefix, name: "assess", verdict: nil, message: "", error: entry.error ?? "not assessed")]
        }
        var out: [Case] = []
        if let ent = report.suites.ent {
            for stats in [ent.byteMode, ent.bitMode] {
                let p = stats.chiSquarePValue.map { "chi-square p = \($0)" } ?? (stats.notApplicableReason ?? "no chi-square")
                out.append(Case(className: prefix + ".ent", name: "\(stats.mode.rawValue) mode", verdict: stats.verdict, message: p))
            }
        }
        if let sts = report.suites.sp80022 {
            for analysis in sts.analysis {
                let flagged = analysis.slots.filter { $0.verdict == .fail || $0.verdict == .suspect }
                var message = flagged.isEmpty ? "\(analysis.slots.count) slot(s), none flagged"
                    : "\(flagged.count) of \(analysis.slots.count) slot(s) flagged: " + flagged.prefix(5).map { slot in
                        let label = slot.label.isEmpty ? "" : slot.label + " "
                        return "\(label)pass \(slot.passCount)/\(slot.sampleSize)" + (slot.uniformityFailed ? ", uniformity failed" : "")
                    }.joined(separator: "; ")
                if analysis.verdict == .notApplicable { message = analysis.notApplicableReasons.first ?? "not applicable" }
                out.append(Case(className: prefix + ".sp800-22", name: analysis.test.rawValue, verdict: analysis.verdict, message: message))
            }
        }
        if let ea = report.suites.sp80090b {
            var message = ea.assessedMinEntropy.map { "H = \($0) bits per \(ea.bitsPerSymbol)-bit sample" } ?? "no min-entropy assessed"
            if !ea.reasons.isEmpty { message += "; " + ea.reasons.joined(separator: "; ") }
            out.append(Case(className: prefix + ".sp800-90b", name: "min-entropy", verdict: ea.verdict, message: message))
        }
        return out
    }
}
