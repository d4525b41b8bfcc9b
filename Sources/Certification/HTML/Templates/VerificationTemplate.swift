/// The verification section (context: `VerificationSection`).
enum VerificationTemplate {
    static let name = "verification"
    static let text = """
    <section id="verification" aria-labelledby="verification-title">
    <h2 id="verification-title">Verification</h2>
    {{#signed}}
    <p class="lede">The signer named in the report is the Ed25519 key with fingerprint <code>{{fingerprint}}</code> (SHA-256 of the raw public key). This page does not check the signature (it only shows report.json): check it as below. A valid signature shows that the holder of that key produced exactly this report; the fingerprint must match one the lab publishes through a channel you trust. Save the JSON below as report.json next to report.json.sig.</p>
    <h3>With rngcert</h3>
    <pre class="commands">{{rngcertCommands}}</pre>
    <p class="small">The first checks the signature and signer; the second also hashes the data file and re-runs every suite with the recorded parameters and seeds, comparing every result. Exit status 0 means verified.</p>
    {{/signed}}
    {{^signed}}
    <p class="notice">This report is not signed. Its figures can be reproduced from the data and the recorded parameters, but nothing shows who produced it or that it is unchanged.</p>
    <pre class="commands">{{rngcertCommands}}</pre>
    {{/signed}}
    <h3>{{#signed}}With OpenSSL only (docs/signing.md){{/signed}}{{^signed}}Checks with coreutils{{/signed}}</h3>
    <ol class="steps">{{#steps}}
    <li><strong>{{title}}</strong>
    <pre class="commands">{{commands}}</pre>
    <span class="note">{{note}}{{#expected}} <code>{{.}}</code>{{/expected}}</span></li>{{/steps}}
    </ol>
    </section>
    """
}
