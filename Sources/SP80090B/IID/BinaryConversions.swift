/// SP 800-90B 5.1 conversions of binary (0/1) samples into 8-sample blocks, the last block
/// padded with zeros: Conversion I counts the ones of each block (0…8); Conversion II reads
/// each block as a byte, first sample most significant. Used only when k = 2.
enum BinaryConversions {
    /// Fills `ones` (Conversion I) and `bytes` (Conversion II) from 0/1 `bits`; both
    /// buffers hold ⌈L/8⌉ values.
    static func convert(_ bits: UnsafeBufferPointer<UInt8>, ones: UnsafeMutableBufferPointer<UInt8>, bytes: UnsafeMutableBufferPointer<UInt8>) {
        let n = bits.count
        let full = n / 8
        let base = UnsafeRawPointer(bits.baseAddress!)
        for b in 0..<full {
            // Eight 0/1 bytes, little-endian: sample 8b+i is byte i. Gather bit i of each byte
            // into bit 7−i of the result: the multiply moves byte i's bit to bit 63−i (all
            // partial products land on distinct bits, so nothing carries).
            let word = base.loadUnaligned(fromByteOffset: b * 8, as: UInt64.self)
            bytes[b] = UInt8(truncatingIfNeeded: (word &* 0x8040_2010_0804_0201) >> 56)
            ones[b] = UInt8(truncatingIfNeeded: word.nonzeroBitCount)
        }
        if full * 8 < n {
            var value: UInt8 = 0
            var count: UInt8 = 0
            for i in (full * 8)..<n {
                value |= bits[i] << UInt8(7 - (i - full * 8))
                count &+= bits[i]
            }
            bytes[full] = value
            ones[full] = count
        }
    }
}
