import Foundation

/// The PEM text form of a DER structure (RFC 7468): a `-----BEGIN LABEL-----` line, the DER
/// bytes in base64 wrapped at 64 characters, and a matching `-----END LABEL-----` line.
public struct PEMDocument: Equatable, Sendable {
    public var label: String
    public var der: [UInt8]

    public init(label: String, der: [UInt8]) {
        self.label = label
        self.der = der
    }

    /// The text, with a trailing newline (what openssl writes).
    public var text: String {
        let body = Data(der).base64EncodedString()
        var lines = ["-----BEGIN \(label)-----"]
        var rest = Substring(body)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads the first PEM block labelled `expected` from `text`.
    ///
    /// Text around the block (openssl's "explanatory text") is ignored. A block with another
    /// label is an error that names the label found, with a hint where one helps.
    public static func parse(_ text: String, expected: String, path: String) throws(KeyError) -> PEMDocument {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") && $0.hasSuffix("-----") }) else {
            let reason: String
            if text.utf8.first == 0x30 || text.utf8.contains(0) {
                reason = "it looks like binary DER; convert it with 'openssl pkey -inform DER -in FILE -out FILE.pem'"
            } else if text.isEmpty {
                reason = "the file is empty"
            } else {
                reason = "no '-----BEGIN' line"
            }
            throw .notPEM(path: path, expected: expected, reason: reason)
        }
        let label = String(lines[begin].dropFirst("-----BEGIN ".count).dropLast("-----".count))
        guard label == expected else {
            throw .wrongPEMLabel(path: path, expected: expected, found: label, hint: hint(found: label, expected: expected))
        }
        let endLine = "-----END \(label)-----"
        guard let end = lines[(begin + 1)...].firstIndex(of: endLine) else {
            throw .notPEM(path: path, expected: expected, reason: "no '\(endLine)' line (truncated file?)")
        }
        let bodyLines = lines[(begin + 1)..<end]
        if bodyLines.contains(where: { $0.contains(":") }) {
            throw .wrongPEMLabel(path: path, expected: expected, found: label + " with headers",
                                 hint: "legacy encrypted PEM is not supported; decrypt it with 'openssl pkey'")
        }
        let body = bodyLines.joined()
        guard !body.isEmpty, let data = Data(base64Encoded: body) else {
            throw .badBase64(path: path, label: label)
        }
        return PEMDocument(label: label, der: Array(data))
    }

    private static func hint(found: String, expected: String) -> String {
        switch (found, expected) {
        case ("ENCRYPTED PRIVATE KEY", _):
            return "encrypted keys are not supported; decrypt with 'openssl pkey -in FILE -out PLAIN.key'"
        case ("PUBLIC KEY", "PRIVATE KEY"):
            return "this is a public key; signing needs the private key (NAME.key)"
        case ("PRIVATE KEY", "PUBLIC KEY"):
            return "this is a private key; give the public key (NAME.pub), which 'openssl pkey -in FILE -pubout' extracts"
        case ("OPENSSH PRIVATE KEY", _):
            return "OpenSSH keys are not supported; make a key with 'rngcert keygen' or 'openssl genpkey -algorithm ed25519'"
        case ("RSA PRIVATE KEY", _), ("EC PRIVATE KEY", _), ("RSA PUBLIC KEY", _):
            return "only Ed25519 keys are supported ('openssl genpkey -algorithm ed25519')"
        default:
            return ""
        }
    }
}
