import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// An entropy-as-a-service endpoint (`http://…` or `https://…`): the URL is fetched with
/// GET again and again, each response's body (raw, or a JSON field) supplying the next
/// bytes, until the capture has its byte count. The HTTP client is AsyncHTTPClient.
///
/// Bodies are streamed with backpressure, never buffered whole: a raw body's bytes are
/// handed on as they arrive, the socket is not read while more than a few MiB wait unread
/// (`HTTPResponseStream`), and a request stops (its connection is closed) as soon as it has
/// brought the bytes the capture still needs, so an endless or fast body costs no more
/// memory than that. A raw body cut short (a dropped connection, a Content-Length that is
/// never reached) keeps every byte received before the failure is reported and retried. A
/// JSON body must be whole to be parsed; it may be at most `jsonBodyLimit` bytes (16 MiB).
///
/// `timeout` bounds the wait for a response and then for each further piece of its body
/// (not the whole transfer, which may be long). A non-2xx status, a transport error or a
/// timeout is a `CaptureSourceError` that the session retries when it is retryable (5xx,
/// 408, 425, 429, transport, timeout). Nothing is cached.
///
/// Redirects (301, 302, 303, 307, 308; at most `redirectLimit`) are followed here, not by
/// the client, so that the `headers` (API keys, Authorization) go to a redirect target only
/// while it has the same origin (scheme, host and port) as `url`, as curl does. The URL the
/// bytes came from is recorded as the source's `finalLocation`.
public final class HTTPSource: ByteSource {
    /// The source for the manifest, with the final URL once a redirect has led elsewhere.
    public var record: CaptureSourceRecord {
        var record = baseRecord
        if let finalURL {
            let shown = CaptureSourceSpec.http(finalURL).description
            if shown != record.location { record.finalLocation = shown }
        }
        return record
    }
    private let baseRecord: CaptureSourceRecord
    public var endIsFailure: Bool { true }
    public let url: URL
    public let headers: [HTTPHeader]
    public let format: HTTPBodyFormat
    public let timeout: Double
    /// Bytes the capture asks for in all (nil: no bound), so that requests stop early.
    public let byteLimit: Int?
    /// Responses received with a 2xx status and usable bytes.
    public private(set) var responseCount = 0
    public var countedResponses: Int? { responseCount }

    /// The largest JSON body accepted: JSON is parsed whole, so it is bounded.
    public static let jsonBodyLimit = 16 << 20
    /// Bytes of an error body kept for the message.
    static let errorBodyLimit = 4096
    /// Redirects followed for one request.
    public static let redirectLimit = 10

    private let client: HTTPClient
    private var shutDown = false
    /// The response under way, if any, and its request.
    private var stream: HTTPResponseStream?
    private var task: HTTPClient.Task<Void>?
    /// The URL of the request under way, and whether it may carry `headers`.
    private var requestURL: URL
    private var headersAllowed = true
    private var redirects = 0
    /// The URL the last bytes came from.
    private var finalURL: URL?
    /// Bytes decoded from a JSON body, not yet handed on.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    /// Bytes handed on so far: the capture offset.
    private var delivered = 0
    /// Whether the raw response under way has been counted in `responseCount`.
    private var counted = false

