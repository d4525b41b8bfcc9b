#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `mkdir -p`: creates a directory and its missing parents (mode 0755, less the umask). A
/// failure names the component that could not be made and the system's reason ("Permission
/// denied", "Not a directory"), not a Foundation error code. The directories made are
/// registered with `TemporaryFiles`, so an interrupted command leaves none of them empty.
public enum DirectoryMaker {
    public static func create(_ path: String) throws(FileWriteError) {
        guard !path.isEmpty else { throw .cannotCreate(path: path, reason: "an empty path names no directory") }
        if FileBytes.isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o755) == 0 {
                TemporaryFiles.registerDirectory(prefix)
                continue
            }
            let code = errno
            if code == EEXIST {
                if FileBytes.isDirectory(prefix) { continue }
                throw .cannotCreate(path: prefix, reason: "exists and is not a directory")
            }
            throw .cannotCreate(path: prefix, reason: SystemCall.message(code))
        }
    }
}
