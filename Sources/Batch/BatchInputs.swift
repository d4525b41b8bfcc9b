import Foundation
import RandomnessCore
#if canImport(Glibc)
import Glibc
#endif

/// The inputs of a batch, from its arguments and `--list` file, in a fixed order.
///
/// Each argument is a file, a directory (its regular files, sorted by name, not recursing;
/// hidden files and capture manifests `*.manifest.json` left out) or a glob pattern (`*`,
/// `?`, `[` expanded by glob(3), sorted). A `--list` file holds one input per line (blank
/// lines and lines starting with `#` skipped), expanded the same way, after the arguments.
/// A path named twice is kept once. A pattern that matches nothing stays as given, so that
/// it becomes an error entry of the batch rather than vanishing.
public enum BatchInputs {
    public static func expand(_ arguments: [String], list: String?) throws(BatchError) -> [String] {
        var items = arguments
        if let list {
            // A regular file only (a FIFO is refused at once, not waited on), at most 64 MiB.
            let bytes: [UInt8]
            do { bytes = try FileBytes.read(list, limit: 64 << 20) } catch { throw .cannotReadList(path: list, reason: error.reason) }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .cannotReadList(path: list, reason: "not UTF-8 text")
            }
            items += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        var seen = Set<String>()
        var out: [String] = []
        for item in items {
            for path in expandOne(item) where seen.insert(path).inserted { out.append(path) }
        }
        if out.isEmpty { throw .noInputs }
        return out
    }

    static func expandOne(_ item: String) -> [String] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: item, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return [item] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: item)) ?? []
            let base = item.hasSuffix("/") ? item : item + "/"
            return names.sorted().filter { !$0.hasPrefix(".") && !$0.hasSuffix(".manifest.json") }
                .map { base + $0 }.filter { isRegularFile($0) }
        }
        guard item.contains(where: { "*?[".contains($0) }) else { return [item] }
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(item, 0, nil, &result) == 0 else { return [item] }
        var matches: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let pointer = result.gl_pathv[index] { matches.append(String(cString: pointer)) }
        }
        let files = matches.sorted().filter { isRegularFile($0) || !FileManager.default.fileExists(atPath: $0) }
        return files.isEmpty ? [item] : files
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// One directory name per input, in order: the file name with every character outside
    /// [A-Za-z0-9._-] replaced by "_" (no leading dot), "-2", "-3"… added to repeats.
    public static func directoryNames(for inputs: [String]) -> [String] {
        var used = Set<String>()
        return inputs.map { path in
            let name = (path as NSString).lastPathComponent
            var safe = String(name.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
                    ? Character(scalar) : "_"
            })
            while safe.hasPrefix(".") { safe.removeFirst() }
            if safe.isEmpty || ["summary.json", "junit.xml", "index.html"].contains(safe) { safe = "input-" + safe }
            var candidate = safe
            var suffix = 2
            while !used.insert(candidate.lowercased()).inserted {
                candidate = "\(safe)-\(suffix)"
                suffix += 1
            }
            return candidate
        }
    }
}
