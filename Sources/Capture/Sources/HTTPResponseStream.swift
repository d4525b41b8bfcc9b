import AsyncHTTPClient
import Dispatch
import NIOCore
import NIOHTTP1
import Synchronization

/// One GET response as AsyncHTTPClient delivers it (on its event loop), read by the capture
/// thread through `take(into:)`.
///
/// Bounded by backpressure: once more than `highWater` received bytes wait unread, the next
/// body part is not read from the socket until the reader has taken them down to
/// `lowWater`, so a server that sends faster (or without end) makes the capture hold at most
/// `highWater` bytes plus one body part. Once the body has brought `cap` bytes (the bytes
/// still needed), the request is cancelled (its connection closed) and the body counts as
/// ended. A 3xx status with a Location ends the response as a redirect for the caller to
/// follow; another non-2xx status keeps the first `errorCap` bytes of its body for the
/// message.
final class HTTPResponseStream: HTTPClientResponseDelegate, Sendable {
    typealias Response = Void

    enum Ending: Sendable {
        case finished
        case status(Int, [UInt8])
        case redirect(status: Int, location: String?)
        case failed(reason: String, timedOut: Bool)
    }

    /// Unread bytes above which the socket is no longer read.
    static let highWater = 4 << 20
    /// Unread bytes at or below which reading resumes.
    static let lowWater = 1 << 20

    private struct State {
        var cap: Int
        var errorCap: Int
        var status: Int?
        /// 2xx bytes received (at most `cap`).
        var received = 0
        /// Bytes not yet read: `bytes[start...]`.
        var bytes: [UInt8] = []
        var start = 0
        var errorBody: [UInt8] = []
        var ending: Ending?
        /// Bumped on every callback: the idle timeout counts from the last one.
        var activity = 0
        /// Completed when the reader has caught up; the event loop waits for it.
        var waiting: EventLoopPromise<Void>?
    }

    /// The most body bytes this response may bring.
    let cap: Int
    private let state: Mutex<State>
    /// Signalled on every callback, to wake the reader.
    let arrived = DispatchSemaphore(value: 0)

    init(cap: Int, errorCap: Int) {
        self.cap = cap
        state = Mutex(State(cap: cap, errorCap: errorCap))
    }

    /// Bumped on every callback.
    var activity: Int { state.withLock { $0.activity } }
    /// 2xx body bytes received so far.
    var received: Int { state.withLock { $0.received } }
    /// Whether bytes wait unread.
    var hasUnread: Bool { state.withLock { $0.start < $0.bytes.count } }

    /// Copies up to `buffer.count` unread bytes; the ending once every byte is read.
    func take(into buffer: UnsafeMutableRawBufferPointer) -> (Int, Ending?) {
        var resume: EventLoopPromise<Void>?
        let result: (Int, Ending?) = state.withLock { s in
            let n = min(buffer.count, s.bytes.count - s.start)
            guard n > 0 else { return (0, s.ending) }
            s.bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + s.start, byteCount: n) }
            s.start += n
            if s.start == s.bytes.count {
                s.bytes.removeAll(keepingCapacity: true)
                s.start = 0
            } else if s.start > Self.lowWater {
                s.bytes.removeFirst(s.start)
                s.start = 0
            }
            if s.bytes.count - s.start <= Self.lowWater, let waiting = s.waiting {
                resume = waiting
                s.waiting = nil
            }
            return (n, nil)
        }
        resume?.succeed(())
        return result
    }

    /// Lets a body part the event loop holds back go (after a cancel: nothing waits on it).
    func release() {
        state.withLock { s in
            defer { s.waiting = nil }
            return s.waiting
        }?.succeed(())
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let code = Int(head.status.code)
        let redirect = [301, 302, 303, 307, 308].contains(code)
        state.withLock { s in
            s.activity &+= 1
            s.status = code
            if redirect { s.ending = .redirect(status: code, location: head.headers.first(name: "Location")) }
        }
        if redirect { task.cancel() }
        arrived.signal()
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ part: ByteBuffer) -> EventLoopFuture<Void> {
        var cancel = false
        var hold: EventLoopPromise<Void>?
        state.withLock { s in
            guard s.ending == nil, let status = s.status else { return }
            s.activity &+= 1
            if (200..<300).contains(status) {
                let take = min(part.readableBytes, s.cap - s.received)
                part.withUnsafeReadableBytes { s.bytes.append(contentsOf: $0.prefix(take)) }
                s.received += take
                if s.received >= s.cap {
                    s.ending = .finished
                    cancel = true
                } else if s.bytes.count - s.start > Self.highWater {
                    let promise = task.eventLoop.makePromise(of: Void.self)
                    s.waiting = promise
                    hold = promise
                }
            } else {
                let room = max(0, s.errorCap - s.errorBody.count)
                part.withUnsafeReadableBytes { s.errorBody.append(contentsOf: $0.prefix(room)) }
                if s.errorBody.count >= s.errorCap {
                    s.ending = .status(status, s.errorBody)
                    cancel = true
                }
            }
        }
        if cancel { task.cancel() }
        arrived.signal()
        return hold?.futureResult ?? task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        let (reason, timedOut) = HTTPFailure.describe(error)
        state.withLock { s in
            s.activity &+= 1
            if s.ending == nil { s.ending = .failed(reason: reason, timedOut: timedOut) }
        }
        release()
        arrived.signal()
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        state.withLock { s in
            s.activity &+= 1
            guard s.ending == nil else { return }
            if let status = s.status, !(200..<300).contains(status) {
                s.ending = .status(status, s.errorBody)
            } else {
                s.ending = .finished
            }
        }
        release()
        arrived.signal()
    }
}
