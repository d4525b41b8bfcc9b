import Certification
import Foundation
import Testing

/// A real single-node Slurm cluster on localhost (`scripts/slurm-cluster`, Debian's slurm-wlm
/// and munge, installed by `make test`'s dependencies): `deploy/slurm/submit` runs the array
/// job of 4 shards and the merge job that depends on it over a 256 MiB input, and the merged
/// report is the single run's. The daemons are stopped at the end, whatever happened.
@Suite(.enabled(if: RNGCertBinary.isAvailable && SlurmCluster.canRun, SlurmCluster.skipReason))
struct SlurmShardTests {
    @Test func arrayAndMergeJobsWriteTheSingleRunsReport() throws {
        let dir = try EndToEndDirectory()
        // 256 MiB of a 64-bit LCG's high bytes (a deterministic input, good enough to pass).
        var words = [UInt64](repeating: 0, count: 32 << 20)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in words.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let a = state >> 32
            state = state &* 6364136223846793005 &+ 1442695040888963407
            words[i] = a << 32 | state >> 32
        }
        try words.withUnsafeBytes { try Data($0).write(to: dir.url("in.bin")) }
        words = []
        #expect(try RNGCertBinary.run(["keygen", "--out", "lab"], in: dir.path).status == 0)

        let cluster = dir.path + "/slurm"
        let start = try CleanSpawn.run(SlurmCluster.script, ["start", cluster], in: dir.path, timeout: 180)
        defer { _ = try? CleanSpawn.run(SlurmCluster.script, ["stop", cluster], in: dir.path, timeout: 120) }
        try #require(start.status == 0, "the local Slurm cluster did not start: \(start.output)")

        let submit = try CleanSpawn.run("/usr/bin/env", [
            "SLURM_CONF=\(cluster)/slurm.conf", "RNGCERT=\(RNGCertBinary.path!)", "PARTS=\(dir.path)/parts",
            "MERGE_ARGS=--sign-key lab.key --data in.bin", "WAIT_TIMEOUT=1200",
            SlurmCluster.submit, "--wait", "in.bin", "4", "merged",
        ], in: dir.path, timeout: 1500)
        #expect(submit.status == 0, "submit --wait: \(submit.output)")
        #expect(submit.output.contains("array=") && submit.output.contains("merge="))
        for i in 1...4 {
            #expect(FileManager.default.fileExists(atPath: "\(dir.path)/parts/part-\(i)/partial.json"), "part-\(i)")
        }

        // submit gives the jobs the input's absolute path, which the report records.
        let single = try RNGCertBinary.run(["assess", dir.path + "/in.bin", "--out", "single", "--sign-key", "lab.key"], in: dir.path, timeout: 1200)
        #expect(single.status == 0, "\(single.stdout)\(single.stderr)")
        let a = try ReportCoding.decode(try dir.read("single/report.json"), path: "single/report.json")
        var b = try ReportCoding.decode(try dir.read("merged/report.json"), path: "merged/report.json")
        #expect(b.command.arguments.first == "merge")
        b.startedAt = a.startedAt
        b.finishedAt = a.finishedAt
        b.host = a.host
        b.command.arguments = a.command.arguments
        #expect(a == b, "the merged report differs from the single run's beyond times, host and arguments")
        #expect(a.suites.sp80022?.streamCount == 2_147 && a.suites.sp80090b != nil && a.suites.ent != nil)
        #expect(try dir.read("single/sp80022-streams.csv") == dir.read("merged/sp80022-streams.csv"))
        let verify = try RNGCertBinary.run(["verify", "merged", "--key", "lab.pub", "--data", "in.bin"], in: dir.path)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    /// In CI (`CI=true`, as `.ci/run` runs), the cluster test must run, not skip.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] == "true", "not in CI"))
    func slurmRunsInCI() {
        #expect(SlurmCluster.canRun, "\(SlurmCluster.skipReason)")
    }
}

/// The local Slurm cluster of the tests: root, and slurm-wlm with munge installed.
enum SlurmCluster {
    static let root = EntropyFixtures.packageRoot.path
    static let script = root + "/scripts/slurm-cluster"
    static let submit = root + "/deploy/slurm/submit"

    static var canRun: Bool {
        getuid() == 0 && ["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var skipReason: Comment {
        getuid() != 0 ? "the local Slurm cluster needs root (slurmctld and slurmd run as root)"
            : "slurm-wlm and munge are not installed (scripts/install-deps --test installs them)"
    }
}

/// Runs a command as a shell would: every signal unblocked and at its default action, output
/// (standard output and error together) into a file, reaped with `waitpid`. The daemons the
/// Slurm scripts start inherit that mask; started through Foundation's `Process` from a test
/// thread (whose signals libdispatch blocks) they would ignore SIGTERM.
enum CleanSpawn {
    static func run(_ executable: String, _ arguments: [String], in directory: String, timeout: Double) throws -> (status: Int32?, output: String) {
        let log = directory + "/.spawn-\(UUID().uuidString).log"
        defer { unlink(log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // The working directory through the shell (posix_spawn's chdir action is not in Glibc's module).
        let argv = (["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        guard spawned == 0 else { return (nil, "posix_spawn \(executable): \(String(cString: strerror(spawned)))") }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var killed = false
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline && !killed {
                kill(pid, SIGKILL)
                killed = true
            }
            usleep(20_000)
        }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let exited = status & 0x7F == 0
        return (killed || !exited ? nil : (status >> 8) & 0xFF, output)
    }
}
