/// The signed JSON as the page embeds it: HTML-escaped once (`&`, `<`, `>`, `"`, `'`) inside a
/// `<pre>`, so the element's text is exactly the bytes of report.json. No `</script>` or
/// `</pre>` inside the JSON can end the element early, and nothing is re-encoded.
public struct EmbeddedReport: Sendable, Equatable {
    /// The JSON text, HTML-escaped.
    public let escapedJSON: String
    /// "370,968 bytes (362.27 KiB)".
    public let size: String
    /// SHA-256 of the bytes of report.json, lowercase hex.
    public let sha256: String

    public init(json: String, byteCount: Int, sha256: String) {
        escapedJSON = HTMLText.escape(json)
        size = DisplayFormat.bytes(byteCount)
        self.sha256 = sha256
    }
}
