import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL
#if canImport(Glibc)
import Glibc
#endif

/// Plain words for what AsyncHTTPClient and SwiftNIO report when a request fails.
enum HTTPFailure {
    /// The reason for a message (an errno's text, not a type dump) and whether it was a
    /// timeout.
    static func describe(_ error: any Error) -> (reason: String, timedOut: Bool) {
        switch error {
        case let error as HTTPClientError:
            switch error {
            case .readTimeout, .connectTimeout, .deadlineExceeded, .writeTimeout:
                return ("timed out", true)
            case .remoteConnectionClosed:
                return ("the server closed the connection before the body ended", false)
            default:
                return (error.shortDescription, false)
            }
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return describe(first.error) }
            if let dns = error.dnsAError ?? error.dnsAAAAError { return ("cannot resolve \(error.host): \(dns)", false) }
            return ("cannot connect to \(error.host):\(error.port)", false)
        case let error as IOError:
            return (String(cString: strerror(error.errnoCode)), false)
        case let error as ChannelError:
            if case .connectTimeout = error { return ("timed out", true) }
            return ("\(error)", false)
        case let error as NIOSSLError:
            return ("TLS: \(error)", false)
        default:
            return ("\(error)", false)
        }
    }
}
