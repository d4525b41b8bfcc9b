import Foundation
import Testing
@testable import RandomnessCore

/// A named pipe as a data input: never a hang. Without a writer the read gives up after
/// `writerWait` with an error naming the pipe; with one it is read to its writer's close;
/// and a file found beside an input (a capture manifest) that is a pipe is refused at once.
@Suite struct NamedPipeInputTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    func fifo(_ name: String) throws -> String {
        let path = dir.url.appendingPathComponent(name).path
        try #require(mkfifo(path, 0o600) == 0)
        return path
    }

    @Test func pipeWithoutAWriterGivesUpAfterTheBound() throws {
        let path = try fifo("silent")
        let start = Date()
        #expect(throws: InputError.cannotOpen(path: path, reason: "no data from a writer on the named pipe within 0.3 s")) {
            _ = try InputSource(path: path, writerWait: 0.3).readAll()
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func pipeIsReadUntilItsWriterCloses() throws {
        let path = try fifo("fed")
        let bytes: [UInt8] = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let writer = Thread {
            usleep(200_000)  // the reader is already waiting
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return }
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(fd, raw.baseAddress! + offset, min(10_000, raw.count - offset))
                    if n <= 0 { break }
                    offset += n
                }
            }
            close(fd)
        }
        writer.start()
        #expect(try InputSource(path: path, writerWait: 10).readAll() == bytes)
    }

    @Test func pipeWhoseWriterClosesAtOnceIsEmpty() throws {
        let path = try fifo("closed")
        let writer = Thread {
            usleep(100_000)
            let fd = open(path, O_WRONLY)
            if fd >= 0 { close(fd) }
        }
        writer.start()
        #expect(throws: InputError.empty(path: path)) { _ = try InputSource(path: path, writerWait: 10).readAll() }
    }

    @Test func regularOnlyRefusesAPipeWithoutWaiting() throws {
        let path = try fifo("manifest.json")
        let start = Date()
        #expect(throws: FileBytes.ReadError(path: path, reason: "not a regular file (a named pipe)")) {
            _ = try FileBytes.read(path)
        }
        #expect(Date().timeIntervalSince(start) < 2)
        let file = try dir.file("plain.json", text: "{}")
        #expect(try FileBytes.read(file) == Array("{}".utf8))
    }
}
