import ArgumentParser
import Capture
import RandomnessCore
#if canImport(Glibc)
import Glibc
#endif

/// `rngcert simulate`: write bytes from a simulated noise source with chosen faults, for
/// drilling the suites and the capture health tests.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write bytes from a deterministic simulated noise source, with faults to drill on.",
        discussion: """
        The clean source is xoshiro256** seeded through SplitMix64 from --seed: the same \
        seed and faults always give the same bytes. Faults start at --after (default 0) and \
        combine, applied in this order: --bias and --correlation (how bits are made), \
        --period, --repeat-block, --dropout, --stuck-at.

          --bias P              each bit is 1 with probability P
          --correlation R       each bit repeats the previous one with probability R (lag-1 correlation R)
          --period LEN          the output cycles through LEN bytes
          --repeat-block LEN    every block of LEN bytes is served twice
          --dropout LEN         runs of LEN zero bytes, one every ~--dropout-interval bytes (default 65536)
          --stuck-at BIT        bit BIT (0 = least significant) of every byte reads --stuck-value (default 0)

        Writes --out atomically and never replaces a file without --force; '-' writes to \
        standard output.

        Example:
          rngcert simulate --bytes 1M --seed 7 --stuck-at 0 --after 4096 --out stuck.bin
        """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("Bytes to write; K, M, G mean 2^10, 2^20, 2^30.", valueName: "n"))
    var bytes: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed (decimal, or hex with 0x); default 0.", valueName: "seed"))
    var seed: String = "0"

    @Option(help: ArgumentHelp("Output file, or '-' for standard output.", valueName: "file"))
    var out: String

    @Flag(help: "Replace an existing output file.")
    var force = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Faults start at this byte offset (default 0).", valueName: "offset"))
    var after: String = "0"

    @Option(parsing: .unconditional, help: ArgumentHelp("Probability P that a bit is 1.", valueName: "P"))
    var bias: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Probability R that a bit repeats the previous one (0 ≤ R < 1).", valueName: "R"))
    var correlation: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Cycle length in bytes.", valueName: "len"))
    var period: String?

    @Option(name: .customLong("repeat-block"), parsing: .unconditional, help: ArgumentHelp("Every block of LEN bytes is served twice.", valueName: "len"))
    var repeatBlock: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Length in bytes of each run of zeros.", valueName: "len"))
    var dropout: String?

    @Option(name: .customLong("dropout-interval"), parsing: .unconditional, help: ArgumentHelp("Mean bytes between dropouts (default 65536).", valueName: "n"))
    var dropoutInterval: String?

    @Option(name: .customLong("stuck-at"), parsing: .unconditional, help: ArgumentHelp("Bit index 0…7 (0 = least significant) stuck in every byte.", valueName: "bit"))
    var stuckAt: Int?

    @Option(name: .customLong("stuck-value"), parsing: .unconditional, help: ArgumentHelp("Value of the stuck bit, 0 or 1 (default 0).", valueName: "v"))
    var stuckValue: UInt8 = 0

    func validate() throws {
        do { _ = try faults(); _ = try parsedSeed(); _ = try ByteCount.parse(bytes, parameter: "--bytes") } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("\(error)")
        }
        if out.isEmpty || out.hasSuffix("/") { throw ValidationError("--out needs a file name or '-'") }
    }

    func parsedSeed() throws -> UInt64 {
        let text = seed.lowercased()
        let value = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
        guard let value else { throw ValidationError("--seed must be an unsigned 64-bit integer, decimal or 0x hex (got '\(seed)')") }
        return value
    }

    func faults() throws -> SimulatorFaults {
        func count(_ text: String?, _ name: String) throws -> Int? {
            guard let text else { return nil }
            if text == "0" { return 0 }
            return try ByteCount.parse(text, parameter: name)
        }
        let faults = SimulatorFaults(
            onset: try count(after, "--after") ?? 0, bias: bias, correlation: correlation,
            period: try count(period, "--period"), repeatBlock: try count(repeatBlock, "--repeat-block"),
            dropoutLength: try count(dropout, "--dropout"),
            dropoutInterval: try count(dropoutInterval, "--dropout-interval") ?? SimulatorFaults.defaultDropoutInterval,
            stuckBit: stuckAt, stuckValue: stuckValue)
        try faults.validate()
        return faults
    }

    func run() throws {
        let total = try ByteCount.parse(bytes, parameter: "--bytes")
        var generator = try FaultySource(seed: try parsedSeed(), faults: try faults())
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        var written = 0
        if out == "-" {
            while written < total {
                let n = min(chunk, total - written)
                try buffer.withUnsafeMutableBytes { raw in
                    let part = UnsafeMutableRawBufferPointer(rebasing: raw[0..<n])
                    generator.fill(part)
                    try Self.writeStandardOutput(UnsafeRawBufferPointer(part))
                }
                written += n
            }
            RNGCert.writeError("simulated \(total) bytes (seed \(generator.seed); \(generator.faults.summary))")
            return
        }
        let output = try AtomicFileStream(path: out, overwrite: force)
        while written < total {
            let n = min(chunk, total - written)
            try buffer.withUnsafeMutableBytes { raw in
                let part = UnsafeMutableRawBufferPointer(rebasing: raw[0..<n])
                generator.fill(part)
                try output.write(UnsafeRawBufferPointer(part))
            }
            written += n
        }
        try output.commit()
        print("simulated \(total) bytes (seed \(generator.seed); \(generator.faults.summary)) to \(TerminalText.escaped(out))")
    }

    /// Writes all of `bytes` to standard output; a closed pipe ends quietly.
    struct StandardOutputClosed: Error, CustomStringConvertible {
        var description: String { "standard output closed" }
    }

    static func writeStandardOutput(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw StandardOutputClosed()
            }
            offset += n
        }
    }
}
