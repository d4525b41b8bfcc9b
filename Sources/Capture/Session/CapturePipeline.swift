import Crypto
import Dispatch
import RandomnessCore
import SP80090B
import Synchronization

/// The stages every captured chunk passes through, in order, each on its own serial queue
/// so that they overlap across chunks: health tests → output file → SHA-256.
///
/// The reader fills a free buffer and submits it; the health stage may shorten it (the
/// `.stop` policy cuts after the alarming sample and drops what follows); the writer
/// writes it (after a write failure it drops the rest); the hasher hashes exactly the
/// bytes written and frees the buffer. The digest and counts therefore always describe
/// the bytes in the file: the health stage runs ahead of the writer, so it keeps the
/// recorder's state from before each buffer, and after a write failure (a full disk,
/// `ulimit -f`) the counts are those of that state fed with the bytes that were written.
///
/// Thread safety: a buffer and its length belong to one stage at a time, handed on by
/// queue order (each stage enqueues the next); the recorder, file and hasher are each
/// touched only by their own stage until `finish()` has drained the queues.
final class CapturePipeline: @unchecked Sendable {
    private let buffers: [UnsafeMutableRawBufferPointer]
    private let lengths: UnsafeMutableBufferPointer<Int>
    private let free: DispatchSemaphore
    private var nextBuffer = 0

    private let healthQueue: DispatchQueue
    private let writeQueue: DispatchQueue
    private let hashQueue: DispatchQueue

    private var recorder: CaptureHealthRecorder
    private let output: AtomicFileStream
    private var hasher = SHA256()
    private var hashed = 0
    private var writeError: FileWriteError?
    /// The recorder as it was before each buffer (set by the health stage, read by the writer
    /// for the same buffer only).
    private let recorderBefore: UnsafeMutableBufferPointer<CaptureHealthRecorder?>
    /// After a write failure: the recorder before the failed buffer and that buffer's bytes
    /// that were written.
    private var failedWrite: (recorder: CaptureHealthRecorder, written: [UInt8])?

    /// Set by the health stage when `.stop` cut the capture.
    let healthStopped = Atomic<Bool>(false)
    /// Set by the writer when a write failed.
    let writeFailed = Atomic<Bool>(false)
    /// Alarms so far (for progress).
    let alarmCount = Atomic<Int>(0)

    init(chunkSize: Int, bufferCount: Int, health: CaptureHealthSettings, output: AtomicFileStream,
         qos: DispatchQoS = .unspecified) throws(HealthTestError) {
        healthQueue = DispatchQueue(label: "rngcert.capture.health", qos: qos)
        writeQueue = DispatchQueue(label: "rngcert.capture.write", qos: qos)
        hashQueue = DispatchQueue(label: "rngcert.capture.hash", qos: qos)
        buffers = (0..<bufferCount).map { _ in .allocate(byteCount: chunkSize, alignment: 64) }
        lengths = .allocate(capacity: bufferCount)
        lengths.initialize(repeating: 0)
        recorderBefore = .allocate(capacity: bufferCount)
        recorderBefore.initialize(repeating: nil)
        free = DispatchSemaphore(value: bufferCount)
        recorder = try CaptureHealthRecorder(settings: health, chunkSize: chunkSize)
        self.output = output
    }

    deinit {
        buffers.forEach { $0.deallocate() }
        lengths.deallocate()
        _ = recorderBefore.deinitialize()
        recorderBefore.deallocate()
        recorder.deallocate()
    }

    /// Waits for a free buffer and returns its index; fill `buffer(index)` and `submit`.
    func acquire() -> Int {
        free.wait()
        let index = nextBuffer
        nextBuffer = (nextBuffer + 1) % buffers.count
        return index
    }

    func buffer(_ index: Int) -> UnsafeMutableRawBufferPointer { buffers[index] }

    /// Hands the first `count` bytes of buffer `index` to the stages (0 just frees it).
    func submit(_ index: Int, count: Int) {
        lengths[index] = count
        healthQueue.async { [self] in
            lengths[index] = test(index)
            writeQueue.async { [self] in
                lengths[index] = write(index)
                hashQueue.async { [self] in
                    let n = lengths[index]
                    if n > 0 {
                        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffers[index][0..<n]))
                        hashed += n
                    }
                    free.signal()
                }
            }
        }
    }

    /// The health stage: the bytes of the buffer to keep.
    private func test(_ index: Int) -> Int {
        let n = lengths[index]
        if healthStopped.load(ordering: .relaxed) || n == 0 { return 0 }
        recorderBefore[index] = recorder
        let kept = recorder.feed(UnsafeRawBufferPointer(rebasing: buffers[index][0..<n]))
        alarmCount.store(recorder.alarmCount, ordering: .relaxed)
        if recorder.stopped { healthStopped.store(true, ordering: .sequentiallyConsistent) }
        return kept
    }

    /// The writer stage: the bytes of the buffer actually written.
    private func write(_ index: Int) -> Int {
        let n = lengths[index]
        if writeError != nil || n == 0 { return 0 }
        let before = output.byteCount
        do {
            try output.write(UnsafeRawBufferPointer(rebasing: buffers[index][0..<n]))
            return n
        } catch {
            writeError = error
            writeFailed.store(true, ordering: .sequentiallyConsistent)
            let written = output.byteCount - before
            if let recorder = recorderBefore[index] {
                failedWrite = (recorder, Array(UnsafeRawBufferPointer(rebasing: buffers[index][0..<written])))
            }
            return written
        }
    }

    /// Waits until every submitted buffer has passed all stages; returns the totals.
    func finish() -> (byteCount: Int, sha256: String, health: CaptureHealthSummary, writeError: FileWriteError?) {
        healthQueue.sync {}
        writeQueue.sync {}
        hashQueue.sync {}
        var health = recorder.summary()
        if var kept = failedWrite?.recorder, let written = failedWrite?.written {
            _ = written.withUnsafeBytes { kept.feed($0) }
            health = kept.summary()
        }
        return (hashed, Self.hex(hasher.finalize()), health, writeError)
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
