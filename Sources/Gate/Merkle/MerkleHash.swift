import Crypto

/// RFC 6962 §2.1 hashing: a leaf is `SHA-256(0x00 ‖ data)`, an inner node is
/// `SHA-256(0x01 ‖ left ‖ right)`. The prefixes keep a leaf from posing as a node.
public enum MerkleHash {
    /// Bytes in one hash.
    public static let size = 32

    /// `SHA-256(0x00 ‖ data)`.
    public static func leaf(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(bufferPointer: data)
        return Array(hasher.finalize())
    }

    /// `SHA-256(0x00 ‖ data)`.
    public static func leaf(_ data: [UInt8]) -> [UInt8] {
        data.withUnsafeBytes { leaf($0) }
    }

    /// `SHA-256(0x01 ‖ left ‖ right)`.
    public static func node(_ left: some Sequence<UInt8>, _ right: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: Array(left))
        hasher.update(data: Array(right))
        return Array(hasher.finalize())
    }

    /// Writes `SHA-256(prefix ‖ data)` to `destination` (32 bytes), with no allocation:
    /// the tree's hot loop.
    static func hash(prefix: UInt8, _ data: UnsafeRawBufferPointer, into destination: UnsafeMutableRawPointer) {
        var hasher = SHA256()
        withUnsafeBytes(of: prefix) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: data)
        hasher.finalize().withUnsafeBytes { destination.copyMemory(from: $0.baseAddress!, byteCount: size) }
    }

    /// The largest power of two strictly less than `n` (n ≥ 2): RFC 6962's split point k.
    static func split(_ n: Int) -> Int {
        precondition(n >= 2)
        return 1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }
}
