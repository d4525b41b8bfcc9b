/// A stream of bytes to capture. Sources are used from one thread at a time.
public protocol ByteSource: AnyObject {
    /// How the source appears in messages and the manifest.
    var record: CaptureSourceRecord { get }

    /// Whether the end of the stream before the requested byte count is a failure to
    /// retry (a network stream that dropped) rather than the natural end of the data (a
    /// file, a pipe whose writer finished).
    var endIsFailure: Bool { get }

    /// Reads at least one and at most `buffer.count` bytes, waiting up to the source's
    /// timeout for the first; returns 0 at the end of the stream. Throws `.stopped` soon
    /// (within about 0.1 s) after `stop` is requested while waiting.
    func read(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int

    /// Whether a read would return at once (bytes or end of stream are ready). Used to fill
    /// a chunk as far as a fast source allows without waiting on a slow one.
    func hasDataReady() -> Bool

    /// Prepares for another read after `error` (reconnects, reopens, or nothing), with
    /// `offset` bytes delivered so far. Throws if that is impossible.
    func recover(after error: CaptureSourceError, offset: Int, stop: StopSignal) throws(CaptureSourceError)

    /// Releases descriptors and connections.
    func close()

    /// For sources that count their responses (HTTP): how many supplied bytes, recorded as
    /// the manifest's `chunkCount` instead of the number of reads. nil for the others.
    var countedResponses: Int? { get }
}

extension ByteSource {
    public var countedResponses: Int? { nil }
}
