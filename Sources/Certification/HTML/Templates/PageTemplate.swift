/// The page: masthead with the verdict, the identity cards, one section per suite that ran
/// (partials), and the verification section with the embedded report.
///
/// The markup is also well-formed XML (quoted attributes, closed void elements, no named
/// entities but the XML five), so tests can read it with an XML parser. Partials are included
/// at the start of a line: swift-mustache indents a standalone partial's lines, which must
/// never happen inside `<pre>`.
enum PageTemplate {
    static let name = "page"
    static let text = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="generator" content="{{generator}}" />
    <title>{{documentTitle}}</title>
    <style>
    {{{stylesheet}}}
    </style>
    </head>
    <body>
    <main>
    <header class="masthead">
    <div>
    <div class="eyebrow">Random number generator assessment</div>
    <h1 id="input-name">{{heading}}</h1>
    <div class="subtitle">{{subtitle}}</div>
    </div>
    <div id="verdict" class="verdict {{verdict.cssClass}}" data-verdict="{{verdict.value}}" role="status" aria-label="Overall verdict: {{verdict.text}}">
    <span class="word">{{verdict.symbol}} {{verdict.text}}</span>
    <span class="caption">overall verdict</span>
    </div>
    </header>
    <p class="verdict-summary">{{verdictSummary}}</p>
    <div class="cards">
    <section class="card" aria-labelledby="card-input">
    <h3 id="card-input">Input</h3>
    <dl class="facts">{{#input}}
    {{>fact}}{{/input}}
    </dl>
    </section>
    <section class="card" aria-labelledby="card-run">
    <h3 id="card-run">Run</h3>
    <dl class="facts">{{#run}}
    {{>fact}}{{/run}}
    </dl>
    </section>
    <section class="card" aria-labelledby="card-signature">
    <h3 id="card-signature">Signature</h3>
    {{#signed}}
    <dl class="facts">{{#signer}}
    {{>fact}}{{/signer}}
    </dl>
    <p class="small" id="signature-not-checked">Signer named in the report: the signature was not checked in making this page (run <code>rngcert verify</code>). The signature covers report.json, which this page embeds byte for byte. Check the fingerprint against the one the lab publishes, then verify as shown in <a href="#verification">Verification</a>.</p>
    {{/signed}}
    {{^signed}}
    <p><span id="unsigned" class="badge verdict-na">UNSIGNED</span></p>
    <p class="small">This report carries no signature: nothing shows who produced it or that it is unchanged. Sign reports with <code>rngcert assess … --sign-key KEY</code>.</p>
    {{/signed}}
    </section>
    <section class="card" aria-labelledby="card-suites">
    <h3 id="card-suites">Suites</h3>
    <table class="suites">
    <tbody>{{#suites}}
    <tr><td><a href="#{{anchor}}">{{name}}</a></td><td><span class="badge {{verdict.cssClass}}">{{verdict.symbol}} {{verdict.text}}</span></td><td class="note">{{detail}}</td></tr>{{/suites}}{{^suites}}
    <tr><td class="note">No suite ran.</td></tr>{{/suites}}
    </tbody>
    </table>
    </section>
    </div>
    {{#ent}}
    {{>ent}}
    {{/ent}}
    {{#sp80022}}
    {{>sp80022}}
    {{/sp80022}}
    {{#sp80090b}}
    {{>sp80090b}}
    {{/sp80090b}}
    {{#verification}}
    {{>verification}}
    {{/verification}}
    <section id="signed-report" aria-labelledby="signed-report-title">
    <h2 id="signed-report-title">The report as signed</h2>
    <p class="lede">Below is report.json exactly as written: {{embedded.size}}, SHA-256 <code>{{embedded.sha256}}</code>. Copied from this page into a file (ending with one newline), it is byte for byte the file the signature covers.</p>
    <details id="report-json-block">
    <summary>report.json ({{embedded.size}})</summary>
    <pre id="report-json" class="json">{{{embedded.escapedJSON}}}</pre>
    </details>
    </section>
    <footer>
    <p>Rendered by {{generator}} from report.json (schema version {{schemaVersion}}). The page is self-contained and needs no network. It is not itself signed: trust its figures only as far as the verified report.json below them.</p>
    </footer>
    </main>
    </body>
    </html>

    """
}
