#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Settings that apply to opening and reading a source.
public struct CaptureSourceOptions: Sendable, Equatable {
    /// Longest wait, in seconds, for the next byte, a connection or an HTTP response.
    public var timeout: Double
    /// HTTP request headers (API keys); only for http(s) sources.
    public var headers: [HTTPHeader]
    /// How HTTP bodies become bytes; only for http(s) sources.
    public var bodyFormat: HTTPBodyFormat
    /// The capture's byte count, if any: an HTTP source asks for no more than it still needs.
    public var byteLimit: Int?

    public init(timeout: Double = 30, headers: [HTTPHeader] = [], bodyFormat: HTTPBodyFormat = .raw, byteLimit: Int? = nil) {
        self.timeout = timeout
        self.headers = headers
        self.bodyFormat = bodyFormat
        self.byteLimit = byteLimit
    }

    /// The timeouts accepted, in seconds: above 0 and at most one day. Sockets and
    /// URLSession take the value as a time interval; 1e16 s traps inside FoundationNetworking.
    public static let timeoutRange: ClosedRange<Double> = 0.001...86_400

    /// Checks the timeout's range; the error names `--timeout`.
    public func validate() throws(CaptureError) {
        guard Self.timeoutRange.contains(timeout) else {
            throw .invalidParameter(name: "--timeout", value: "\(timeout)",
                                    reason: "must be between \(Self.timeoutRange.lowerBound) and \(Int(Self.timeoutRange.upperBound)) seconds")
        }
    }
}

extension CaptureSourceSpec {
    /// Opens the source. Files and devices are opened now (a missing file is an error
    /// here); TCP connects on the first read, so that an unreachable server is retried
    /// like any other failure.
    public func open(_ options: CaptureSourceOptions, stop: StopSignal) throws(CaptureError) -> any ByteSource {
        if case .http = self {} else if !options.headers.isEmpty || options.bodyFormat != .raw {
            throw .invalidParameter(name: "--header/--json-field", value: description, reason: "only for http:// and https:// sources")
        }
        do {
            switch self {
            case let .path(path): return try FileDescriptorSource(path: path, timeout: options.timeout)
            case .standardInput: return try FileDescriptorSource(path: nil, timeout: options.timeout)
            case let .tcp(host, port): return try TCPSource(host: host, port: port, timeout: options.timeout, stop: stop, connectNow: false)
            case let .http(url):
                return HTTPSource(url: url, headers: options.headers, format: options.bodyFormat, timeout: options.timeout, byteLimit: options.byteLimit)
            }
        } catch {
            throw .source(error)
        }
    }

    /// Whether reading this source needs a byte count: devices and HTTP endpoints never end.
    public var needsByteLimit: Bool {
        switch self {
        case .http: return true
        case let .path(path): return Self.isCharacterDevice(path)
        case .standardInput, .tcp: return false
        }
    }

    static func isCharacterDevice(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR
    }
}
