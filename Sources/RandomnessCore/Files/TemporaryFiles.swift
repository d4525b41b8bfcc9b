import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The temporary files this process has created (`SecureFileWriter`) and not yet committed
/// or removed: what an interrupted command removes before it dies, so that nothing but the
/// files it finished is left behind (`InterruptCleanup`).
///
/// Every name holds the process id and a random suffix, so removing one that has since been
/// committed (renamed away) or removed is harmless.
public enum TemporaryFiles {
    private static let paths = Mutex<Set<String>>([])

    static func register(_ path: String) { _ = paths.withLock { $0.insert(path) } }

    static func unregister(_ path: String) { _ = paths.withLock { $0.remove(path) } }

    /// The paths still pending.
    public static var pending: Set<String> { paths.withLock { $0 } }

    /// Removes every pending temporary file.
    public static func removeAll() {
        let all = paths.withLock { p in defer { p.removeAll() }; return p }
        for path in all { unlink(path) }
    }
}
