import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// An entropy-as-a-service endpoint (`http://…` or `https://…`): the URL is fetched with
/// GET again and again, each response's body (raw, or a JSON field) supplying the next
/// bytes, until the capture has its byte count.
///
/// Bodies are streamed, never buffered whole: a raw body's bytes are handed on as they
/// arrive, and a request stops (is cancelled) as soon as it has brought the bytes the
/// capture still needs, so an endless body costs no more than what is kept. A raw body
/// cut short (a dropped connection, a Content-Length that is never reached) keeps every
/// byte received before the failure is reported and retried. A JSON body must be whole to
/// be parsed; it may be at most `jsonBodyLimit` bytes (16 MiB).
///
/// `timeout` bounds the wait for a response and then for each further piece of its body
/// (not the whole transfer, which may be long). A non-2xx status, a transport error or a
/// timeout is a `CaptureSourceError` that the session retries when it is retryable (5xx,
/// 408, 425, 429, transport, timeout). Responses are never cached.
///
/// Redirects are followed; the `headers` (API keys, Authorization) go to the redirect target
/// only when it has the same origin (scheme, host and port) as `url`, as curl does, and the
/// URL the last response came from is recorded as the source's `finalLocation`.
public final class HTTPSource: ByteSource {
    /// The source for the manifest, with the final URL once a redirect has led elsewhere.
    public var record: CaptureSourceRecord {
        var record = baseRecord
        if let final = transfer.finalURL {
            let shown = CaptureSourceSpec.http(final).description
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

    private let session: URLSession
    private let transfer: HTTPTransfer
    /// Bytes decoded from a JSON body, not yet handed on.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    /// Bytes handed on so far: the capture offset.
    private var delivered = 0
    /// The request under way, if any.
    private var task: URLSessionDataTask?
    /// Whether the raw response under way has been counted in `responseCount`.
    private var counted = false

    public init(url: URL, headers: [HTTPHeader] = [], format: HTTPBodyFormat = .raw, timeout: Double, byteLimit: Int? = nil) {
        self.url = url
        self.headers = headers
        self.format = format
        self.timeout = timeout
        self.byteLimit = byteLimit
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.urlCache = nil
        // The timeout itself is this source's own watchdog (see `next`): Foundation on Linux
        // truncates fractional timeouts to whole seconds (0.5 s fires at once), so its idle
        // timer is set to a whole second more, as a backstop. A long body may take as long
        // as it needs while bytes keep coming.
        configuration.timeoutIntervalForRequest = Self.backstop(timeout)
        configuration.timeoutIntervalForResource = 7 * 24 * 3600
        configuration.httpMaximumConnectionsPerHost = 1
        transfer = HTTPTransfer(origin: HTTPOrigin(url), sensitiveHeaders: headers.map(\.name))
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: configuration, delegate: transfer, delegateQueue: queue)
        baseRecord = CaptureSourceRecord(
            kind: .http, location: CaptureSourceSpec.http(url).description,
            headerNames: headers.map(\.name), responseFormat: format.description)
    }

    deinit { session.invalidateAndCancel() }

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
        pendingStart < pending.count || (task != nil && transfer.state.withLock { $0.start < $0.bytes.count })
    }

    /// Drops the request under way; the next read sends a new one.
    public func recover(after error: CaptureSourceError, offset: Int, stop: StopSignal) throws(CaptureSourceError) {
        cancelTask()
        delivered = offset
    }

    public func close() {
        cancelTask()
        session.invalidateAndCancel()
    }

    /// Bytes still wanted from the endpoint (at least 1).
    private var remaining: Int { byteLimit.map { max(1, $0 - delivered) } ?? Int.max }

