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
/// Each request may take at most `timeout` seconds in all. A non-2xx status, a transport
/// error or a timeout is a `CaptureSourceError` that the session retries when it is
/// retryable (5xx, 408, 425, 429, transport, timeout). Responses are never cached.
public final class HTTPSource: ByteSource {
    public let record: CaptureSourceRecord
    public var endIsFailure: Bool { true }
    public let url: URL
    public let headers: [HTTPHeader]
    public let format: HTTPBodyFormat
    public let timeout: Double
    /// Responses received with a 2xx status and usable bytes.
    public private(set) var responseCount = 0

    private let session: URLSession
    private var pending: [UInt8] = []
    private var pendingStart = 0

    public init(url: URL, headers: [HTTPHeader] = [], format: HTTPBodyFormat = .raw, timeout: Double) {
        self.url = url
        self.headers = headers
        self.format = format
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.urlCache = nil
        // The timeout itself is this source's own watchdog (see `fetch`): Foundation on Linux
        // truncates fractional timeouts to whole seconds (0.5 s fires at once), so its own
        // timers are set to a whole second more, as a backstop.
        configuration.timeoutIntervalForRequest = Self.backstop(timeout)
        configuration.timeoutIntervalForResource = Self.backstop(timeout)
        configuration.httpMaximumConnectionsPerHost = 1
        session = URLSession(configuration: configuration)
        record = CaptureSourceRecord(
            kind: .http, location: CaptureSourceSpec.http(url).description,
            headerNames: headers.map(\.name), responseFormat: format.description)
    }

    deinit { session.invalidateAndCancel() }

    public func read(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int {
        if pendingStart == pending.count {
            pending = try fetch(stop: stop)
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

    /// Bytes left from the last response are ready; a new response is not.
    public func hasDataReady() -> Bool { pendingStart < pending.count }

    /// Nothing to reset: the next read sends a new request.
    public func recover(after error: CaptureSourceError, offset: Int, stop: StopSignal) throws(CaptureSourceError) {}

    public func close() { session.invalidateAndCancel() }

    /// One GET; waits in 0.1 s slices so that a stop cancels the request at once.
    private func fetch(stop: StopSignal) throws(CaptureSourceError) -> [UInt8] {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: Self.backstop(timeout))
        request.httpMethod = "GET"
        for header in headers { request.addValue(header.value, forHTTPHeaderField: header.name) }
        let outcome = Mutex<(Data?, URLResponse?, (any Error)?)?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            outcome.withLock { $0 = (data, response, error) }
            done.signal()
        }
        let start = MonotonicClock.seconds()
        task.resume()
        var timedOut = false
        while done.wait(timeout: .now() + DescriptorWait.slice) == .timedOut {
            if stop.isRequested || MonotonicClock.seconds() - start > timeout {
                timedOut = !stop.isRequested
                task.cancel()
                _ = done.wait(timeout: .now() + 2)
                break
            }
        }
        if stop.isRequested { throw .stopped }
        let location = record.location
        if timedOut { throw .timedOut(source: location, seconds: timeout) }
        guard let (data, response, error) = outcome.withLock({ $0 }) else {
            throw .httpFailed(source: location, reason: "no response")
        }
        if let error {
            let code = (error as NSError).code
            if code == NSURLErrorTimedOut { throw .timedOut(source: location, seconds: timeout) }
            throw .httpFailed(source: location, reason: error.localizedDescription)
        }
        guard let http = response as? HTTPURLResponse else { throw .httpFailed(source: location, reason: "not an HTTP response") }
        let body = data ?? Data()
        guard (200..<300).contains(http.statusCode) else {
            throw .httpStatus(source: location, status: http.statusCode, body: Self.excerpt(body))
        }
        return try format.bytes(from: body, source: location)
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
