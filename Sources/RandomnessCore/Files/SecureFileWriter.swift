#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be written. Errors name the destination the user gave, never the
/// hidden temporary file the bytes were going to.
public enum FileWriteError: Error, CustomStringConvertible, Equatable, Sendable {
    case exists(path: String)
    case cannotCreate(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case cannotRename(from: String, to: String, reason: String)

    public var description: String {
        switch self.named {
        case let .exists(path):
            return "\(path): already exists (use --force to replace it)"
        case let .cannotCreate(path, reason):
            return "\(path): cannot create: \(reason)"
        case let .writeFailed(path, reason):
            return "\(path): write failed: \(reason)"
        case let .cannotRename(_, to, reason):
            return "\(to): cannot put the finished file in place: \(reason)"
        }
    }
}

extension FileWriteError {
    /// The error as printed: an empty path is shown as `''`, so the line still names it.
    var named: FileWriteError {
        func shown(_ path: String) -> String { path.isEmpty ? "''" : path }
        switch self {
        case let .exists(path): return .exists(path: shown(path))
        case let .cannotCreate(path, reason): return .cannotCreate(path: shown(path), reason: reason)
        case let .writeFailed(path, reason): return .writeFailed(path: shown(path), reason: reason)
        case let .cannotRename(from, to, reason): return .cannotRename(from: from, to: shown(to), reason: reason)
        }
    }

    /// The same error naming `path`, the destination, instead of a temporary file.
    func naming(_ path: String) -> FileWriteError {
        switch self {
        case .exists: return self
        case let .cannotCreate(_, reason): return .cannotCreate(path: path, reason: reason)
        case let .writeFailed(_, reason): return .writeFailed(path: path, reason: reason)
        case .cannotRename: return self
        }
    }
}

/// Writes files so that readers never see a partial file and secrets are never readable by
/// others, not even for a moment.
///
/// Files are created with `O_CREAT | O_EXCL` and their final mode in the `open` call (the
/// process umask can only remove permissions); nothing is ever `chmod`ed afterwards, so a
/// file made with 0600 has never been readable by group or others.
public enum SecureFileWriter {
    /// Creates `path`, which must not exist, writes `bytes` and flushes them to disk.
    /// On failure the partial file is removed.
    public static func createNew(_ path: String, bytes: [UInt8], mode: mode_t) throws(FileWriteError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { throw .exists(path: path) }
            throw .cannotCreate(path: path, reason: SystemCall.message(code))
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = SystemCall.message(errno)
                close(fd)
                unlink(path)
                throw .writeFailed(path: path, reason: reason)
            }
            written += n
        }
        if fsync(fd) != 0 {
            let reason = SystemCall.message(errno)
            close(fd)
            unlink(path)
            throw .writeFailed(path: path, reason: "fsync: \(reason)")
        }
        if close(fd) != 0 {
            let reason = SystemCall.message(errno)
            unlink(path)
            throw .writeFailed(path: path, reason: "close: \(reason)")
        }
    }

    /// Writes `bytes` to a new temporary file in the same directory as `path` (created with
    /// `mode`, flushed), then renames it over `path` (atomic: readers see the old file or
    /// the new one) and flushes the directory. With `overwrite` false an existing `path` is
    /// an error and nothing is written.
    public static func replace(_ path: String, bytes: [UInt8], mode: mode_t, overwrite: Bool) throws(FileWriteError) {
        if !overwrite && FileBytes.exists(path) { throw .exists(path: path) }
        let temporary = try writeTemporary(besides: path, bytes: bytes, mode: mode)
        try commit(temporary, to: path)
        syncDirectory(of: path)
    }

    /// Writes `bytes` to a fresh temporary file next to `path` and returns its path.
    public static func writeTemporary(besides path: String, bytes: [UInt8], mode: mode_t) throws(FileWriteError) -> String {
        do throws(FileWriteError) {
            return try withTemporaryName(besides: path) { temporary throws(FileWriteError) in
                try createNew(temporary, bytes: bytes, mode: mode)
                return temporary
            }
        } catch {
            throw error.naming(path)
        }
    }

    /// Creates a fresh, empty temporary file next to `path` (same directory, so a rename
    /// can replace `path` atomically), opened for writing with `mode`; returns its path and
    /// descriptor, which the caller closes.
    public static func openTemporary(besides path: String, mode: mode_t) throws(FileWriteError) -> (path: String, descriptor: Int32) {
        try withTemporaryName(besides: path) { temporary throws(FileWriteError) in
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
            guard fd >= 0 else {
                let code = errno
                if code == EEXIST { throw .exists(path: temporary) }
                throw .cannotCreate(path: path, reason: SystemCall.message(code))
            }
            return (temporary, fd)
        }
    }

    /// Calls `body` with fresh temporary names next to `path` until one is not taken.
    private static func withTemporaryName<T>(besides path: String, _ body: (String) throws(FileWriteError) -> T) throws(FileWriteError) -> T {
        let (directory, name) = split(path)
        for attempt in 0..<100 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let temporary = directory + "/." + name + ".tmp-\(getpid())-\(attempt)-" + suffix
            do throws(FileWriteError) {
                let result = try body(temporary)
                TemporaryFiles.register(temporary)
                return result
            } catch {
                if case .exists = error { continue }
                throw error
            }
        }
        throw .cannotCreate(path: path, reason: "no free temporary name in \(directory)")
    }

    /// Renames a temporary file over `path`; on failure the temporary file is removed.
    public static func commit(_ temporary: String, to path: String) throws(FileWriteError) {
        defer { TemporaryFiles.unregister(temporary) }
        if rename(temporary, path) != 0 {
            let reason = SystemCall.message(errno)
            unlink(temporary)
            throw .cannotRename(from: temporary, to: path, reason: reason)
        }
    }

    /// Gives a temporary file the name `path` only if nothing exists there (a hard link, then
    /// the temporary name is removed), so a file that appeared meanwhile is never replaced.
    /// On filesystems without hard links it falls back to a check and a rename. On failure
    /// the temporary file is left in place for the caller to keep or remove.
    public static func commitWithoutReplacing(_ temporary: String, to path: String) throws(FileWriteError) {
        if link(temporary, path) == 0 {
            unlink(temporary)
            TemporaryFiles.unregister(temporary)
            return
        }
        let code = errno
        if code == EEXIST { throw .exists(path: path) }
        guard code == EPERM || code == EOPNOTSUPP || code == EXDEV || code == EMLINK else {
            throw .cannotRename(from: temporary, to: path, reason: SystemCall.message(code))
        }
        if FileBytes.exists(path) { throw .exists(path: path) }
        if rename(temporary, path) != 0 {
            throw .cannotRename(from: temporary, to: path, reason: SystemCall.message(errno))
        }
        TemporaryFiles.unregister(temporary)
    }

    /// Flushes the directory entry of `path` (after a rename) so it survives a crash.
    public static func syncDirectory(of path: String) {
        let fd = open(split(path).directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    public static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}

extension SecureFileWriter {
    /// Removes a file this process created, ignoring errors.
    public static func remove(_ path: String) {
        unlink(path)
        TemporaryFiles.unregister(path)
    }
}
