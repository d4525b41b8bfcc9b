import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The temporary files this process has created (`SecureFileWriter`) and not yet committed
/// or removed: what an interrupted command removes before it dies, so that nothing but the
/// files it finished is left behind (`InterruptCleanup`).
///
/// Every name holds the process id and a random suffix, so removing one that has since been
/// committed (renamed away) or removed is harmless. Directories this process made
/// (`DirectoryMaker`) are removed too, deepest first, when they are still empty.
public enum TemporaryFiles {
    private static let paths = Mutex<Set<String>>([])
    private static let directories = Mutex<[String]>([])

    static func registerDirectory(_ path: String) { directories.withLock { $0.append(path) } }

    static func register(_ path: String) { _ = paths.withLock { $0.insert(path) } }

    static func unregister(_ path: String) { _ = paths.withLock { $0.remove(path) } }

    /// The paths still pending.
    public static var pending: Set<String> { paths.withLock { $0 } }

    /// Removes every pending temporary file, then the directories made that are empty.
    public static func removeAll() {
        let all = paths.withLock { p in defer { p.removeAll() }; return p }
        for path in all { unlink(path) }
        let made = directories.withLock { d in defer { d.removeAll() }; return d }
        for path in made.reversed() { rmdir(path) }  // fails, harmlessly, unless empty
    }
}
