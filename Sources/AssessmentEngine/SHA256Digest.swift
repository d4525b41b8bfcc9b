import Crypto

/// SHA-256 over bytes, fed in chunks; the hex digest identifies the bytes tested.
public struct SHA256Digest {
    private var hasher = SHA256()

    public init() {}

    public mutating func update(_ chunk: UnsafeBufferPointer<UInt8>) {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(chunk))
    }

    public mutating func update(_ bytes: [UInt8]) { hasher.update(data: bytes) }

    /// The digest as 64 lowercase hex characters.
    public func hex() -> String { Self.hexString(hasher.finalize()) }

    /// The SHA-256 of `bytes` as lowercase hex.
    public static func hex(of bytes: [UInt8]) -> String { Self.hexString(SHA256.hash(data: bytes)) }

    /// Bytes as lowercase hex.
    public static func hexString(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
