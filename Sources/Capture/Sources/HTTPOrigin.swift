import Foundation

/// A URL's origin (RFC 6454): scheme, host and port, with the scheme's default port filled
/// in. Two URLs share credentials only when their origins are equal.
struct HTTPOrigin: Equatable, Sendable {
    let scheme: String
    let host: String
    let port: Int

    init(_ url: URL) {
        scheme = url.scheme?.lowercased() ?? ""
        host = url.host?.lowercased() ?? ""
        port = url.port ?? (scheme == "https" ? 443 : 80)
    }
}
