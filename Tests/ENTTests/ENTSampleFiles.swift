import Foundation
import RandomnessCore

/// Test inputs come from RandomnessCore's seeded SplitMix64.
extension SplitMix64 {
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}

/// Deterministic test inputs covering `ent`'s cases: random, biased, constant, tiny,
/// empty, text with Latin-1 capitals (for -f), every byte value (for the -c Char column).
enum ENTSampleFiles {
    static let all: [(name: String, bytes: [UInt8])] = {
        var g = SplitMix64(seed: 20_240_601)
        var files: [(String, [UInt8])] = []
        files.append(("random-100k", g.bytes(100_000)))
        files.append(("random-1500k", g.bytes(1_500_000)))
        // Each bit is 1 with probability 1/4: AND of two random bytes.
        files.append(("biased-and", (0..<60_000).map { _ in UInt8(truncatingIfNeeded: g.next() & (g.next() >> 8)) }))
        // Four symbols only.
        files.append(("four-symbols", (0..<30_000).map { _ in 0x41 + UInt8(truncatingIfNeeded: g.next() & 3) }))
        files.append(("all-zero", [UInt8](repeating: 0, count: 10_000)))
        files.append(("all-ones", [UInt8](repeating: 0xFF, count: 777)))
        files.append(("every-value-x3", (0..<768).map { UInt8(truncatingIfNeeded: $0) }))
        files.append(("empty", []))
        files.append(("one-byte", [0x41]))
        for n in [2, 3, 5, 6, 7, 13] { files.append(("tiny-\(n)", g.bytes(n))) }
        files.append(("text", Array(sampleText(&g).utf8)))
        files.append(("latin1-text", latin1Text(&g)))
        return files
    }()

    /// English-like ASCII text with capitals, punctuation and newlines.
    static func sampleText(_ g: inout SplitMix64) -> String {
        let words = ["The", "quick", "Brown", "FOX", "jumps", "over", "the", "Lazy", "dog", "ENTROPY",
                     "is", "a", "Measure", "of", "Surprise", "Walker", "wrote", "ent", "in", "1996"]
        var text = ""
        for i in 0..<4000 {
            text += words[Int(g.next() % UInt64(words.count))]
            text += i % 13 == 12 ? ".\n" : (i % 5 == 4 ? ", " : " ")
        }
        return text
    }

    /// Latin-1 bytes: letters of both cases, À–Þ (with × and the lower-case ß, ÿ), digits.
    static func latin1Text(_ g: inout SplitMix64) -> [UInt8] {
        let alphabet: [UInt8] = Array(0x41...0x5A) + Array(0x61...0x7A) + Array(0xC0...0xFF) + Array(0x30...0x39) + [0x20, 0x0A]
        return (0..<20_000).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] }
    }
}

/// A fresh directory under the system temporary directory, removed when the value dies.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("rngcert-ent-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` and returns its path.
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
