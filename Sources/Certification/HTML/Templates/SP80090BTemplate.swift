/// The SP 800-90B section (context: `SP80090BSection`): the final H, then one block per track
/// present (non-IID estimators, IID tests).
enum SP80090BTemplate {
    static let name = "sp80090b"
    static let text = """
    <section id="sp800-90b" aria-labelledby="sp800-90b-title">
    <h2 id="sp800-90b-title">NIST SP 800-90B <span class="badge {{verdict.cssClass}}">{{verdict.symbol}} {{verdict.text}}</span></h2>
    <p class="lede">Entropy assessment of the noise source samples as the NIST SP800-90B_EntropyAssessment tools run it.</p>
    {{#finalEntropy}}
    <div class="headline" id="final-entropy"><span class="label">Min-entropy H</span><span class="figure">{{.}}</span><span>{{finalEntropyScale}}</span></div>
    {{/finalEntropy}}
    {{#finalEntropyNote}}
    <p class="small">{{.}}</p>
    {{/finalEntropyNote}}
    {{#hasReasons}}
    <ul class="reasons" id="sp800-90b-reasons">{{#reasons}}
    <li>{{.}}</li>{{/reasons}}
    </ul>
    {{/hasReasons}}
    <dl class="facts">{{#overview}}
    {{>fact}}{{/overview}}
    </dl>
    {{#nonIID}}
    <h3 id="sp800-90b-noniid">Non-IID track (section 6.3)</h3>
    <dl class="facts">{{#overview}}
    {{>fact}}{{/overview}}
    </dl>
    {{#warnings}}
    <p class="notice">{{.}}</p>
    {{/warnings}}
    <figure>
    {{{chart}}}
    <figcaption>Each estimator's min-entropy in bits per sample (bitstring estimates multiplied by the bits per symbol). The darkest bar of each group is its lowest estimate; the dashed red line is the assessed H.</figcaption>
    </figure>
    <table class="estimators">
    <thead><tr><th>Estimator</th><th>Section</th>{{#hasLiteral}}<th class="num">Literal (bits/sample)</th>{{/hasLiteral}}{{#hasBitstring}}<th class="num">Bitstring (bits/bit)</th><th class="num">Bitstring × bits</th>{{/hasBitstring}}</tr></thead>
    <tbody>{{#estimators}}
    <tr><td>{{name}}</td><td>{{section}}</td>{{#hasLiteral}}<td class="num{{#literalLowest}} lowest{{/literalLowest}}">{{literal}}</td>{{/hasLiteral}}{{#hasBitstring}}<td class="num{{#bitstringLowest}} lowest{{/bitstringLowest}}">{{bitstring}}</td><td class="num">{{bitstringPerSample}}</td>{{/hasBitstring}}</tr>{{/estimators}}
    </tbody>
    </table>
    {{#notApplicable}}
    <p class="small">Not applicable: {{.}}</p>
    {{/notApplicable}}
    <dl class="facts">{{#results}}
    {{>fact}}{{/results}}
    </dl>
    {{/nonIID}}
    {{#iid}}
    <h3 id="sp800-90b-iid">IID track (section 5) <span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></h3>
    <p>{{conclusion}}</p>
    <dl class="facts">{{#overview}}
    {{>fact}}{{/overview}}
    </dl>
    <table class="iid-tests">
    <thead><tr><th>Test</th><th>Figures</th><th>Verdict</th></tr></thead>
    <tbody>{{#tests}}
    <tr><td>{{name}}</td><td>{{figures}}</td><td><span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></td></tr>{{/tests}}
    </tbody>
    </table>
    <h4>Permutation tests (5.1)</h4>
    {{#permutationsRun}}
    <p class="small">{{permutationNote}} C0, C1, C2: permutations whose statistic was above, equal to, below the original. A statistic fails when C0 + C1 ≤ 5 or C1 + C2 ≤ 5.</p>
    <table class="permutations">
    <thead><tr><th>Statistic</th><th class="num">Original</th><th class="num">C0</th><th class="num">C1</th><th class="num">C2</th><th class="num">Permutations</th><th>Status</th></tr></thead>
    <tbody>{{#permutations}}
    <tr><td class="mono">{{statistic}}</td><td class="num">{{original}}</td><td class="num">{{greater}}</td><td class="num">{{equal}}</td><td class="num">{{less}}</td><td class="num">{{permutations}}</td><td{{#failed}} class="flag"{{/failed}}>{{status}}</td></tr>{{/permutations}}
    </tbody>
    </table>
    {{/permutationsRun}}
    {{^permutationsRun}}
    <p id="iid-permutations-not-run">{{permutationNote}}</p>
    {{/permutationsRun}}
    <figure>
    {{{chart}}}
    <figcaption>The IID min-entropy estimates (most common value) in bits per sample; the dashed red line is the assessed value.</figcaption>
    </figure>
    <dl class="facts">{{#entropy}}
    {{>fact}}{{/entropy}}
    </dl>
    {{/iid}}
    {{#restart}}
    <h3 id="sp800-90b-restart">Restart tests (section 3.1.4) <span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></h3>
    {{#failure}}
    <p class="notice fail">{{.}}</p>
    {{/failure}}
    <dl class="facts">{{#overview}}
    {{>fact}}{{/overview}}
    </dl>
    <table class="restart">
    <thead><tr><th>Dataset</th><th class="num">MCV estimate</th><th>Other estimates</th><th class="num">Min-entropy</th></tr></thead>
    <tbody>{{#datasets}}
    <tr><td>{{dataset}}</td><td class="num">{{mostCommonValue}}</td><td class="note">{{estimates}}</td><td class="num">{{minEntropy}}</td></tr>{{/datasets}}
    </tbody>
    </table>
    <p><strong>Result:</strong> {{result}}</p>
    {{#chart}}
    <figure>
    {{{.}}}
    <figcaption>H_r and H_c against the initial estimate H_I; validation needs both at least H_I / 2.</figcaption>
    </figure>
    {{/chart}}
    {{/restart}}
    {{#health}}
    <h3 id="sp800-90b-health">Health tests (section 4.4) <span class="badge {{verdict.cssClass}}">{{verdict.text}}</span></h3>
    {{#healthBasis}}
    <p class="small">{{.}}</p>
    {{/healthBasis}}
    <dl class="facts">{{#overview}}
    {{>fact}}{{/overview}}
    </dl>
    <p id="health-summary" class="{{#flagged}}notice fail{{/flagged}}">{{summary}}</p>
    {{#judgement}}
    <p id="health-judgement">Judged against chance: {{.}}.</p>
    {{/judgement}}
    {{#hasAlarms}}
    <table class="alarms" id="health-alarms">
    <thead><tr><th>Test</th><th class="num">Sample offset</th><th class="num">Run or window start</th><th class="num">Value</th><th class="num">Count</th></tr></thead>
    <tbody>{{#alarms}}
    <tr><td>{{test}}</td><td class="num">{{offset}}</td><td class="num">{{start}}</td><td class="num">{{value}}</td><td class="num">{{count}}</td></tr>{{/alarms}}
    </tbody>
    </table>
    {{/hasAlarms}}
    {{#truncation}}
    <p class="small">{{.}}</p>
    {{/truncation}}
    {{/health}}
    </section>
    """
}
