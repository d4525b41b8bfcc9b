import Foundation
import Testing

/// Every numeric option of every subcommand, at the boundaries (issue 11: no crash, hang or
/// silent misreading on any input). A value out of range is a usage error: exit 2 and one
/// line on standard error, "rngcert: error: …", naming the option. A value in range must run
/// to its end quickly on the small inputs here (exit 0, 1, or 2 when the input does not fit).
/// Never a trap (132, 134, 139), a backtrace, or a run past the timeout.
///
/// `keygen` and `render` have no numeric option; `rngcert --help` lists the rest, all below
/// (with `batch`, `history`, `serve` and `fetch`).
@Suite(.enabled(if: RNGCertBinary.isAvailable, "the rngcert binary was not found next to the test bundle; build it first"))
struct NumericBoundaryTests {
    /// The boundary values tried for each option, by label.
    static let boundaries: [String] = [
        "0", "-1", "2147483648", "9223372036854775807", "18446744073709551616", "1e308", "nan", "inf", "-inf", "",
    ]

    /// One numeric option (or positional argument) of one subcommand. `arguments` holds the
    /// whole command line with `V` where the value goes. `valid` lists the boundary values
    /// that are legitimately in range (the run must still end quickly); every other value
    /// must be refused with exit 2 naming `names` (alternatives separated by "|"). `extra` adds
    /// values of this option's own; `skip` leaves out valid values that are long legitimate runs.
    struct Row: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let names: String
        var valid: Set<String> = []
        var extra: [String] = []
        var skip: Set<String> = []
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let V = "V"
    static let assess = ["assess", "data.bin", "--suite", "ent", "--out", "r", "--force"]
    static let nonIID = ["entropy", "non-iid", "small.bin"]
    static let iid = ["entropy", "iid", "small.bin"]
    static let restart = ["entropy", "restart", "small.bin", "8", "7"]
    static let health = ["entropy", "health", "small.bin", "--claimed-entropy", "7"]
    static let capture = ["capture", "--source", "small.bin", "--out", "c.bin", "--force", "--quiet"]
    static let simulate = ["simulate", "--bytes", "64K", "--out", "-"]
    static let verify = ["verify", "missing/report.json", "--fingerprint", String(repeating: "0", count: 64)]
    static let batch = ["batch", "data.bin", "--suite", "ent", "--out", "b", "--force", "--quiet"]
    static let history = ["history", "missing.sqlite"]
    /// serve with a missing signing key: a valid command line ends at once with exit 2.
    static let serve = ["serve", "--source", "small.bin", "--spool", "s", "--sign-key", "missing.key", "--listen", "127.0.0.1:0"]
    /// fetch from a closed loopback port: a valid command line ends at once.
    static let fetch = ["fetch", "http://127.0.0.1:1/", "--out", "f.bin", "--fingerprint", String(repeating: "0", count: 64), "--timeout", "2"]
    static let counts: Set<String> = ["0", "2147483648", "9223372036854775807"]  // valid for a UInt64 seed

