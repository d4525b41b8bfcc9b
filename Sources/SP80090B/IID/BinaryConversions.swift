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

    /// Conversion I from Conversion II: the ones of each packed byte.
    static func countOnes(_ bytes: UnsafeBufferPointer<UInt8>, into ones: UnsafeMutableBufferPointer<UInt8>) {
        precondition(ones.count >= bytes.count)
        let n = bytes.count
        let source = UnsafeRawPointer(bytes.baseAddress!)
        let target = UnsafeMutableRawPointer(ones.baseAddress!)
        var i = 0
        while i + 8 <= n {
            // Popcount of each byte of a word, in place (SWAR).
            var v = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            v = v - ((v >> 1) & 0x5555_5555_5555_5555)
            v = (v & 0x3333_3333_3333_3333) + ((v >> 2) & 0x3333_3333_3333_3333)
            v = (v + (v >> 4)) & 0x0F0F_0F0F_0F0F_0F0F
            target.storeBytes(of: v, toByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n {
            ones[i] = UInt8(truncatingIfNeeded: bytes[i].nonzeroBitCount)
            i += 1
        }
    }
}
