import CBZip2

/// libbz2 with the reference's settings (`BZ2_bzBuffToBuffCompress(dest, &len, msg, len,
/// blockSize100k 5, verbosity 0, workFactor 0)`), compressing into a reused output buffer.
/// Only the compressed size is kept.
final class BZip2Compressor {
    static let blockSize100k: Int32 = 5
    static let workFactor: Int32 = 0

    private var output: [CChar] = []

    /// Compressed size of `text` in bytes, or 0 when libbz2 reports an error (as the reference).
    func compressedSize(of text: UnsafeMutableBufferPointer<UInt8>, length: Int) -> Int {
        // The reference's output bound: ceil(1.01·len) + 600.
        let bound = Int((1.01 * Double(length)).rounded(.up)) + 600
        if output.count < bound { output = [CChar](repeating: 0, count: bound) }
        var destinationLength = UInt32(bound)
        let rc = output.withUnsafeMutableBufferPointer { out in
            text.withMemoryRebound(to: CChar.self) { source in
                BZ2_bzBuffToBuffCompress(out.baseAddress, &destinationLength, source.baseAddress,
                                         UInt32(length), Self.blockSize100k, 0, Self.workFactor)
            }
        }
        return rc == BZ_OK ? Int(destinationLength) : 0
    }
}
