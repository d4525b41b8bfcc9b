/// Buffers one worker reuses across permutations: the permuted samples, the binary
/// conversions, the collision stamps, the compression text and the compressor.
/// Used by one thread at a time (taken from and returned to a `WorkspacePool`).
final class PermutationWorkspace {
    let permuted: UnsafeMutableBufferPointer<UInt8>
    let conversionOnes: UnsafeMutableBufferPointer<UInt8>
    let conversionBytes: UnsafeMutableBufferPointer<UInt8>
    let stamps: UnsafeMutableBufferPointer<UInt32>
    private var text: UnsafeMutableBufferPointer<UInt8>?
    private let compressor = BZip2Compressor()
    private let sizeModel = BZip2SizeCalculator()
    private let engine: IIDOptions.CompressionEngine
    private let sampleCount: Int

    init(sampleCount: Int, engine: IIDOptions.CompressionEngine) {
        self.sampleCount = sampleCount
        self.engine = engine
        permuted = .allocate(capacity: sampleCount)
        permuted.initialize(repeating: 0)
        let blocks = (sampleCount + 7) / 8
        conversionOnes = .allocate(capacity: blocks)
        conversionOnes.initialize(repeating: 0)
        conversionBytes = .allocate(capacity: blocks)
        conversionBytes.initialize(repeating: 0)
        stamps = .allocate(capacity: 256)
        stamps.initialize(repeating: 0)
    }

    deinit {
        permuted.deallocate()
        conversionOnes.deallocate()
        conversionBytes.deallocate()
        stamps.deallocate()
        text?.deallocate()
    }

    /// bzip2 size of the decimal text of `values` (through `rawTable` when given).
    func compressedSize(of values: UnsafeBufferPointer<UInt8>, translatingThrough rawTable: [UInt8]?) -> Int {
        if text == nil {
            let t = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: CompressionText.capacity(for: sampleCount) + 4)
            t.initialize(repeating: 0)
            text = t
        }
        let length = CompressionText.encode(values, translatingThrough: rawTable, into: text!)
        if engine == .sizeModel, let size = sizeModel.compressedSize(of: UnsafeBufferPointer(rebasing: text![0..<length])) {
            return size
        }
        return compressor.compressedSize(of: text!, length: length)
    }
}
