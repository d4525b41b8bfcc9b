import Foundation
import RandomnessCore
import Testing

/// Streamed files appear whole or not at all, never replace what they must not, and keep
/// their bytes when publishing fails.
struct AtomicFileStreamTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() }

    @Test func bytesAppearOnlyAtCommit() throws {
        let path = dir.url.appendingPathComponent("out.bin").path
        let stream = try AtomicFileStream(path: path, overwrite: false)
        try stream.write([1, 2, 3])
        try stream.write(Array(repeating: 9, count: 100_000))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try names().count == 1 && names()[0].hasPrefix(".out.bin.tmp-"))
        #expect(stream.byteCount == 100_003)
        try stream.commit()
        #expect(stream.published)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([1, 2, 3] + Array(repeating: 9, count: 100_000)))
        #expect(try names() == ["out.bin"])
    }

    @Test func existingFileIsNotReplacedWithoutOverwrite() throws {
        let path = try dir.file("out.bin", [7])
        #expect(throws: FileWriteError.exists(path: path)) { _ = try AtomicFileStream(path: path, overwrite: false) }
        // A file that appears while the stream is open is not replaced either; the bytes stay in the temporary file.
        let other = dir.url.appendingPathComponent("late.bin").path
        let stream = try AtomicFileStream(path: other, overwrite: false)
        try stream.write([1, 2])
        _ = try dir.file("late.bin", [5])
        #expect(throws: FileWriteError.exists(path: other)) { try stream.commit() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == Data([5]))
        #expect(try Data(contentsOf: URL(fileURLWithPath: stream.temporaryPath)) == Data([1, 2]))
        stream.discard()
        #expect(!FileManager.default.fileExists(atPath: stream.temporaryPath))
        let replacing = try AtomicFileStream(path: path, overwrite: true)
        try replacing.write([8, 8])
        try replacing.commit()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([8, 8]))
    }

    @Test func discardedOrDroppedStreamsLeaveNothing() throws {
        let path = dir.url.appendingPathComponent("x.bin").path
        let stream = try AtomicFileStream(path: path, overwrite: false)
        try stream.write([1])
        stream.discard()
        do {
            let dropped = try AtomicFileStream(path: path, overwrite: false)
            try dropped.write([2])
        }
        #expect(try names().isEmpty)
    }

    @Test func shortTimestampsAreRFC3339() {
        #expect(UTCTimestamp.rfc3339(seconds: 0, milliseconds: 5) == "1970-01-01T00:00:00.005Z")
        #expect(UTCTimestamp.rfc3339(seconds: 1_795_294_683, milliseconds: 125) == "2026-11-21T20:58:03.125Z")
        #expect(UTCTimestamp.now().count == 24)
    }
}
