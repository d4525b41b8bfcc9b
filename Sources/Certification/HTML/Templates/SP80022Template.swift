/// The SP 800-22 section (context: `SP80022Section`): STS's final analysis table for several
/// streams, the p-values for one.
enum SP80022Template {
    static let name = "sp80022"
    static let text = """
    <section id="sp800-22" aria-labelledby="sp800-22-title">
    <h2 id="sp800-22-title">NIST SP 800-22 <span class="badge {{verdict.cssClass}}">{{verdict.symbol}} {{verdict.text}}</span></h2>
    <p class="lede">The fifteen statistical tests of SP 800-22 rev. 1a, as NIST STS 2.1.2 runs them. {{summary}}</p>
    <dl class="facts">{{#overview}}
    {{>fact}}{{/overview}}
    </dl>
    <p class="small">{{rule}} {{policy}}</p>
    {{#hasReasons}}
    <div class="{{reasonsClass}}" id="sts-reasons"><strong>Verdict {{verdict.text}}:</strong>
    <ul class="reasons">{{#reasons}}
    <li>{{.}}</li>{{/reasons}}
    </ul>{{#moreReasons}}
    <span class="note">{{.}}</span>{{/moreReasons}}
    </div>
    {{/hasReasons}}
    <div class="charts">
    <div class="split">
    <figure>
    {{{histogramChart}}}
    <figcaption>All p-values of the run in ten bins (STS's C1…C10 summed over every test and slot). Uniform p-values fill the bins evenly (dashed line).</figcaption>
    </figure>
    <div class="keyfigures">
    <dl class="facts">{{#keyFigures}}
    {{>fact}}{{/keyFigures}}{{#basis}}
    {{>fact}}{{/basis}}
    </dl>
    </div>
    </div>
    {{#proportionChart}}
    <figure class="wide">
    {{{.}}}
    <figcaption>Proportion of streams passing (p ≥ α) for every p-value slot, grouped by test, on its accepted range (vertical bar: STS's bounds on the pass count, which round the interval p̂ ± 3√(p̂(1 − p̂)/m) outwards). The dashed line is the expected proportion p̂ = 1 − α; red dots fail.</figcaption>
    </figure>
    {{/proportionChart}}
    {{#pValueChart}}
    <figure class="wide">
    {{{.}}}
    <figcaption>Every p-value of the stream, grouped by test. The dashed red line is α; p-values below it (red) fail.</figcaption>
    </figure>
    {{/pValueChart}}
    </div>
    {{#multiStream}}
    <h3>Final analysis</h3>
    <table class="sts">
    <thead><tr><th>Test</th><th>Slot</th><th>C1 … C10</th><th class="num">Uniformity P</th><th class="num">Proportion</th><th class="num">Accepted</th><th>Verdict</th></tr></thead>
    {{#tests}}
    <tbody class="group" id="row-{{anchor}}">{{#inline}}{{#rows}}
    <tr><td class="test">{{name}}</td><td>{{label}}</td><td class="counts">{{{sparkline}}}<span class="c">{{histogram}}</span></td><td class="num{{#uniformityFailed}} flag{{/uniformityFailed}}">{{uniformity}}</td><td class="num{{#proportionFailed}} flag{{/proportionFailed}}">{{proportion}}</td><td class="num">{{passRange}}</td><td><span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></td></tr>{{/rows}}{{/inline}}{{#collapsed}}
    <tr><td class="test">{{name}}</td><td><a href="#{{anchor}}">{{slotCount}} slots</a></td><td class="counts">{{{sparkline}}}<span class="c">{{histogram}}</span></td><td colspan="3" class="note">{{summary}}</td><td><span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></td></tr>{{/collapsed}}{{#empty}}
    <tr><td class="test">{{name}}</td><td colspan="5" class="note">no p-value</td><td><span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></td></tr>{{/empty}}{{#notApplicable}}
    <tr class="sub"><td></td><td colspan="6" class="note">{{.}}</td></tr>{{/notApplicable}}
    </tbody>
    {{/tests}}
    </table>
    {{#collapsedTests}}
    <details id="{{anchor}}">
    <summary>{{name}}: all {{slotCount}} slots <span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></summary>
    <table class="sts">
    <thead><tr><th>Slot</th><th>C1 … C10</th><th class="num">Uniformity P</th><th class="num">Proportion</th><th class="num">Interval</th><th class="num">Accepted</th><th>Verdict</th></tr></thead>
    <tbody>{{#rows}}
    <tr><td class="mono">{{label}}</td><td class="counts">{{{sparkline}}}<span class="c">{{histogram}}</span></td><td class="num{{#uniformityFailed}} flag{{/uniformityFailed}}">{{uniformity}}</td><td class="num{{#proportionFailed}} flag{{/proportionFailed}}">{{proportion}}</td><td class="num">{{interval}}</td><td class="num">{{passRange}}</td><td><span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></td></tr>{{/rows}}
    </tbody>
    </table>
    </details>
    {{/collapsedTests}}
    {{/multiStream}}
    {{#singleStream}}
    <h3>p-values</h3>
    <table class="sts">
    <thead><tr><th>Test</th><th>p-value</th><th>Verdict</th></tr></thead>
    {{#tests}}
    <tbody class="group" id="row-{{anchor}}">{{#inline}}{{#rows}}
    <tr><td class="test">{{name}} <span class="note">{{label}}</span></td><td class="num{{#pValueBelowAlpha}} flag{{/pValueBelowAlpha}}">{{pValue}}</td><td><span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></td></tr>{{/rows}}{{/inline}}{{#collapsed}}
    <tr><td class="test">{{name}}</td><td class="note"><a href="#{{anchor}}">{{summary}}</a></td><td><span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></td></tr>{{/collapsed}}{{#empty}}
    <tr><td class="test">{{name}}</td><td class="note">no p-value</td><td><span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></td></tr>{{/empty}}{{#notApplicable}}
    <tr class="sub"><td colspan="3" class="note">{{.}}</td></tr>{{/notApplicable}}
    </tbody>
    {{/tests}}
    </table>
    {{#collapsedTests}}
    <details id="{{anchor}}">
    <summary>{{name}}: all {{slotCount}} p-values <span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></summary>
    <table class="sts">
    <thead><tr><th>Slot</th><th class="num">p-value</th><th>Verdict</th></tr></thead>
    <tbody>{{#rows}}
    <tr><td class="mono">{{label}}</td><td class="num{{#pValueBelowAlpha}} flag{{/pValueBelowAlpha}}">{{pValue}}</td><td><span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></td></tr>{{/rows}}
    </tbody>
    </table>
    </details>
    {{/collapsedTests}}
    {{/singleStream}}
    </section>
    """
}
