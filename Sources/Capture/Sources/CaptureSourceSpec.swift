import Foundation

/// A capture source as named on the command line (`--source`):
///
/// - a path: a regular file, a character device (/dev/hwrng, /dev/urandom, a serial port)
///   or a named pipe;
/// - `-`: standard input;
/// - `tcp://HOST:PORT`: a raw byte stream (IPv6 hosts in brackets, `tcp://[::1]:4000`);
/// - `http://…` or `https://…`: an entropy-as-a-service endpoint, asked repeatedly.
public enum CaptureSourceSpec: Sendable, Equatable, CustomStringConvertible {
    case path(String)
    case standardInput
    case tcp(host: String, port: UInt16)
    case http(URL)

    /// Parses `text`; a URL with another scheme, or a malformed host or port, is an error.
    public init(parsing text: String) throws(CaptureError) {
        if text == "-" { self = .standardInput; return }
        guard let schemeEnd = text.range(of: "://") else {
            guard !text.isEmpty else { throw .invalidSource(text, reason: "empty") }
            self = .path(text)
            return
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        switch scheme {
        case "tcp":
            let rest = String(text[schemeEnd.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            let host: String, portText: Substring
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]"), rest[rest.index(after: close)...].hasPrefix(":") else {
                    throw .invalidSource(text, reason: "expected tcp://[IPv6]:PORT")
                }
                host = String(rest[rest.index(after: rest.startIndex)..<close])
                portText = rest[rest.index(close, offsetBy: 2)...]
            } else {
                guard let colon = rest.lastIndex(of: ":") else { throw .invalidSource(text, reason: "expected tcp://HOST:PORT") }
                host = String(rest[..<colon])
                portText = rest[rest.index(after: colon)...]
            }
            guard !host.isEmpty else { throw .invalidSource(text, reason: "no host") }
            guard let port = UInt16(portText), port > 0 else {
                throw .invalidSource(text, reason: "port '\(portText)' must be 1…65535")
            }
            self = .tcp(host: host, port: port)
        case "http", "https":
            // Schemes are case-insensitive (RFC 3986 §3.1); URLSession knows only lowercase ones.
            if let port = Self.portText(ofURL: text), !(UInt16(port).map { $0 > 0 } ?? false) {
                throw .invalidSource(text, reason: "port '\(port)' must be 1…65535")
            }
            guard var parts = URLComponents(string: text), parts.host.map({ !$0.isEmpty }) == true else {
                throw .invalidSource(text, reason: "not a valid URL")
            }
            parts.scheme = scheme
            guard let url = parts.url else { throw .invalidSource(text, reason: "not a valid URL") }
            self = .http(url)
        default:
            throw .invalidSource(text, reason: "unknown scheme '\(scheme)' (use a path, '-', tcp://HOST:PORT, http:// or https://)")
        }
    }

    /// The source as written in messages and the manifest. Credentials in a URL
    /// (`user:password@`) and its query string are left out, since API keys travel there.
    public var description: String {
        switch self {
        case let .path(path): path
        case .standardInput: "<stdin>"
        case let .tcp(host, port): host.contains(":") ? "tcp://[\(host)]:\(port)" : "tcp://\(host):\(port)"
        case let .http(url): Self.redacted(url)
        }
    }

    /// The port as written in an http(s) URL's authority (nil when there is none), read here
    /// because URLComponents wraps or drops ports past 2^63 and accepts any digits.
    static func portText(ofURL text: String) -> String? {
        guard let start = text.range(of: "://")?.upperBound else { return nil }
        var authority = text[start...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            let rest = authority[authority.index(after: close)...]
            return rest.hasPrefix(":") ? String(rest.dropFirst()) : nil
        }
        return authority.lastIndex(of: ":").map { String(authority[authority.index(after: $0)...]) }
    }

    static func redacted(_ url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url.absoluteString }
        parts.user = nil
        parts.password = nil
        let hadQuery = parts.query != nil
        parts.query = nil
        parts.fragment = nil
        return (parts.string ?? url.absoluteString) + (hadQuery ? "?…" : "")
    }
}
