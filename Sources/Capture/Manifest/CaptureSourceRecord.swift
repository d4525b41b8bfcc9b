/// Where captured bytes came from, as the manifest records it.
public struct CaptureSourceRecord: Codable, Sendable, Equatable {
    /// What kind of source it was.
    public enum Kind: String, Codable, Sendable {
        case file
        case characterDevice = "character-device"
        case namedPipe = "named-pipe"
        case standardInput = "stdin"
        case tcp
        case http
        case simulator
    }

    public var kind: Kind
    /// The path, `<stdin>`, `tcp://HOST:PORT` or the URL (without credentials or query).
    public var location: String
    /// Names (never values) of the HTTP headers sent; absent for other sources.
    public var headerNames: [String]?
    /// How HTTP bodies were read: "raw", or "json:FIELD (base64|hex)"; absent otherwise.
    public var responseFormat: String?
    /// The URL the last response came from, when redirects led away from `location`
    /// (without credentials or query); absent otherwise.
    public var finalLocation: String?

    public init(kind: Kind, location: String, headerNames: [String]? = nil, responseFormat: String? = nil) {
        self.kind = kind
        self.location = location
        self.headerNames = headerNames
        self.responseFormat = responseFormat
    }
}