    /// A raw body: bytes as they arrive; at its end, the next request.
    private func readRaw(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int {
        while true {
            if task == nil {
                start(cap: remaining)
                counted = false
            }
            let taken = try next(into: buffer, stop: stop)
            if taken > 0 {
                if !counted { responseCount += 1; counted = true }
                return taken
            }
            // The body ended (or reached the bytes needed) with no byte left to read.
            let received = transfer.state.withLock { $0.received }
            task = nil
            if received == 0 { throw .malformedResponse(source: record.location, reason: "empty body") }
        }
    }

    /// A JSON body: read whole (at most `jsonBodyLimit`), decoded, handed on from `pending`.
    private func readDecoded(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int {
        if pendingStart == pending.count {
            start(cap: Self.jsonBodyLimit + 1)
            var body: [UInt8] = []
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
            defer { scratch.deallocate() }
            while true {
                let n = try next(into: scratch, stop: stop)
                if n == 0 { break }
                body.append(contentsOf: scratch[0..<n])
                if body.count > Self.jsonBodyLimit {
                    cancelTask()
                    throw .malformedResponse(
                        source: record.location, reason: "JSON body larger than \(Self.jsonBodyLimit >> 20) MiB (ask for fewer bytes per request)")
                }
            }
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

    /// Sends one GET whose body may bring at most `cap` bytes.
    private func start(cap: Int) {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: Self.backstop(timeout))
        request.httpMethod = "GET"
        for header in headers { request.addValue(header.value, forHTTPHeaderField: header.name) }
        let task = session.dataTask(with: request)
        transfer.begin(task: task.taskIdentifier, cap: cap, errorCap: Self.errorBodyLimit)
        self.task = task
        task.resume()
    }

    private func cancelTask() {
        if let task {
            transfer.state.withLock { $0.task = nil }
            task.cancel()
        }
        task = nil
    }

    /// Waits (in 0.1 s slices, so that a stop cancels the request at once) for bytes of
    /// the current response and copies them; returns 0 when the body has ended normally.
    /// A failure is thrown only once every byte received before it has been read.
    private func next(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int {
        let location = record.location
        var waitedSince = MonotonicClock.seconds()
        var seen = transfer.state.withLock { $0.activity }
        while true {
            let (n, ending) = transfer.take(into: buffer)
            if n > 0 { return n }
            if let ending {
                switch ending {
                case .finished:
                    return 0
                case let .status(status, body):
                    task = nil
                    throw .httpStatus(source: location, status: status, body: Self.excerpt(Data(body)))
                case let .failed(error):
                    task = nil
                    let code = (error as NSError).code
                    if code == NSURLErrorTimedOut { throw .timedOut(source: location, seconds: timeout) }
                    throw .httpFailed(source: location, reason: error.localizedDescription)
                case .notHTTP:
                    task = nil
                    throw .httpFailed(source: location, reason: "not an HTTP response")
                }
            }
            if stop.isRequested {
                cancelTask()
                throw .stopped
            }
            let activity = transfer.state.withLock { $0.activity }
            if activity != seen {
                seen = activity
                waitedSince = MonotonicClock.seconds()
            } else if MonotonicClock.seconds() - waitedSince > timeout {
                cancelTask()
                throw .timedOut(source: location, seconds: timeout)
            }
            _ = transfer.arrived.wait(timeout: .now() + DescriptorWait.slice)
        }
    }

    /// Foundation's own timeout: whole seconds, one more than ours.
    static func backstop(_ timeout: Double) -> Double { timeout.rounded(.up) + 1 }

    /// The start of an error body, printable, for messages.
    static func excerpt(_ body: Data) -> String {
        let text = String(decoding: body.prefix(120), as: UTF8.self)
            .map { $0.isASCII && ($0.isLetter || $0.isNumber || $0.isPunctuation || $0.isSymbol || $0 == " ") ? $0 : " " }
        return String(text).stripping([" "]) + (body.count > 120 ? "…" : "")
    }
}

/// The one response under way, as URLSession delivers it (on its serial delegate queue),
/// read by the capture thread: bytes received and not yet read, and how the response
/// ended. Callbacks for any other task (one cancelled earlier) are ignored. Once the body
/// has brought `cap` bytes (the bytes still needed), the request is cancelled and the
/// body counts as ended.
final class HTTPTransfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Ending {
        case finished
        case status(Int, [UInt8])
        case failed(any Error)
        case notHTTP
    }

    struct State {
        var task: Int?
        var cap = 0
        var errorCap = 0
        /// 2xx bytes received from this response (at most `cap`).
        var received = 0
        /// Bytes not yet read: `bytes[start...]`.
        var bytes: [UInt8] = []
        var start = 0
        var status: Int?
        var errorBody: [UInt8] = []
        var ending: Ending?
        /// Bumped on every callback: the idle timeout counts from the last one.
        var activity = 0
    }

    let state = Mutex(State())
    /// Signalled on every callback, to wake the reader.
    let arrived = DispatchSemaphore(value: 0)
    /// The origin of the URL asked for, and the headers only it may receive.
    let origin: HTTPOrigin
    let sensitiveHeaders: [String]
    private let lastURL = Mutex<URL?>(nil)

    init(origin: HTTPOrigin, sensitiveHeaders: [String]) {
        self.origin = origin
        self.sensitiveHeaders = sensitiveHeaders
    }

    /// The URL of the last response received (after any redirects).
    var finalURL: URL? { lastURL.withLock { $0 } }

    /// Follows a redirect; the user's headers are removed when it leaves the origin.
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        var next = request
        if let target = request.url, HTTPOrigin(target) != origin {
            for name in sensitiveHeaders { next.setValue(nil, forHTTPHeaderField: name) }
        }
        completionHandler(next)
    }

    func begin(task: Int, cap: Int, errorCap: Int) {
        state.withLock { $0 = State(task: task, cap: cap, errorCap: errorCap) }
    }

    /// Copies up to `buffer.count` unread bytes; the ending once every byte is read.
    func take(into buffer: UnsafeMutableRawBufferPointer) -> (Int, Ending?) {
        state.withLock { s in
            let n = min(buffer.count, s.bytes.count - s.start)
            if n > 0 {
                s.bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + s.start, byteCount: n) }
                s.start += n
                if s.start == s.bytes.count { s.bytes.removeAll(keepingCapacity: s.bytes.capacity <= 1 << 22); s.start = 0 }
                return (n, nil)
            }
            return (0, s.ending)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        var cancel = false
        state.withLock { s in
            guard s.task == dataTask.taskIdentifier, s.ending == nil else { return }
            s.activity &+= 1
            guard let http = dataTask.response as? HTTPURLResponse else { s.ending = .notHTTP; cancel = true; return }
            if let url = http.url { lastURL.withLock { $0 = url } }
            s.status = http.statusCode
            if (200..<300).contains(http.statusCode) {
                let take = min(data.count, s.cap - s.received)
                s.bytes.append(contentsOf: data.prefix(take))
                s.received += take
                if s.received >= s.cap { s.ending = .finished; cancel = true }
            } else {
                s.errorBody.append(contentsOf: data.prefix(s.errorCap - s.errorBody.count))
                if s.errorBody.count >= s.errorCap { s.ending = .status(http.statusCode, s.errorBody); cancel = true }
            }
        }
        if cancel { dataTask.cancel() }
        arrived.signal()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        state.withLock { s in
            guard s.task == task.taskIdentifier, s.ending == nil else { return }
            s.activity &+= 1
            if let error {
                s.ending = .failed(error)
            } else if let http = task.response as? HTTPURLResponse {
                s.ending = (200..<300).contains(http.statusCode) ? .finished : .status(http.statusCode, s.errorBody)
            } else {
                s.ending = .notHTTP
            }
        }
        arrived.signal()
    }
}
