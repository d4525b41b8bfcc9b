import Testing
@testable import RandomnessCore

@Suite struct BitSequenceTests {
    @Test func bytesPackMostSignificantBitFirst() {
        let s = BitSequence(bytes: [0b1000_0001, 0xF0], bitOrder: .msb)
        #expect(s.count == 16)
        #expect(s.bitArray == [1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0])
        let l = BitSequence(bytes: [0b1000_0001, 0xF0], bitOrder: .lsb)
        #expect(l.bitArray == [1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1])
    }

    @Test func popcountOverEveryRangeMatchesCounting() {
        var state: UInt32 = 12345
        let bytes: [UInt8] = (0..<41).map { _ in state = state &* 1103515245 &+ 12345; return UInt8(state >> 24) }
        let s = BitSequence(bytes: bytes)
        let bits = s.bitArray
        for lo in stride(from: 0, to: bits.count, by: 7) {
            for hi in stride(from: lo, through: bits.count, by: 5) {
                let expected = bits[lo..<hi].reduce(0) { $0 + Int($1) }
                #expect(s.popcount(in: lo..<hi) == expected)
            }
        }
        #expect(s.onesCount == bits.reduce(0) { $0 + Int($1) })
    }

    @Test func slicesAndStreamsKeepTheBits() {
        let bits: [UInt8] = (0..<1000).map { UInt8(($0 * 7 + $0 / 3) % 2) }
        let s = BitSequence(bits: bits)
        #expect(s.bitArray == bits)
        let slice = s.slice(13..<777)
        #expect(slice.bitArray == Array(bits[13..<777]))
        let streams = s.streams(count: 3, length: 300)
        for (i, stream) in streams.enumerated() {
            #expect(stream.bitArray == Array(bits[i * 300..<(i + 1) * 300]))
        }
    }

    @Test func wordAtAnyOffsetIsTheNext64Bits() {
        let bits: [UInt8] = (0..<200).map { UInt8(($0 * $0 + 3) % 5 % 2) }
        let s = BitSequence(bits: bits)
        for start in 0..<200 {
            var expected: UInt64 = 0
            for k in 0..<64 { expected = expected << 1 | UInt64(start + k < 200 ? bits[start + k] : 0) }
            #expect(s.word(startingAt: start) == expected)
        }
    }

    @Test func builderPacksGroupsOfBits() {
        var b = BitSequenceBuilder()
        b.append(value: 0b101, width: 3)
        for _ in 0..<30 { b.append(value: 0x1F, width: 5) }
        b.append(bit: 0)
        let s = b.build()
        #expect(s.count == 154)
        #expect(Array(s.bitArray.prefix(3)) == [1, 0, 1])
        #expect(s.popcount(in: 3..<153) == 150)
        #expect(s[153] == 0)
    }

    @Test func samplesBecomeBitsMostSignificantFirst() {
        let samples = SampleSequence(samples: [0b101, 0b011, 0b000], bitsPerSymbol: 3)
        #expect(samples.bits.bitArray == [1, 0, 1, 0, 1, 1, 0, 0, 0])
        #expect(SampleSequence.inferredBitsPerSymbol(of: [0, 1, 5, 3]) == 3)
        #expect(SampleSequence.inferredBitsPerSymbol(of: [0, 0]) == 1)
        #expect(SampleSequence.inferredBitsPerSymbol(of: [255]) == 8)
    }
}

@Suite struct PackedBytesTests {
    @Test func packedBytesRoundTripAndPad() {
        let bytes: [UInt8] = (0..<37).map { UInt8($0 * 7 % 256) }
        #expect(BitSequence(bytes: bytes).packedBytes == bytes)
        #expect(BitSequence(bits: [1, 0, 1]).packedBytes == [0b1010_0000])
    }
}
