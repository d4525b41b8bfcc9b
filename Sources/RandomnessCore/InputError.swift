/// Why an input could not be read or decoded; each case names the file and, where it
/// applies, the byte offset.
public enum InputError: Error, CustomStringConvertible, Equatable, Sendable {
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, offset: Int, reason: String)
    case empty(path: String)
    case invalidCharacter(path: String, offset: Int, character: UInt8, format: InputFormat)
    case oddHexDigitCount(path: String, digits: Int)
    case sampleTooWide(path: String, offset: Int, value: UInt8, bitsPerSymbol: Int)
    case tooFewBytes(path: String, available: Int, requested: Int)
    case tooFewBits(path: String, available: Int, requested: Int)
    case deviceNeedsByteLimit(path: String)
    case invalidParameter(name: String, value: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): cannot open: \(reason)"
        case let .readFailed(path, offset, reason):
            return "\(path): read failed at offset \(offset): \(reason)"
        case let .empty(path):
            return "\(path): input is empty (0 bytes)"
        case let .invalidCharacter(path, offset, character, format):
            return "\(path): offset \(offset): invalid character \(Self.show(character)) in \(format.rawValue) input"
        case let .oddHexDigitCount(path, digits):
            return "\(path): odd number of hex digits (\(digits)); each byte needs two"
        case let .sampleTooWide(path, offset, value, bits):
            return "\(path): offset \(offset): sample value \(value) does not fit in \(bits) bits per symbol"
        case let .tooFewBytes(path, available, requested):
            return "\(path): only \(available) bytes available, \(requested) requested"
        case let .tooFewBits(path, available, requested):
            return "\(path): only \(available) bits available, \(requested) requested"
        case let .deviceNeedsByteLimit(path):
            return "\(path): is a device or stream without an end; give --bytes N"
        case let .invalidParameter(name, value, reason):
            return "invalid value '\(value)' for \(name): \(reason)"
        }
    }

    private static func show(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7f { return "'\(Character(Unicode.Scalar(c)))' (0x\(String(c, radix: 16, uppercase: true)))" }
        let hex = String(c, radix: 16, uppercase: true)
        return "0x" + (hex.count == 1 ? "0" + hex : hex)
    }
}
