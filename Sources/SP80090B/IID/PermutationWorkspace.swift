/// Buffers one worker reuses across permutations: the permuted samples (one raw value per byte,
/// or for binary data eight samples per byte, which is Conversion II), Conversion I, the
/// collision stamps, the compression text and the compressors.
/// Used by one thread at a time (taken from and returned to a `WorkspacePool`).
final class PermutationWorkspace {
    /// Non-binary data: the permuted raw values.
    let permuted: UnsafeMutableBufferPointer<UInt8>
    /// Binary data: the permuted 0/1 samples, sample i in bit 7 − i mod 8 of byte i/8.
    let packed: UnsafeMutableBufferPointer<UInt8>
    /// Binary data: Conversion I (ones per 8-sample block).
    let conversionOnes: UnsafeMutableBufferPointer<UInt8>
    let stamps: UnsafeMutableBufferPointer<UInt32>
    private var text: UnsafeMutableBufferPointer<UInt8>?
    private let compressor = BZip2Compressor()
    private let sizeModel = BZip2SizeCalculator()
    /// The engine `compressedSize` uses.
    let engine: IIDOptions.CompressionEngine
    private let sampleCount: Int

    init(sampleCount: Int, binary: Bool, engine: IIDOptions.CompressionEngine) {
        self.sampleCount = sampleCount
        self.engine = engine
        let blocks = (sampleCount + 7) / 8
        permuted = .allocate(capacity: binary ? 0 : sampleCount)
        permuted.initialize(repeating: 0)
        packed = .allocate(capacity: binary ? blocks : 0)
        packed.initialize(repeating: 0)
        conversionOnes = .allocate(capacity: binary ? blocks : 0)
        conversionOnes.initialize(repeating: 0)
        stamps = .allocate(capacity: 256)
        stamps.initialize(repeating: 0)
    }

    deinit {
        permuted.deallocate()
        packed.deallocate()
        conversionOnes.deallocate()
        stamps.deallocate()
        text?.deallocate()
    }

    private func textBuffer() -> UnsafeMutableBufferPointer<UInt8> {
        if let text { return text }
        let t = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: CompressionText.capacity(for: sampleCount) + 4)
        t.initialize(repeating: 0)
        text = t
        return t
    }

    /// bzip2 size of the decimal text of `values` (through `rawTable` when given) by `engine`
    /// (default: the workspace's); the size model falls back to libbz2 on text it cannot model.
    func compressedSize(of values: UnsafeBufferPointer<UInt8>, translatingThrough rawTable: [UInt8]?,
                        engine: IIDOptions.CompressionEngine? = nil) -> Int {
        let length = CompressionText.encode(values, translatingThrough: rawTable, into: textBuffer())
        return textSize(length: length, engine: engine ?? self.engine) ?? textSize(length: length, engine: .libbz2)!
    }

    /// bzip2 size of the decimal text of `count` packed binary samples standing for `rawValues`,
    /// as `compressedSize(of:translatingThrough:engine:)`.
    func compressedSize(packed bytes: UnsafeBufferPointer<UInt8>, count: Int, rawValues: (UInt8, UInt8),
                        engine: IIDOptions.CompressionEngine? = nil) -> Int {
        let length = CompressionText.encode(packed: bytes, count: count, rawValues: rawValues, into: textBuffer())
        return textSize(length: length, engine: engine ?? self.engine) ?? textSize(length: length, engine: .libbz2)!
    }

    /// Writes the text of `values` (through `rawTable` when given); returns its length.
    func encodeText(of values: UnsafeBufferPointer<UInt8>, translatingThrough rawTable: [UInt8]?) -> Int {
        CompressionText.encode(values, translatingThrough: rawTable, into: textBuffer())
    }

    /// bzip2 size of the text last written (its first `length` bytes) by `engine`; nil when the
    /// size model cannot model it.
    func textSize(length: Int, engine: IIDOptions.CompressionEngine) -> Int? {
        let text = textBuffer()
        switch engine {
        case .sizeModel: return sizeModel.compressedSize(of: UnsafeBufferPointer(rebasing: text[0..<length]))
        case .libbz2: return compressor.compressedSize(of: text, length: length)
        }
    }
}
