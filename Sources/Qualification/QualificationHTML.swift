import AssessmentEngine
import Certification
import Foundation
import Mustache
import RandomnessCore

/// `qualification.html`: the signed qualification report for people — the verdict, a
/// plain-language summary of each decision, every figure, the entropy chart, the data files
/// with their SHA-256 and the reference command lines. Self-contained (inline CSS and SVG),
/// rendered from exactly the bytes of `qualification.json`, whose SHA-256 it shows.
public enum QualificationHTML {
    public static func render(_ report: QualificationReport, reportBytes: [UInt8]) -> String {
        let a = report.assessment
        let steps: [[String: Any]] = a.steps.map { step in
            let badge = VerdictBadge(step.decision)
            return ["id": step.id, "title": step.title, "section": step.section, "reason": step.reason,
                    "badgeClass": badge.cssClass, "badgeText": "\(badge.symbol) \(badge.text)",
                    "figures": step.figures.map { ["name": $0.name, "text": $0.text] }]
        }
        var bars: [(label: String, value: Double)] = []
        if let o = a.hOriginal { bars.append(("H_original", o)) }
        if let b = a.hBitstring { bars.append(("\(report.configuration.noise.bitsPerSample) × H_bitstring", Double(report.configuration.noise.bitsPerSample) * b)) }
        if let hI = a.hInitial { bars.append(("H_I", hI)) }
        if let r = a.restart?.rowEntropy { bars.append(("H_r (restart rows)", r)) }
        if let c = a.restart?.columnEntropy { bars.append(("H_c (restart columns)", c)) }
        if let h = a.entropyPerSample { bars.append(("validated H", h)) }
        let chart = bars.isEmpty ? "" : EntropyChainChart.svg(
            bars: bars, maximum: Double(report.configuration.noise.bitsPerSample), claim: a.hSubmitter,
            id: "entropy-chart", title: "Min-entropy per sample from the raw noise to the validated value; the line is the claim")
        let verdict = VerdictBadge(report.verdict)
        let device = report.configuration.device
        var deviceFacts: [[String: String]] = [["label": "vendor", "value": device.vendor], ["label": "model", "value": device.model]]
        if let s = device.serial { deviceFacts.append(["label": "serial", "value": s]) }
        if let f = device.firmware { deviceFacts.append(["label": "firmware", "value": f]) }
        if let d = device.description { deviceFacts.append(["label": "description", "value": d]) }
        deviceFacts.append(["label": "bits per sample", "value": "\(report.configuration.noise.bitsPerSample)"])
        deviceFacts.append(["label": "claimed min-entropy", "value": String(format: "%.6f bits per sample", report.configuration.claim.minEntropy)])
        deviceFacts.append(["label": "IID claim", "value": report.configuration.claim.iid ? "yes" : "no"])
        if let r = report.configuration.claim.rationale { deviceFacts.append(["label": "rationale", "value": r]) }
        let context: [String: Any] = [
            "stylesheet": ReportStylesheet.css,
            "title": "Qualification of \(device.vendor) \(device.model)",
            "verdictClass": verdict.cssClass, "verdictText": "\(verdict.symbol) \(verdict.text)", "verdictValue": verdict.value,
            "summary": a.steps.last?.reason ?? "",
            "device": deviceFacts,
            "run": [["label": "tool", "value": "\(report.tool.name) \(report.tool.version) (\(report.tool.build))"],
                    ["label": "host", "value": report.host], ["label": "started", "value": report.startedAt],
                    ["label": "finished", "value": report.finishedAt],
                    ["label": "configuration SHA-256", "value": report.configurationSHA256],
                    ["label": "report SHA-256", "value": SHA256Digest.hex(of: reportBytes)],
                    ["label": "signer fingerprint", "value": report.signer?.fingerprint ?? "unsigned"]],
            "steps": steps,
            "chart": chart,
            "datasets": report.datasets.map { ["file": $0.file, "role": $0.role.rawValue, "bytes": GroupedNumber.text($0.byteCount), "sha256": $0.sha256] },
            "commands": report.referenceCommands.map { ["step": $0.step, "figures": $0.figures, "command": $0.command] },
        ]
        return template.render(context)
    }

    static let template: MustacheTemplate = {
        do { return try MustacheTemplate(string: text) } catch { preconditionFailure("built-in qualification template does not parse: \(error)") }
    }()

    static let text = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{{title}}</title>
    <style>
    {{{stylesheet}}}
    </style>
    </head>
    <body>
    <main>
    <header class="masthead">
    <div>
    <div class="eyebrow">SP 800-90B noise source qualification</div>
    <h1 id="device-name">{{title}}</h1>
    </div>
    <div id="verdict" class="verdict {{verdictClass}}" data-verdict="{{verdictValue}}" role="status" aria-label="Overall verdict: {{verdictText}}">
    <span class="word">{{verdictText}}</span>
    <span class="caption">qualification verdict</span>
    </div>
    </header>
    <p class="verdict-summary" id="summary">{{summary}}</p>
    <div class="cards">
    <section class="card"><h3>Device and claim</h3><dl class="facts">{{#device}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/device}}</dl></section>
    <section class="card"><h3>Run</h3><dl class="facts">{{#run}}<dt>{{label}}</dt><dd><code>{{value}}</code></dd>{{/run}}</dl></section>
    </div>
    <section class="suite" id="chart"><h2>Entropy, step by step</h2>
    <div class="charts">{{{chart}}}</div>
    </section>
    {{#steps}}
    <section class="suite step" id="step-{{id}}" data-decision="{{badgeClass}}">
    <h2>{{title}} <span class="badge {{badgeClass}}">{{badgeText}}</span></h2>
    <p class="small">{{section}}</p>
    <p class="lede">{{reason}}</p>
    <table><tbody>{{#figures}}<tr><th scope="row">{{name}}</th><td><code>{{text}}</code></td></tr>{{/figures}}</tbody></table>
    </section>
    {{/steps}}
    <section class="suite" id="data-files"><h2>Data files</h2>
    <table><thead><tr><th>file</th><th>role</th><th>bytes</th><th>SHA-256</th></tr></thead><tbody>
    {{#datasets}}<tr><td><code>{{file}}</code></td><td>{{role}}</td><td>{{bytes}}</td><td><code>{{sha256}}</code></td></tr>{{/datasets}}
    </tbody></table>
    </section>
    <section class="suite" id="reference-commands"><h2>Reproduce with NIST's reference programs</h2>
    <p class="small">Run from the evidence folder (usnistgov/SP800-90B_EntropyAssessment).</p>
    <table><tbody>{{#commands}}<tr><th scope="row">{{step}}</th><td><code>{{command}}</code><div class="small">{{figures}}</div></td></tr>{{/commands}}</tbody></table>
    </section>
    </main>
    </body>
    </html>

    """
}
