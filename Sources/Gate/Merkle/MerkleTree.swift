/// The RFC 6962 Merkle tree of a buffer cut into `leafSize`-byte leaves (the last leaf may
/// be shorter), kept level by level so that range proofs cost no hashing.
///
/// Level 0 holds the leaf hashes; each level above hashes adjacent pairs and carries an odd
/// last node up unchanged. That is RFC 6962's tree: MTH(D[n]) splits at the largest power
/// of two k < n, so every node covers leaves [i·2^h, min((i+1)·2^h, n)) for its level h and
/// index i. Memory: about 2·n·32 bytes (2 MiB for a 1 MiB buffer of 32-byte leaves).
public struct MerkleTree: Sendable {
    /// The gate's leaf size: 32 bytes, so a 32-byte request is one leaf and a proof never
    /// reveals more than 31 bytes beyond what was asked for.
    public static let leafSize = 32

    public let leafSize: Int
    public let leafCount: Int
    /// `levels[h]` holds the hashes of level h, 32 bytes each, back to back.
    private let levels: [[UInt8]]

    /// Hashes `bytes` (at least one byte) in leaves of `leafSize` bytes.
    public init(bytes: UnsafeRawBufferPointer, leafSize: Int = MerkleTree.leafSize) {
        precondition(leafSize > 0 && bytes.count > 0)
        self.leafSize = leafSize
        let count = (bytes.count + leafSize - 1) / leafSize
        leafCount = count
        let hashSize = MerkleHash.size
        var level = [UInt8](repeating: 0, count: count * hashSize)
        level.withUnsafeMutableBytes { out in
            for i in 0..<count {
                let start = i * leafSize
                MerkleHash.hash(prefix: 0x00, UnsafeRawBufferPointer(rebasing: bytes[start..<min(start + leafSize, bytes.count)]),
                                into: out.baseAddress! + i * hashSize)
            }
        }
        var levels = [level]
        while level.count > hashSize {
            let nodes = level.count / hashSize
            var next = [UInt8](repeating: 0, count: (nodes + 1) / 2 * hashSize)
            level.withUnsafeBytes { below in
                next.withUnsafeMutableBytes { out in
                    var i = 0
                    while i + 1 < nodes {
                        // Two adjacent hashes are the node's input, left ‖ right.
                        MerkleHash.hash(prefix: 0x01, UnsafeRawBufferPointer(rebasing: below[i * hashSize..<(i + 2) * hashSize]),
                                        into: out.baseAddress! + i / 2 * hashSize)
                        i += 2
                    }
                    if i < nodes {
                        (out.baseAddress! + i / 2 * hashSize).copyMemory(from: below.baseAddress! + i * hashSize, byteCount: hashSize)
                    }
                }
            }
            levels.append(next)
            level = next
        }
        self.levels = levels
    }

    public init(bytes: [UInt8], leafSize: Int = MerkleTree.leafSize) {
        self = bytes.withUnsafeBytes { MerkleTree(bytes: $0, leafSize: leafSize) }
    }

    /// MTH of the whole buffer.
    public var root: [UInt8] { levels[levels.count - 1] }

    /// The hash of the subtree over leaves [start, start + n), a node of RFC 6962's recursion.
    func subtree(start: Int, count n: Int) -> [UInt8] {
        let height = n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount
        let index = start >> height
        return Array(levels[height][index * 32..<(index + 1) * 32])
    }

    /// The compact proof that leaves `range` belong to this tree: the roots of the maximal
    /// subtrees outside the range, in RFC 6962 recursion order (left to right).
    public func proof(leaves range: Range<Int>) -> MerkleRangeProof {
        precondition(!range.isEmpty && range.lowerBound >= 0 && range.upperBound <= leafCount)
        var hashes: [[UInt8]] = []
        func walk(_ start: Int, _ n: Int) {
            if start + n <= range.lowerBound || start >= range.upperBound {
                hashes.append(subtree(start: start, count: n))
            } else if range.lowerBound <= start && start + n <= range.upperBound {
                return
            } else {
                let k = MerkleHash.split(n)
                walk(start, k)
                walk(start + k, n - k)
            }
        }
        walk(0, leafCount)
        return MerkleRangeProof(leafSize: leafSize, leafCount: leafCount, firstLeaf: range.lowerBound,
                                endLeaf: range.upperBound, hashes: hashes)
    }
}
