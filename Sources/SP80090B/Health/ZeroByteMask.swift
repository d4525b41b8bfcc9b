/// Byte-parallel (SWAR) helpers for the health tests' hot loops: eight one-byte samples in
/// a UInt64, little-endian (sample k in bits 8k…8k+7).
enum ZeroByteMask {
    static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    static let ones: UInt64 = 0x0101_0101_0101_0101

    /// Bit 8k+7 set exactly where byte k of `v` is zero (exact, no false positives:
    /// Hacker's Delight 6-1).
    @inline(__always)
    static func of(_ v: UInt64) -> UInt64 {
        let y = ((v & low7) &+ low7) | v
        return ~(y | low7)
    }

    /// The eight byte flags of a zero-byte mask packed into bits 0…7 (bit k = byte k).
    @inline(__always)
    static func packed(_ mask: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: ((mask >> 7) &* 0x0102_0408_1020_4080) >> 56)
    }

    /// The byte `b` repeated in all eight lanes.
    @inline(__always)
    static func broadcast(_ b: UInt8) -> UInt64 { UInt64(b) &* ones }

    /// Eight samples starting at `p`, sample k in byte k.
    @inline(__always)
    static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// For each 8-bit pattern, the longest run of consecutive set bits.
    static let longestRunOfOnes: [UInt8] = (0..<256).map { m in
        var best = 0, run = 0
        for k in 0..<8 {
            if m & (1 << k) != 0 { run += 1; best = max(best, run) } else { run = 0 }
        }
        return UInt8(best)
    }
}
