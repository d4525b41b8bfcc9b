/// A `FaultySource` as a capture source: an endless stream, never failing, so that the
/// capture pipeline and its health tests can be exercised on known faults.
public final class SimulatedSource: ByteSource {
    public private(set) var generator: FaultySource
    public let record: CaptureSourceRecord
    public var endIsFailure: Bool { false }

    public init(_ generator: FaultySource) {
        self.generator = generator
        record = CaptureSourceRecord(
            kind: .simulator, location: "simulator seed \(generator.seed): \(generator.faults.summary)")
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer, stop: StopSignal) throws(CaptureSourceError) -> Int {
        if stop.isRequested { throw .stopped }
        generator.fill(buffer)
        return buffer.count
    }

    public func hasDataReady() -> Bool { true }
    public func recover(after error: CaptureSourceError, offset: Int, stop: StopSignal) throws(CaptureSourceError) {}
    public func close() {}
}
