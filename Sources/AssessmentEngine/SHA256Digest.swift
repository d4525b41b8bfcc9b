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

    /// Bytes as lowercase hex. Inlinable, so each caller gets it specialized to its
    /// sequence type (the gate encodes ~17 hashes per request).
    @inlinable
    public static func hexString(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(2 * bytes.underestimatedCount)
        for b in bytes {
            out.append(hexDigit(b >> 4))
            out.append(hexDigit(b & 15))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The lowercase hex digit of a value 0…15.
    @inlinable
    static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? value + 48 : value + 87 }
}
