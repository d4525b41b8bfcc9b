/// Buffers one worker reuses across permutations: the permuted samples (and for binary data
/// Conversions I and II), the collision stamps, the compression text and the compressors.
/// Used by one thread at a time (taken from and returned to a `WorkspacePool`).
final class PermutationWorkspace {
    /// The permuted samples: raw values, or 0/1 symbols for binary data.
    let permuted: UnsafeMutableBufferPointer<UInt8>
    /// Binary data: Conversion II, the permuted samples packed eight to a byte (sample i in bit
    /// 7 − i mod 8 of byte i/8).
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
    /// Binary data: the raw value of each symbol (the text shows raw values).
    private let rawTable: [UInt8]?
    private let tokens: BZip2SizeCalculator.SampleTokens

    init(sampleCount: Int, binary: Bool, rawTable: [UInt8]?, engine: IIDOptions.CompressionEngine) {
        self.sampleCount = sampleCount
        self.engine = engine
        self.rawTable = rawTable
        tokens = BZip2SizeCalculator.SampleTokens(rawTable: rawTable)
        let blocks = (sampleCount + 7) / 8
        permuted = .allocate(capacity: sampleCount)
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

    /// bzip2 size of the decimal text of `samples` (through the raw table for binary data) by
    /// `engine` (default: the workspace's).
    func compressedSize(of samples: UnsafeBufferPointer<UInt8>, engine: IIDOptions.CompressionEngine? = nil) -> Int {
        let length = CompressionText.encode(samples, translatingThrough: rawTable, into: textBuffer())
        return textSize(samples: samples, length: length, engine: engine ?? self.engine)
    }

    /// libbz2's size of the decimal text of `samples` and, when asked, the size model's.
    func compressedSizes(of samples: UnsafeBufferPointer<UInt8>, sizeModel includeModel: Bool) -> (libbz2: Int, sizeModel: Int?) {
        let length = CompressionText.encode(samples, translatingThrough: rawTable, into: textBuffer())
        return (textSize(samples: samples, length: length, engine: .libbz2),
                includeModel ? textSize(samples: samples, length: length, engine: .sizeModel) : nil)
    }

    /// Size of the text of `samples` just written (its first `length` bytes) by `engine`.
    private func textSize(samples: UnsafeBufferPointer<UInt8>, length: Int, engine: IIDOptions.CompressionEngine) -> Int {
        let text = textBuffer()
        switch engine {
        case .sizeModel:
            return sizeModel.compressedSize(ofSampleText: UnsafeBufferPointer(rebasing: text[0..<length]), samples: samples, tokens: tokens)
        case .libbz2:
            return compressor.compressedSize(of: text, length: length)
        }
    }
}
