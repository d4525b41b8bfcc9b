/// The ENT section (context: `ENTSection`).
enum ENTTemplate {
    static let name = "ent"
    static let text = """
    <section id="ent" aria-labelledby="ent-title">
    <h2 id="ent-title">ENT <span class="badge {{verdict.cssClass}}">{{verdict.symbol}} {{verdict.text}}</span></h2>
    <p class="lede">The figures of the <code>ent</code> program over the input as bytes and as bits (most significant bit first). The verdict follows the exact chi-square p-value: below 1 % or above 99 % fails, within 1–5 % or 95–99 % is suspect.{{#foldsCase}} Upper-case letters were folded to lower case first (<code>ent -f</code>).{{/foldsCase}}{{#uncountedTrailingBits}} The last {{.}} bit(s) of the decoded input fill no byte and are not counted here (ENT reads whole bytes).{{/uncountedTrailingBits}}</p>
    {{#notApplicable}}
    <p class="notice">{{.}}</p>
    {{/notApplicable}}
    <table class="ent">
    <thead><tr><th>Figure</th><th class="num">Byte mode <span class="badge {{byteVerdict.cssClass}}">{{byteVerdict.text}}</span></th><th class="num">Bit mode <span class="badge {{bitVerdict.cssClass}}">{{bitVerdict.text}}</span></th><th>Meaning</th></tr></thead>
    <tbody>{{#rows}}
    <tr><td>{{label}}</td><td class="num">{{byteValue}}</td><td class="num">{{bitValue}}</td><td class="note">{{note}}</td></tr>{{/rows}}
    </tbody>
    </table>
    <p class="small">Bits: {{bitCounts}}.</p>
    {{#byteFrequencyChart}}
    <figure class="wide">
    {{{.}}}
    <figcaption>Occurrences of each byte value, with the expectation n/256 (dashed). Below: each count's deviation from it in standard deviations; values beyond ±3 (shaded band) are red. The chi-square statistic is the sum of the squared deviations.</figcaption>
    </figure>
    {{/byteFrequencyChart}}
    </section>
    """
}