    /// The coverage table: (subcommand, option, needs input) is the command line itself.
    static let rows: [Row] = [
        // ent FILE
        Row(arguments: ["ent", "small.bin", "--bytes", V], names: "--bytes", valid: ["2147483648"]),
        Row(arguments: ["ent", "small.bin", "--jobs", V], names: "--jobs"),
        // assess FILE (ent only, so that valid values finish at once; every option is checked at parse time)
        Row(arguments: assess + ["--bits-per-symbol", V], names: "--bits-per-symbol"),
        Row(arguments: assess + ["--bytes", V], names: "--bytes", valid: ["2147483648"]),
        Row(arguments: assess + ["--jobs", V], names: "--jobs"),
        Row(arguments: assess + ["--suite", V], names: "--suite"),
        Row(arguments: assess + ["--block-frequency-m", V], names: "--block-frequency-m"),
        Row(arguments: assess + ["--non-overlapping-m", V], names: "--non-overlapping-m"),
        Row(arguments: assess + ["--overlapping-m", V], names: "--overlapping-m"),
        Row(arguments: assess + ["--approximate-entropy-m", V], names: "--approximate-entropy-m"),
        Row(arguments: assess + ["--serial-m", V], names: "--serial-m"),
        Row(arguments: assess + ["--linear-complexity-m", V], names: "--linear-complexity-m"),
        Row(arguments: assess + ["-n", V], names: "--stream-length|-n", extra: ["1", "99"]),
        Row(arguments: assess + ["--streams", V], names: "--streams"),
        Row(arguments: assess + ["--tests", V], names: "--tests"),
        Row(arguments: assess + ["--claimed-entropy", V], names: "--claimed-entropy"),
        Row(arguments: assess + ["--iid-seed", V], names: "--iid-seed", valid: counts),
        Row(arguments: assess + ["--subset", "\(V),2"], names: "--subset", valid: ["0", "2147483648"]),
        Row(arguments: assess + ["--subset", "1,\(V)"], names: "--subset", valid: counts),
        Row(arguments: assess + ["--health-alpha", V], names: "--health-alpha", extra: ["0.9999999999999999", "2^-2000"]),
        Row(arguments: assess + ["--sp800-90b-samples", V], names: "--sp800-90b-samples", valid: ["2147483648"]),
        // entropy non-iid FILE [bits_per_symbol]
        Row(arguments: nonIID + ["-l", "\(V),2"], names: "-l", valid: ["0", "2147483648"]),
        Row(arguments: nonIID + ["-l", "1,\(V)"], names: "-l", valid: counts),
        Row(arguments: nonIID + ["--claimed-entropy", V], names: "--claimed-entropy"),
        Row(arguments: nonIID + ["--jobs", V], names: "--jobs"),
        Row(arguments: nonIID + [V], names: "bits_per_symbol"),
        // entropy iid FILE [bits_per_symbol]
        Row(arguments: iid + ["-l", "\(V),2"], names: "-l", valid: ["0", "2147483648"]),
        Row(arguments: iid + ["-l", "1,\(V)"], names: "-l", valid: counts),
        Row(arguments: iid + ["--seed", V], names: "--seed", valid: counts),
        Row(arguments: iid + ["--jobs", V], names: "--jobs"),
        Row(arguments: iid + [V], names: "bits_per_symbol"),
        // entropy restart FILE [bits_per_symbol] H_I (small.bin is not 1000 × 1000 samples:
        // a valid command line ends at once with exit 2 for the data)
        Row(arguments: restart + ["--cutoff", "simulation", "--simulation-rounds", V], names: "--simulation-rounds"),
        Row(arguments: restart + ["--cutoff", "simulation", "--seed", V], names: "--seed", valid: counts),
        Row(arguments: restart + ["--jobs", V], names: "--jobs"),
        Row(arguments: ["entropy", "restart", "small.bin", V, "7"], names: "bits_per_symbol"),
        Row(arguments: ["entropy", "restart", "small.bin", "8", V], names: "H_I", valid: ["0"]),
        // entropy conditioning -v n_in n_out nw h_in / -n … h'
        Row(arguments: ["entropy", "conditioning", "-v", V, "256", "256", "400"], names: "n_in", valid: ["2147483648"]),
        Row(arguments: ["entropy", "conditioning", "-v", "512", V, "256", "400"], names: "n_out", valid: ["2147483648"]),
        Row(arguments: ["entropy", "conditioning", "-v", "512", "256", V, "400"], names: "nw", valid: ["2147483648"]),
        Row(arguments: ["entropy", "conditioning", "-v", "512", "256", "256", V], names: "h_in"),
        Row(arguments: ["entropy", "conditioning", "-n", "512", "256", "256", "400", V], names: "h'"),
        // entropy health FILE
        Row(arguments: ["entropy", "health", "small.bin", "--claimed-entropy", V], names: "--claimed-entropy"),
        Row(arguments: health + ["--bits-per-symbol", V], names: "--bits-per-symbol"),
        Row(arguments: health + ["--alpha", V], names: "--alpha", extra: ["0.9999999999999999", "2^-2000"]),
        Row(arguments: health + ["--window", V], names: "--window", extra: ["1", "65537"]),
        Row(arguments: health + ["--max-alarms", V], names: "--max-alarms", valid: counts),
        // capture --source FILE
        Row(arguments: capture + ["--bytes", V], names: "--bytes", valid: ["2147483648"], extra: ["8589934592G"]),
        Row(arguments: capture + ["--timeout", V], names: "--timeout", extra: ["1e16", "86401"]),
        Row(arguments: capture + ["--retries", V], names: "--retries", valid: ["0"]),
        Row(arguments: capture + ["--retry-delay", V], names: "--retry-delay", valid: ["0"], extra: ["9.3e18"]),
        Row(arguments: capture + ["--claimed-entropy", V], names: "--claimed-entropy"),
        Row(arguments: capture + ["--bits-per-symbol", V], names: "--bits-per-symbol"),
        Row(arguments: capture + ["--alpha", V], names: "--alpha", extra: ["0.9999999999999999"]),
        Row(arguments: capture + ["--progress-interval", V], names: "--progress-interval"),
        Row(arguments: ["capture", "--source", "tcp://127.0.0.1:\(V)", "--out", "c.bin", "--force"], names: "port", extra: ["65536", "99999"]),
        Row(arguments: ["capture", "--source", "http://127.0.0.1:\(V)/", "--bytes", "1", "--out", "c.bin", "--force"], names: "port",
            extra: ["65536", "99999"]),
        // simulate (64 KiB to standard output; 2^31 bytes would be a legitimate 2 GiB run)
        Row(arguments: ["simulate", "--out", "-", "--bytes", V], names: "--bytes", extra: ["8589934592G"], skip: ["2147483648"]),
        Row(arguments: simulate + ["--seed", V], names: "--seed", valid: counts),
        Row(arguments: simulate + ["--after", V], names: "--after", valid: ["0", "2147483648"]),
        Row(arguments: simulate + ["--bias", V], names: "--bias", valid: ["0"]),
        Row(arguments: simulate + ["--correlation", V], names: "--correlation", valid: ["0"]),
        Row(arguments: simulate + ["--period", V], names: "--period", valid: ["2147483648"]),
        Row(arguments: simulate + ["--repeat-block", V], names: "--repeat-block", valid: ["2147483648"]),
        Row(arguments: simulate + ["--dropout", V], names: "--dropout", valid: ["2147483648"]),
        Row(arguments: simulate + ["--dropout-interval", V], names: "--dropout-interval", valid: ["2147483648"]),
        Row(arguments: simulate + ["--stuck-at", V], names: "--stuck-at", valid: ["0"]),
        Row(arguments: simulate + ["--stuck-value", V], names: "--stuck-value", valid: ["0"]),
        // batch INPUT (parameters shared with assess)
        Row(arguments: batch + ["--bytes", V], names: "--bytes", valid: ["2147483648"]),
        Row(arguments: batch + ["--jobs", V], names: "--jobs"),
        Row(arguments: batch + ["-n", V], names: "--stream-length|-n", extra: ["1", "99"]),
        Row(arguments: batch + ["--health-alpha", V], names: "--health-alpha", extra: ["0.9999999999999999"]),
        Row(arguments: batch + ["--sp800-90b-samples", V], names: "--sp800-90b-samples", valid: ["2147483648"]),
        Row(arguments: batch + ["--subset", "1,\(V)"], names: "--subset", valid: counts),
        // history DB (missing: a valid command line ends with exit 2 for the database)
        Row(arguments: history + ["--alpha", V], names: "--alpha"),
        Row(arguments: history + ["--entropy-drop", V], names: "--entropy-drop", valid: ["0"]),
        Row(arguments: history + ["--since", V], names: "--since"),
        // serve
        Row(arguments: serve + ["--buffer-size", V], names: "--buffer-size", valid: ["65568"], extra: ["65535", "65568", "65537", "128M"]),
        Row(arguments: serve + ["--pool-limit", V], names: "--pool-limit"),
        Row(arguments: serve + ["--jobs", V], names: "--jobs"),
        Row(arguments: serve + ["--timeout", V], names: "--timeout", extra: ["1e16", "86401"]),
        Row(arguments: serve + ["--claimed-entropy", V], names: "--claimed-entropy"),
        Row(arguments: ["serve", "--source", "small.bin", "--spool", "s", "--sign-key", "missing.key", "--listen", "127.0.0.1:\(V)"],
            names: "--listen", valid: ["0"], extra: ["65536", "99999"]),
        // fetch URL
        Row(arguments: fetch + ["--bytes", V], names: "--bytes", extra: ["65537"]),
        Row(arguments: fetch + ["--bytes", "32", "--timeout", V], names: "--timeout", extra: ["1e16", "86401"]),
        Row(arguments: ["fetch", "http://127.0.0.1:\(V)/", "--bytes", "32", "--out", "f.bin", "--fingerprint", String(repeating: "0", count: 64)],
            names: "port|http://127.0.0.1:", extra: ["65536", "99999"]),
        // verify (the report is missing: a valid command line ends with exit 2 for the input)
        Row(arguments: verify + ["--tolerance", V], names: "--tolerance", valid: ["0"]),
    ]

