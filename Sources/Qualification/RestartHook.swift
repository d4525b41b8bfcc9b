import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The user's restart command (power-cycle, reset), run with `/bin/sh -c` before each
/// restart with `RNGCERT_RESTART` set to the restart's number (1…1000).
///
/// It runs in its own process group with a clean signal mask; its standard input is
/// /dev/null and its output goes to rngcert's standard error. When it outlives `timeout`
/// the whole group is killed. A non-zero exit, a signal or a timeout is an error naming the
/// restart, so the collection stops where it is and resumes from there.
public struct RestartHook: Sendable {
    public let command: String
    public let timeout: Double

    public init(command: String, timeout: Double) {
        self.command = command
        self.timeout = timeout
    }

    public func run(restart: Int) throws(CollectionError) {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 2, 1)

        var environment = ProcessInfo.processInfo.environment
        environment["RNGCERT_RESTART"] = String(restart)
        let arguments = ["/bin/sh", "-c", command]
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw .hookFailed(restart: restart, command: command, reason: "cannot start /bin/sh: \(String(cString: strerror(spawned)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var delay: useconds_t = 200
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR {
                throw .hookFailed(restart: restart, command: command, reason: "waitpid: \(String(cString: strerror(errno)))")
            }
            if Date() > deadline {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw .hookFailed(restart: restart, command: command, reason: "still running after \(timeout) s (restart.command_timeout); killed")
            }
            usleep(delay)
            delay = min(delay * 2, 20_000)
        }
        let termination = status & 0x7f
        if termination != 0 {
            throw .hookFailed(restart: restart, command: command, reason: "killed by signal \(termination)")
        }
        let code = (status >> 8) & 0xff
        if code != 0 { throw .hookFailed(restart: restart, command: command, reason: "exited with status \(code)") }
    }
}
