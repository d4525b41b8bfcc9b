/// Cuts a bit stream, arriving as packed bytes (most significant bit first), into consecutive
/// `width`-bit samples — the samples SP 800-90B reads (README, "Input formats"); leftover bits
/// that do not make a whole sample are dropped.
struct SampleCutter {
    let width: Int
    private var pending: UInt64 = 0
    private var pendingBits = 0

    init(width: Int) {
        precondition((1...8).contains(width))
        self.width = width
    }

    /// Puts the samples `bytes` complete into `out` (emptied first).
    mutating func cut(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        if width == 8 { out.append(contentsOf: bytes); return }
        let mask = UInt64(1) << UInt64(width) - 1
        for byte in bytes {
            pending = pending << 8 | UInt64(byte)
            pendingBits += 8
            while pendingBits >= width {
                pendingBits -= width
                out.append(UInt8(truncatingIfNeeded: (pending >> UInt64(pendingBits)) & mask))
            }
            pending &= (1 << UInt64(pendingBits)) - 1
        }
    }

    /// Puts the samples completed by the stream's last `count` (< 8) bits, the low bits of
    /// `value`, into `out` (emptied first).
    mutating func cutTail(_ value: UInt8, count: Int, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        let mask = UInt64(1) << UInt64(width) - 1
        pending = pending << UInt64(count) | UInt64(value) & ((1 << UInt64(count)) - 1)
        pendingBits += count
        while pendingBits >= width {
            pendingBits -= width
            out.append(UInt8(truncatingIfNeeded: (pending >> UInt64(pendingBits)) & mask))
        }
    }
}