    @Test(arguments: rows)
    func outOfRangeIsOneLineUsageError(row: Row) throws {
        let dir = try EndToEndDirectory()
        try Self.writeInputs(in: dir)
        for value in Self.boundaries + row.extra where !row.skip.contains(value) {
            let arguments = row.arguments.map { $0.replacingOccurrences(of: Self.V, with: value) }
            let started = Date()
            let run = try RNGCertBinary.run(arguments, in: dir.path, timeout: 20)
            let seconds = Date().timeIntervalSince(started)
            let label = "rngcert \(arguments.joined(separator: " ")) → \(run.status) in \(String(format: "%.1f", seconds)) s: \(run.stderr)"
            #expect(run.status != -1, "timed out: \(label)")
            #expect(![132, 134, 139].contains(run.status), "crashed: \(label)")
            #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Backtrace") && !run.stderr.contains("Crash"), "\(label)")
            if row.valid.contains(value) {
                #expect([0, 1, 2].contains(run.status), "\(label)")
                #expect(seconds < 10, "slow: \(label)")
            } else {
                #expect(run.status == 2, "not refused: \(label)")
                let named = row.names.split(separator: "|").contains { run.stderr.contains($0) }
                #expect(named, "the message does not name \(row.names): \(label)")
            }
            if run.status == 2 {
                #expect(run.stderr.hasPrefix("rngcert: error: "), "\(label)")
                #expect(run.stderr.hasSuffix("\n") && !run.stderr.dropLast().contains("\n"), "not one line: \(label)")
            }
        }
    }

