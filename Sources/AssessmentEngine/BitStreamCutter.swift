import RandomnessCore

/// Cuts a bit stream, arriving as packed bytes (most significant bit first), into consecutive
/// streams of `length` bits; bits after the last whole stream are dropped.
struct BitStreamCutter {
    let length: Int
    private var builder: BitSequenceBuilder

    init(length: Int) {
        self.length = length
        builder = BitSequenceBuilder(reservingBits: length)
    }

    /// Bits held towards the next stream.
    var pendingBits: Int { builder.count }

    /// Takes `bytes` and appends every stream they complete to `streams`.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, into streams: inout [BitSequence]) {
        var rest = bytes
        while !rest.isEmpty {
            let room = length - builder.count
            let whole = min(room / 8, rest.count)
            if whole > 0 {
                builder.append(bytes: UnsafeBufferPointer(rebasing: rest[..<whole]))
                rest = UnsafeBufferPointer(rebasing: rest[whole...])
            }
            if rest.isEmpty { break }
            if builder.count == length {
                streams.append(builder.build())
                builder = BitSequenceBuilder(reservingBits: length)
                continue
            }
            // Fewer than 8 bits of room: the next byte is split between this stream and the next.
            addTail(rest[rest.startIndex], count: 8, into: &streams)
            rest = UnsafeBufferPointer(rebasing: rest[(rest.startIndex + 1)...])
        }
        if builder.count == length {
            streams.append(builder.build())
            builder = BitSequenceBuilder(reservingBits: length)
        }
    }

    /// Takes `count` (≤ 8) bits, the low bits of `value`, one at a time (a stream's last bits,
    /// or a byte split between two streams).
    mutating func addTail(_ value: UInt8, count: Int, into streams: inout [BitSequence]) {
        for i in stride(from: count - 1, through: 0, by: -1) {
            builder.append(bit: (value >> UInt8(i)) & 1)
            if builder.count == length {
                streams.append(builder.build())
                builder = BitSequenceBuilder(reservingBits: length)
            }
        }
    }
}
