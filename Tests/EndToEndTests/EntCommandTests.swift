import RandomnessCore
import Foundation
import Testing

/// Runs the built `rngcert ent` binary and compares it with Debian's `ent`: the same
/// bytes on standard output for files, standard input and every flag spelling, and a
/// one-line error with exit code 2 for a missing file.
@Suite(.enabled(if: RNGCertBinary.url != nil, "the rngcert binary was not found next to the test bundle; build it first"))
struct EntCommandTests {
    static let entPath: String? = ["/usr/bin/ent", "/usr/local/bin/ent"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `executable arguments…`, feeding `input` on standard input when given.
    static func run(_ executable: URL, _ arguments: [String], input: [UInt8]? = nil) throws -> ProcessResult {
        try ProcessRunner.run(executable.path, arguments, input: input)
    }

    static func sampleBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        // SplitMix64, seeded: the test input is the same on every run.
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }

    static func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rngcert-e2e-ent-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url
    }

    @Test(.enabled(if: entPath != nil, "Debian's ent is not installed; skipped"))
    func matchesEntOnFilesForEveryFlagSpelling() throws {
        let rngcert = try #require(RNGCertBinary.url)
        let ent = URL(fileURLWithPath: Self.entPath!)
        let inputs: [[UInt8]] = [
            Self.sampleBytes(70_001, seed: 5),
            Self.sampleBytes(2_500_003, seed: 6),   // several read chunks, several segments with --jobs
            Array("Hello, World! THE QUICK BROWN FOX.\n".utf8) + [0xC0, 0xDE, 0xFF, 0xA0],
            [UInt8](repeating: 0, count: 1000),
            [0x41],
            [],
        ]
        // (ent's flags, our spellings of the same options)
        let spellings: [([String], [[String]])] = [
            ([], [[]]),
            (["-b"], [["-b"], ["--binary"]]),
            (["-c"], [["-c"], ["--counts"]]),
            (["-t"], [["-t"], ["--terse"]]),
            (["-f"], [["-f"], ["--fold"]]),
            (["-bct"], [["-bct"], ["-b", "-c", "-t"], ["--binary", "--counts", "--terse"], ["-tcb"], ["--jobs", "3", "-bct"]]),
            (["-fbc"], [["-fbc"], ["--fold", "-bc"]]),
            (["-ct"], [["-ct"], ["--terse", "--counts"]]),
        ]
        for bytes in inputs {
            let file = try Self.temporaryFile(bytes)
            defer { try? FileManager.default.removeItem(at: file) }
            for (entFlags, ours) in spellings {
                let expected = try Self.run(ent, entFlags + [file.path])
                for flags in ours {
                    let actual = try Self.run(rngcert, ["ent"] + flags + [file.path])
                    #expect(actual.status == 0, "rngcert ent \(flags): \(actual.standardError)")
                    #expect(actual.standardOutput == expected.standardOutput,
                            "rngcert ent \(flags) on \(bytes.count) bytes differs from ent \(entFlags)")
                }
                // Flags after the file name, as GNU getopt allows.
                let after = try Self.run(rngcert, ["ent", file.path] + entFlags)
                #expect(after.standardOutput == expected.standardOutput)
            }
        }
    }

    @Test(.enabled(if: entPath != nil, "Debian's ent is not installed; skipped"))
    func readsStandardInputWithoutFileOrWithDash() throws {
        let rngcert = try #require(RNGCertBinary.url)
        let ent = URL(fileURLWithPath: Self.entPath!)
        let bytes = Self.sampleBytes(200_000, seed: 8)
        for flags in [[], ["-b"], ["-bct"]] {
            let expected = try Self.run(ent, flags, input: bytes)
            #expect(try Self.run(rngcert, ["ent"] + flags, input: bytes).standardOutput == expected.standardOutput)
            #expect(try Self.run(rngcert, ["ent"] + flags + ["-"], input: bytes).standardOutput == expected.standardOutput)
        }
        // An empty standard input is reported like an empty file, as ent does.
        let empty = try Self.run(ent, ["-t"], input: [])
        #expect(try Self.run(rngcert, ["ent", "-t"], input: []).standardOutput == empty.standardOutput)
    }

    @Test func bytesOptionReadsAPrefixAndReadsDevices() throws {
        let rngcert = try #require(RNGCertBinary.url)
        let bytes = Self.sampleBytes(10_000, seed: 9)
        let whole = try Self.temporaryFile(bytes), prefix = try Self.temporaryFile(Array(bytes.prefix(4096)))
        defer { try? FileManager.default.removeItem(at: whole); try? FileManager.default.removeItem(at: prefix) }
        let limited = try Self.run(rngcert, ["ent", "--bytes", "4K", whole.path])
        #expect(limited.status == 0)
        #expect(limited.standardOutput == (try Self.run(rngcert, ["ent", prefix.path])).standardOutput)
        let device = try Self.run(rngcert, ["ent", "-t", "--bytes", "1K", "/dev/zero"])
        #expect(device.status == 0)
        #expect(String(decoding: device.standardOutput, as: UTF8.self).contains("\n1,1024,0.000000,261120.000000,"))
        let tooShort = try Self.run(rngcert, ["ent", "--bytes", "1M", whole.path])
        #expect(tooShort.status == 2)
        #expect(tooShort.standardError == "rngcert: error: \(whole.path): only 10000 bytes available, 1048576 requested\n")
    }

    @Test func missingFileIsAOneLineErrorWithExitCode2() throws {
        let rngcert = try #require(RNGCertBinary.url)
        let missing = "/nonexistent-\(UUID().uuidString)/sample.bin"
        let run = try Self.run(rngcert, ["ent", missing])
        #expect(run.status == 2)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError == "rngcert: error: \(missing): cannot open: No such file or directory\n")
        let device = try Self.run(rngcert, ["ent", "/dev/zero"])
        #expect(device.status == 2)
        #expect(device.standardError.hasPrefix("rngcert: error: /dev/zero: "))
        let badFlag = try Self.run(rngcert, ["ent", "-x"])
        #expect(badFlag.status == 2)
    }
}
