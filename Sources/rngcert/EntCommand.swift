import ArgumentParser
import ENT
import RandomnessCore
#if canImport(Glibc)
import Glibc
#endif

/// `rngcert ent`: a drop-in replacement for Debian's `ent` (1.2debian). Same flags, same
/// output character for character, in one streaming pass with bounded memory.
///
/// Differences from `ent`, all on bad input: a missing or unreadable file, a directory,
/// or a short `--bytes` read is a one-line error on standard error with exit code 2
/// (`ent` prints "Cannot open file X" on standard output, or reports a directory as an
/// empty file); an unknown flag is a usage error (exit 2). `-u` prints this command's help.
/// The exit code does not depend on the verdict, as with `ent`.
struct EntCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ent",
        abstract: "Entropy, chi-square, mean, Monte Carlo π and serial correlation, exactly as ent prints them.",
        discussion: """
        Reads FILE (standard input when FILE is absent or '-') in one pass and prints what \
        Debian's ent prints for the same flags, character for character. Use --bytes to \
        read a device such as /dev/hwrng.
        """
    )

    @Flag(name: [.customShort("b"), .customLong("binary")], help: "Treat input as a stream of bits (ent -b).")
    var binary = false

    @Flag(name: [.customShort("c"), .customLong("counts")], help: "Print occurrence counts (ent -c).")
    var counts = false

    @Flag(name: [.customShort("f"), .customLong("fold")], help: "Fold upper to lower case letters, Latin-1 (ent -f).")
    var fold = false

    @Flag(name: [.customShort("t"), .customLong("terse")], help: "Terse output in CSV format (ent -t).")
    var terse = false

    @Flag(name: [.customShort("u"), .customLong("usage")], help: "Print this message (ent -u).")
    var usage = false

    @Option(name: .customLong("bytes"), parsing: .unconditional, help: ArgumentHelp(
        "Read exactly N bytes (suffix K, M or G); required for devices.", valueName: "N"))
    var bytes: String?

    @Option(name: .customLong("jobs"), parsing: .unconditional, help: ArgumentHelp(
        "Threads that scan each chunk, 1…1024 (results are identical for any value). Default 1: the scan outruns most disks, and a busy machine gains nothing from more.",
        valueName: "N"))
    var jobs = 1

    @Argument(help: ArgumentHelp("Input file; '-' or nothing for standard input.", valueName: "FILE"))
    var file: String?

    func validate() throws {
        try OptionChecks.jobs(jobs)
        if let bytes { try OptionChecks.byteCount(bytes, option: "--bytes") }
    }

    func run() throws {
        if usage { throw CleanExit.helpRequest(self) }
        var byteLimit: Int? = nil
        if let bytes { byteLimit = try ByteCount.parse(bytes, parameter: "--bytes") }
        let statistics = try Self.statistics(of: InputSource(path: file ?? "-"), byteLimit: byteLimit, fold: fold, jobs: jobs)
            .statistics(mode: binary ? .bit : .byte)
        Self.writeStandardOutput(ENTTextReport.render(statistics, counts: counts, terse: terse))
    }

    /// Streams the input once through an accumulator. An empty input without a byte
    /// limit is not an error: ent reports it (with nan figures).
    static func statistics(of source: InputSource, byteLimit: Int?, fold: Bool, jobs: Int) throws(InputError) -> ENTAccumulator {
        var accumulator = ENTAccumulator(foldingCase: fold)
        do {
            try source.stream(byteLimit: byteLimit, chunkSize: Self.chunkSize) { accumulator.add($0, jobs: jobs) }
        } catch {
            guard case .empty = error, byteLimit == nil else { throw error }
        }
        return accumulator
    }

    /// Bytes read at a time: enough to share among threads, small next to 64 MiB.
    static let chunkSize = 1 << 20

    /// Writes raw bytes (the count table holds Latin-1 bytes, not UTF-8).
    static func writeStandardOutput(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}