    public init(url: URL, headers: [HTTPHeader] = [], format: HTTPBodyFormat = .raw, timeout: Double, byteLimit: Int? = nil) {
        self.url = url
        self.headers = headers
        self.format = format
        self.timeout = timeout
        self.byteLimit = byteLimit
        requestURL = url
        // The timeout itself is this source's own watchdog (see `next`), in fractions of a
        // second; the client's timeouts are a backstop a second later.
        let backstop = TimeAmount.milliseconds(Int64(Self.backstop(timeout) * 1000))
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: backstop, read: backstop), decompression: .disabled)
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 1)
        // A refused or unresolvable connection is reported at once; the capture session
        // retries with its own backoff and counts the retries.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        baseRecord = CaptureSourceRecord(
            kind: .http, location: CaptureSourceSpec.http(url).description,
            headerNames: headers.map(\.name), responseFormat: format.description)
    }

    deinit { close() }

    public func read(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int {
        let n: Int
        switch format {
        case .raw: n = try readRaw(into: buffer, stop: stop)
        case .json: n = try readDecoded(into: buffer, stop: stop)
        }
        delivered += n
        return n
    }

    /// Bytes left from the last response, or received and not yet read, are ready.
    public func hasDataReady() -> Bool {
        pendingStart < pending.count || (stream?.hasUnread ?? false)
    }

    /// Drops the request under way; the next read sends a new one.
    public func recover(after error: CaptureSourceError, offset: Int, stop: StopSignal) throws(CaptureSourceError) {
        cancelRequest()
        delivered = offset
    }

    public func close() {
        cancelRequest()
        if !shutDown {
            shutDown = true
            try? client.syncShutdown()
        }
    }

    /// Bytes still wanted from the endpoint (at least 1).
    private var remaining: Int { byteLimit.map { max(1, $0 - delivered) } ?? Int.max }

    /// A raw body: bytes as they arrive; at its end, the next request.
    private func readRaw(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int {
        while true {
            if stream == nil {
                try start(cap: remaining)
                counted = false
            }
            let taken = try next(into: buffer, stop: stop)
            if taken > 0 {
                if !counted { responseCount += 1; counted = true }
                return taken
            }
            // The body ended (or reached the bytes needed) with no byte left to read.
            let received = stream?.received ?? 0
            stream = nil
            task = nil
            if received == 0 { throw .malformedResponse(source: record.location, reason: "empty body") }
        }
    }

    /// A JSON body: read whole (at most `jsonBodyLimit`), decoded, handed on from `pending`.
    private func readDecoded(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int {
        if pendingStart == pending.count {
            try start(cap: Self.jsonBodyLimit + 1)
            var body: [UInt8] = []
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
            defer { scratch.deallocate() }
            while true {
                let n = try next(into: scratch, stop: stop)
                if n == 0 { break }
                body.append(contentsOf: scratch[0..<n])
                if body.count > Self.jsonBodyLimit {
                    cancelRequest()
                    throw .malformedResponse(
                        source: record.location, reason: "JSON body larger than \(Self.jsonBodyLimit >> 20) MiB (ask for fewer bytes per request)")
                }
            }
            stream = nil
            task = nil
            pending = try format.bytes(from: Data(body), source: record.location)
            pendingStart = 0
            responseCount += 1
        }
        let n = min(buffer.count, pending.count - pendingStart)
        pending.withUnsafeBytes { body in
            buffer.baseAddress!.copyMemory(from: body.baseAddress! + pendingStart, byteCount: n)
        }
        pendingStart += n
        return n
    }

    /// Sends a GET to `url` whose body may bring at most `cap` bytes.
    private func start(cap: Int) throws(CaptureSourceError) {
        requestURL = url
        headersAllowed = true
        redirects = 0
        try send(cap: cap)
    }

    /// Sends a GET to `requestURL`.
    private func send(cap: Int) throws(CaptureSourceError) {
        let request: HTTPClient.Request
        do {
            var fields = HTTPHeaders()
            if headersAllowed { for header in headers { fields.add(name: header.name, value: header.value) } }
            request = try HTTPClient.Request(url: requestURL.absoluteString, method: .GET, headers: fields)
        } catch {
            throw .httpFailed(source: record.location, reason: HTTPFailure.describe(error).reason)
        }
        let stream = HTTPResponseStream(cap: cap, errorCap: Self.errorBodyLimit)
        self.stream = stream
        task = client.execute(request: request, delegate: stream)
    }

    /// Follows a redirect from `requestURL` to `location`: the user's headers stay only
    /// while every hop keeps the origin of `url`.
    private func follow(status: Int, location: String?, cap: Int) throws(CaptureSourceError) {
        let source = record.location
        guard let location, let target = URL(string: location, relativeTo: requestURL)?.absoluteURL,
              let scheme = target.scheme?.lowercased(), scheme == "http" || scheme == "https", target.host != nil
        else {
            throw .httpFailed(source: source, reason: "HTTP \(status) redirect without a usable http(s) Location")
        }
        redirects += 1
        guard redirects <= Self.redirectLimit else {
            throw .httpFailed(source: source, reason: "more than \(Self.redirectLimit) redirects")
        }
        headersAllowed = headersAllowed && HTTPOrigin(target) == HTTPOrigin(url)
        requestURL = target
        try send(cap: cap)
    }

    private func cancelRequest() {
        task?.cancel()
        stream?.release()
        task = nil
        stream = nil
    }

    /// Waits (in 0.1 s slices, so that a stop cancels the request at once) for bytes of
    /// the current response and copies them; returns 0 when the body has ended normally.
    /// A failure is thrown only once every byte received before it has been read.
    private func next(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int {
        let location = record.location
        var waitedSince = MonotonicClock.seconds()
        var seen = -1
        while true {
            guard let stream else { return 0 }
            let (n, ending) = stream.take(into: buffer)
            if n > 0 {
                finalURL = requestURL
                return n
            }
            if let ending {
                switch ending {
                case .finished:
                    finalURL = requestURL
                    return 0
                case let .redirect(status, target):
                    try follow(status: status, location: target, cap: stream.cap)
                    waitedSince = MonotonicClock.seconds()
                    seen = -1
                    continue
                case let .status(status, body):
                    self.stream = nil
                    task = nil
                    throw .httpStatus(source: location, status: status, body: Self.excerpt(Data(body)))
                case let .failed(reason, timedOut):
                    self.stream = nil
                    task = nil
                    if timedOut { throw .timedOut(source: location, seconds: timeout) }
                    throw .httpFailed(source: location, reason: reason)
                }
            }
            if stop.isRequested {
                cancelRequest()
                throw .stopped
            }
            let activity = stream.activity
            if activity != seen {
                seen = activity
                waitedSince = MonotonicClock.seconds()
            } else if MonotonicClock.seconds() - waitedSince > timeout {
                cancelRequest()
                throw .timedOut(source: location, seconds: timeout)
            }
            _ = stream.arrived.wait(timeout: .now() + DescriptorWait.slice)
        }
    }

    /// The client's own timeout: one second more than ours.
    static func backstop(_ timeout: Double) -> Double { timeout.rounded(.up) + 1 }

    /// The start of an error body, printable, for messages.
    static func excerpt(_ body: Data) -> String {
        let text = String(decoding: body.prefix(120), as: UTF8.self)
            .map { $0.isASCII && ($0.isLetter || $0.isNumber || $0.isPunctuation || $0.isSymbol || $0 == " ") ? $0 : " " }
        return String(text).stripping([" "]) + (body.count > 120 ? "…" : "")
    }
}
