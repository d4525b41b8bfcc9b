import Certification
import Foundation

/// `rngcert history --html FILE`: one self-contained page (inline CSS and SVG, no script, no
/// external resource) with, per device: min-entropy over time with the claimed H, the bias
/// score per night, each SP 800-22 test's pass proportion per night with its pooled
/// uniformity p-value (`PooledUniformity`, the check no single night makes), health alarms,
/// and the drift rules' findings. Every string from the database is HTML-escaped.
public enum HistoryPage {
    public static func html(nights: [HistoryNight], rules: DriftRules, generatedAt: String) -> String {
        let devices = Dictionary(grouping: nights, by: \.row.device)
        let findings = rules.check(nights)
        var body = ""
        for device in devices.keys.sorted() {
            body += section(device: device, nights: devices[device]!, findings: findings.filter { $0.device == device }, rules: rules)
        }
        if devices.isEmpty { body = "<p>No reports in the history for this selection.</p>" }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>rngcert history</title>
        <style>
        body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
        table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left}
        svg.trend{display:block;margin:8px 0}.frame{fill:#fafafa;stroke:#ccc}.series{fill:none;stroke:#1f5fa8;stroke-width:1.5}
        .point{fill:#1f5fa8}.claim{stroke:#b00020;stroke-dasharray:5 3}.band{stroke:#a35c00;stroke-dasharray:2 3}.axis{font-size:10px;fill:#555}
        .chart-title{font-size:12px;font-weight:600}.finding{color:#b00020}.ok{color:#176b2c}.mono{font-family:ui-monospace,monospace}
        </style></head><body>
        <h1>rngcert history</h1>
        <p id="history-summary" data-findings="\(findings.count)">\(nights.count) reports, \(devices.count) device\(devices.count == 1 ? "" : "s"); \
        drift rules at α = \(escape(DriftRules.format(rules.alpha))) per device and rule; generated \(escape(generatedAt)).</p>
        \(body)
        </body></html>

        """
    }

    static func section(device: String, nights: [HistoryNight], findings: [DriftFinding], rules: DriftRules) -> String {
        let id = "device-" + String(device.unicodeScalars.map { $0.isASCII && CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
        let labels = nights.map { "\($0.row.time) \($0.row.inputPath)" }
        var out = "<section class=\"device\" id=\"\(escape(id))\" data-device=\"\(escape(device))\"><h2>Device \(escape(device))</h2>"
        out += "<p>\(nights.count) reports, \(escape(nights.first?.row.time ?? "")) to \(escape(nights.last?.row.time ?? "")).</p>"
        if findings.isEmpty {
            out += "<p class=\"ok\">No drift rule fired.</p>"
        } else {
            out += "<ul class=\"findings\">" + findings.map { f in
                "<li class=\"finding\"><b>\(escape(f.rule.rawValue))</b> (\(escape(f.test))) at night \(f.night), \(escape(f.time)), <span class=\"mono\">\(escape(f.inputPath))</span>: \(escape(f.detail))</li>"
            }.joined() + "</ul>"
        }
        let h = nights.map(\.row.assessedH)
        if h.contains(where: { $0 != nil }) {
            let claims = Set(nights.compactMap(\.row.claimedH)).sorted()
            out += TrendChart(id: id + "-min-entropy", title: "SP 800-90B min-entropy (bits per sample)", values: h,
                              references: claims.map { .init(value: $0, label: "claimed H = \($0)", cssClass: "claim") }, labels: labels).svg()
        } else {
            out += "<p>No SP 800-90B min-entropy in these reports.</p>"
        }
        let z = nights.map(\.row.biasScore)
        if z.contains(where: { $0 != nil }) {
            out += TrendChart(id: id + "-bias", title: "Bias score z = (ones − zeros)/√bits per night (±1.96: 95 % of good nights)", values: z,
                              references: [.init(value: 1.96, label: "+1.96", cssClass: "band"), .init(value: -1.96, label: "−1.96", cssClass: "band")],
                              lowerBound: -3, upperBound: 3, labels: labels).svg()
        }
        let alarms = nights.map { $0.row.healthAlarms.map(Double.init) }
        if alarms.contains(where: { $0 != nil }) {
            out += TrendChart(id: id + "-alarms", title: "Health-test alarms per night", values: alarms, lowerBound: 0, labels: labels).svg()
        }
        var order: [String] = []
        var perTest: [String: [Int: SP80022TestRow]] = [:]
        for (index, night) in nights.enumerated() {
            for test in night.tests {
                if perTest[test.test] == nil { order.append(test.test) }
                perTest[test.test, default: [:]][index] = test
            }
        }
        if !order.isEmpty {
            out += "<h3>SP 800-22: pass proportion per night, and all nights' p-values pooled</h3>"
            out += "<table class=\"sts\"><thead><tr><th>test</th><th>pass proportion per night</th><th>pooled uniformity p</th></tr></thead><tbody>"
            for test in order {
                let rows = perTest[test]!
                let series = nights.indices.map { rows[$0]?.proportion }
                let pooled = PooledUniformity.pValue(histograms: nights.indices.compactMap { rows[$0]?.histograms.slots })
                let chart = TrendChart(id: id + "-sts-" + test, title: test, values: series, lowerBound: 0.9, upperBound: 1,
                                       width: 360, height: 70, labels: labels).svg()
                let pooledText = pooled.map { DriftRules.format($0.p) } ?? "too few p-values"
                out += "<tr data-test=\"\(escape(test))\"><td>\(escape(test))</td><td>\(chart)</td><td>\(escape(pooledText))</td></tr>"
            }
            out += "</tbody></table>"
        }
        return out + "</section>\n"
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