    /// Schemes are case-insensitive: HTTP:// is http:// (here a closed loopback port, so the
    /// capture fails to connect: exit 1, not a usage error and not a URL-loading error).
    @Test func httpSchemeIsCaseInsensitive() throws {
        let dir = try EndToEndDirectory()
        let run = try RNGCertBinary.run(["capture", "--source", "HTTP://127.0.0.1:1/", "--bytes", "1", "--out", "c.bin",
                                         "--retries", "0", "--timeout", "2", "--quiet"], in: dir.path, timeout: 20)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(!run.stderr.contains("unsupported URL") && !run.stderr.contains("-1000"), "\(run.stderr)")
    }

    /// --repeat-block larger than the output is served as generated: 64 KiB out, 64 KiB held.
    @Test func repeatBlockLargerThanTheOutputWritesTheOutput() throws {
        let dir = try EndToEndDirectory()
        let run = try RNGCertBinary.run(["simulate", "--bytes", "64K", "--repeat-block", "1G", "--out", "-"], in: dir.path, timeout: 20)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.standardOutput.count == 65536)
    }

    /// Small inputs: 2000 bytes of a fixed pseudo-random sequence.
    static func writeInputs(in dir: EndToEndDirectory) throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var bytes: [UInt8] = []
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        try dir.write("small.bin", bytes)
        try dir.write("data.bin", bytes)
    }
}
