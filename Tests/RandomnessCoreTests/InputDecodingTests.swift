import Foundation
import Testing
@testable import RandomnessCore

@Suite struct InputDecodingTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    @Test func rawFileReadsWholeAndBounded() throws {
        let bytes: [UInt8] = (0..<5000).map { UInt8($0 % 251) }
        let path = try dir.file("raw.bin", bytes)
        #expect(try InputSource(path: path).readAll() == bytes)
        #expect(try InputSource(path: path).readAll(byteLimit: 100) == Array(bytes.prefix(100)))
    }

    @Test func streamingDeliversEveryByteInOrder() throws {
        let bytes: [UInt8] = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = try dir.file("stream.bin", bytes)
        var seen: [UInt8] = []
        let total = try InputSource(path: path).stream(chunkSize: 4096) { seen.append(contentsOf: $0) }
        #expect(total == bytes.count)
        #expect(seen == bytes)
    }

    @Test func characterDeviceNeedsALimitAndHonoursIt() throws {
        #expect(throws: InputError.deviceNeedsByteLimit(path: "/dev/urandom")) {
            _ = try InputSource(path: "/dev/urandom").readAll()
        }
        #expect(try InputSource(path: "/dev/urandom").readAll(byteLimit: 3 << 20).count == 3 << 20)
        #expect(try InputSource(path: "/dev/zero").readAll(byteLimit: 1024) == [UInt8](repeating: 0, count: 1024))
    }

    @Test func namedPipeIsReadToItsEnd() throws {
        let path = dir.url.appendingPathComponent("fifo").path
        #expect(mkfifo(path, 0o600) == 0)
        let payload: [UInt8] = (0..<70_000).map { UInt8($0 % 256) }
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: path)!
            handle.write(Data(payload))
            try? handle.close()
        }
        writer.start()
        #expect(try InputSource(path: path).readAll() == payload)
    }

    @Test func missingEmptyAndShortInputsAreNamed() throws {
        let missing = dir.url.appendingPathComponent("nope.bin").path
        #expect(throws: InputError.cannotOpen(path: missing, reason: "No such file or directory")) {
            _ = try InputSource(path: missing).readAll()
        }
        let empty = try dir.file("empty.bin", [])
        #expect(throws: InputError.empty(path: empty)) { _ = try InputSource(path: empty).readAll() }
        let short = try dir.file("short.bin", [1, 2, 3])
        #expect(throws: InputError.tooFewBytes(path: short, available: 3, requested: 10)) {
            _ = try InputSource(path: short).readAll(byteLimit: 10)
        }
        #expect(throws: InputError.cannotOpen(path: dir.url.path, reason: "is a directory")) {
            _ = try InputSource(path: dir.url.path).readAll()
        }
    }

    @Test func ascii01IgnoresWhitespaceAndNamesTheBadOffset() throws {
        let bits = try InputDecoder.bits(from: Array("01 1\n0\t1\r\n".utf8), options: .init(format: .ascii01), name: "a.txt")
        #expect(bits.bitArray == [0, 1, 1, 0, 1])
        let error = #expect(throws: InputError.self) {
            _ = try InputDecoder.bits(from: Array("0101\n01x1".utf8), options: .init(format: .ascii01), name: "a.txt")
        }
        #expect(error == .invalidCharacter(path: "a.txt", offset: 7, character: UInt8(ascii: "x"), format: .ascii01))
        #expect(error?.description == "a.txt: offset 7: invalid character 'x' (0x78) in ascii01 input")
        #expect(throws: InputError.empty(path: "w.txt")) {
            _ = try InputDecoder.bits(from: Array(" \n".utf8), options: .init(format: .ascii01), name: "w.txt")
        }
    }

    @Test func hexNeedsPairsOfDigits() throws {
        let bits = try InputDecoder.bits(from: Array("a5 0F\n".utf8), options: .init(format: .hex), name: "h")
        #expect(bits == BitSequence(bytes: [0xA5, 0x0F]))
        #expect(throws: InputError.oddHexDigitCount(path: "h", digits: 3)) {
            _ = try InputDecoder.bits(from: Array("a50".utf8), options: .init(format: .hex), name: "h")
        }
        #expect(throws: InputError.invalidCharacter(path: "h", offset: 2, character: UInt8(ascii: "g"), format: .hex)) {
            _ = try InputDecoder.bits(from: Array("a5g0".utf8), options: .init(format: .hex), name: "h")
        }
    }

    @Test func samplesMustFitTheirWidth() throws {
        let ok = try InputDecoder.samples(from: [0, 3, 1, 2], options: .init(format: .samples, bitsPerSymbol: 2), name: "s")
        #expect(ok.samples == [0, 3, 1, 2] && ok.bitsPerSymbol == 2)
        #expect(ok.bits.bitArray == [0, 0, 1, 1, 0, 1, 1, 0])
        #expect(throws: InputError.sampleTooWide(path: "s", offset: 2, value: 4, bitsPerSymbol: 2)) {
            _ = try InputDecoder.samples(from: [0, 3, 4], options: .init(format: .samples, bitsPerSymbol: 2), name: "s")
        }
        let inferred = try InputDecoder.samples(from: [0, 5, 1], options: .init(format: .samples), name: "s")
        #expect(inferred.bitsPerSymbol == 3)
        #expect(throws: InputError.invalidParameter(name: "--bits-per-symbol", value: "9", reason: "must be between 1 and 8")) {
            _ = try InputDecoder.samples(from: [0], options: .init(format: .samples, bitsPerSymbol: 9), name: "s")
        }
    }

    @Test func rawBytesCutIntoNarrowSamples() throws {
        let s = try InputDecoder.samples(from: [0b1011_0010], options: .init(format: .raw, bitsPerSymbol: 2), name: "r")
        #expect(s.samples == [0b10, 0b11, 0b00, 0b10])
        let bytes = try InputDecoder.samples(from: [7, 200], options: .init(format: .raw), name: "r")
        #expect(bytes.samples == [7, 200] && bytes.bitsPerSymbol == 8)
    }

    @Test func byteCountsAcceptSuffixes() throws {
        #expect(try ByteCount.parse("4096") == 4096)
        #expect(try ByteCount.parse("64K") == 65536)
        #expect(try ByteCount.parse("16M") == 16 << 20)
        #expect(try ByteCount.parse("1G") == 1 << 30)
        #expect(try ByteCount.parse("2MiB") == 2 << 20)
        #expect(throws: InputError.self) { _ = try ByteCount.parse("12Q") }
        #expect(throws: InputError.self) { _ = try ByteCount.parse("0") }
        #expect(throws: InputError.self) { _ = try ByteCount.parse("-5") }
    }
}
