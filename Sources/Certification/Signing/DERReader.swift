/// A minimal reader for the DER (ASN.1 distinguished encoding) structures of RFC 8410 key
/// files: single-byte tags, definite lengths, nothing else.
///
/// Errors are plain strings; `Ed25519KeyEncoding` turns them into `KeyError`s naming the file.
struct DERReader {
    /// One tag-length-value element; `contents` are the value bytes.
    struct Element {
        let tag: UInt8
        let contents: ArraySlice<UInt8>
    }

    static let sequence: UInt8 = 0x30
    static let integer: UInt8 = 0x02
    static let bitString: UInt8 = 0x03
    static let octetString: UInt8 = 0x04
    static let null: UInt8 = 0x05
    static let objectIdentifier: UInt8 = 0x06

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    var isAtEnd: Bool { position == bytes.endIndex }

    /// The tag of the next element, if any.
    var nextTag: UInt8? { isAtEnd ? nil : bytes[position] }

    /// Reads the next element, whatever its tag.
    mutating func readElement() throws(DERError) -> Element {
        let start = position
        guard position < bytes.endIndex else { throw DERError("ends early at byte \(offset(start))") }
        let tag = bytes[position]
        if tag & 0x1f == 0x1f { throw DERError("multi-byte ASN.1 tag at byte \(offset(start)) is not expected in a key") }
        position += 1
        guard position < bytes.endIndex else { throw DERError("ends early in the length at byte \(offset(position))") }
        let first = bytes[position]
        position += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7f)
            guard count > 0 else { throw DERError("indefinite length at byte \(offset(start)) is not DER") }
            guard count <= 4 else { throw DERError("length of \(count) bytes at byte \(offset(start)) is too large") }
            guard bytes.endIndex - position >= count else { throw DERError("ends early in the length at byte \(offset(position))") }
            for _ in 0..<count {
                length = length << 8 | Int(bytes[position])
                position += 1
            }
        }
        guard bytes.endIndex - position >= length else {
            throw DERError("element at byte \(offset(start)) claims \(length) bytes but only \(bytes.endIndex - position) remain")
        }
        let contents = bytes[position..<position + length]
        position += length
        return Element(tag: tag, contents: contents)
    }

    /// Reads the next element and checks its tag.
    mutating func read(_ tag: UInt8, _ what: String) throws(DERError) -> ArraySlice<UInt8> {
        let at = offset(position)
        let element = try readElement()
        guard element.tag == tag else {
            throw DERError("expected \(what) (tag 0x\(Self.hex(tag))) at byte \(at), found tag 0x\(Self.hex(element.tag))")
        }
        return element.contents
    }

    /// Fails unless every byte has been read.
    func expectEnd(_ what: String) throws(DERError) {
        guard isAtEnd else { throw DERError("\(bytes.endIndex - position) unexpected bytes after \(what)") }
    }

    /// An OBJECT IDENTIFIER's contents in dotted form, e.g. "1.3.101.112".
    static func dottedOID(_ contents: ArraySlice<UInt8>) -> String {
        var arcs: [UInt64] = []
        var value: UInt64 = 0
        for byte in contents {
            value = value << 7 | UInt64(byte & 0x7f)
            if byte & 0x80 == 0 {
                if arcs.isEmpty {
                    let first: UInt64 = value < 40 ? 0 : (value < 80 ? 1 : 2)
                    arcs.append(first)
                    arcs.append(value - first * 40)
                } else {
                    arcs.append(value)
                }
                value = 0
            }
        }
        return arcs.map(String.init).joined(separator: ".")
    }

    private func offset(_ index: Int) -> Int { index - bytes.startIndex }

    static func hex(_ byte: UInt8) -> String {
        let s = String(byte, radix: 16)
        return s.count == 1 ? "0" + s : s
    }
}

/// What is wrong with a DER structure, with the byte offset where it was found.
struct DERError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
