#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// printf-style formatting through the C library, so numbers are rounded and spelled
/// ("-nan", "nan") exactly as `ent`'s printf spells them.
enum CFormat {
    /// Appends `format` applied to `arguments` to `output`, as raw bytes.
    static func append(_ output: inout [UInt8], _ format: String, _ arguments: CVarArg...) {
        withVaList(arguments) { list in
            var buffer = [CChar](repeating: 0, count: 128)
            var length = Int(vsnprintf(&buffer, buffer.count, format, list))
            if length >= buffer.count {
                buffer = [CChar](repeating: 0, count: length + 1)
                length = withVaList(arguments) { Int(vsnprintf(&buffer, buffer.count, format, $0)) }
            }
            for c in buffer.prefix(max(0, length)) { output.append(UInt8(bitPattern: c)) }
        }
    }

    /// Appends text without format directives.
    static func append(_ output: inout [UInt8], literal: String) {
        output.append(contentsOf: literal.utf8)
    }
}
