import Foundation
import RandomnessCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("TerminalText: untrusted text printed as one visible line")
struct TerminalTextTests {
    @Test("control characters, DEL, C1, separators and bidi overrides become \\u{…} escapes")
    func escapes() {
        #expect(TerminalText.escaped("plain ünïcode / path-1.json") == "plain ünïcode / path-1.json")
        #expect(TerminalText.escaped("\u{1B}]0;pwned\u{07}\u{1B}[2J\nverified: x")
            == "\\u{1B}]0;pwned\\u{7}\\u{1B}[2J\\u{A}verified: x")
        #expect(TerminalText.escaped("a\tb\rc\u{0}d\u{7F}e\u{9B}f") == "a\\u{9}b\\u{D}c\\u{0}d\\u{7F}e\\u{9B}f")
        #expect(TerminalText.escaped("x\u{2028}y\u{202E}z\u{2066}") == "x\\u{2028}y\\u{202E}z\\u{2066}")
    }

    @Test("EscapedError carries the escaped message of another error")
    func escapedError() {
        struct Raw: Error, CustomStringConvertible { var description: String { "bad \u{1B}[31mred\u{1B}[0m\nline" } }
        #expect(TerminalText.EscapedError(Raw()).description == "bad \\u{1B}[31mred\\u{1B}[0m\\u{A}line")
    }
}

@Suite("FileBytes.read: regular files only, found without blocking")
struct FileBytesRegularFileTests {
    @Test("a FIFO with no writer is refused at once, not waited on")
    func fifo() throws {
        let dir = try TemporaryDirectory()
        let path = dir.url.appendingPathComponent("fifo").path
        #expect(mkfifo(path, 0o600) == 0)
        let error = #expect(throws: FileBytes.ReadError.self) { _ = try FileBytes.read(path) }
        #expect(error?.description == "\(path): cannot read: not a regular file (a named pipe)")
    }

    @Test("a device and a directory are refused; a regular file reads")
    func others() throws {
        #expect(throws: FileBytes.ReadError(path: "/dev/null", reason: "not a regular file (a character device)")) { _ = try FileBytes.read("/dev/null") }
        let dir = try TemporaryDirectory()
        #expect(throws: FileBytes.ReadError(path: dir.url.path, reason: "is a directory")) { _ = try FileBytes.read(dir.url.path) }
        let file = try dir.file("f", [1, 2, 3])
        #expect(try FileBytes.read(file) == [1, 2, 3])
        #expect(FileBytes.isRegularFile(file) && !FileBytes.isRegularFile("/dev/null") && !FileBytes.isRegularFile(dir.url.path))
    }
}
