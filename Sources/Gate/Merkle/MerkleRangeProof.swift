/// A compact inclusion proof for a run of consecutive leaves [firstLeaf, endLeaf) of a
/// tree of `leafCount` leaves: the hashes of the maximal subtrees that lie outside the
/// run, in the order RFC 6962's recursion meets them. A single leaf's proof is its RFC 6962
/// audit path (in root-to-leaf order); a run of r leaves needs at most 2·log2(n) hashes.
public struct MerkleRangeProof: Sendable, Equatable {
    public var leafSize: Int
    public var leafCount: Int
    public var firstLeaf: Int
    public var endLeaf: Int
    public var hashes: [[UInt8]]

    /// The largest leaf size a proof may name (the gate's is 32).
    public static let maxLeafSize = 1 << 20

    public init(leafSize: Int, leafCount: Int, firstLeaf: Int, endLeaf: Int, hashes: [[UInt8]]) {
        self.leafSize = leafSize
        self.leafCount = leafCount
        self.firstLeaf = firstLeaf
        self.endLeaf = endLeaf
        self.hashes = hashes
    }

    /// The root these leaves and hashes give, or nil when the proof's shape is wrong (a
    /// range outside the tree, a hash of the wrong size, too few or too many hashes).
    /// `data` must be exactly the bytes of the leaves in the range (the last one may be
    /// short only when it is the tree's last leaf).
    public func root(leafData data: [UInt8]) -> [UInt8]? {
        // Every leaf holds at least one byte, so a range longer than the data, or a leaf size
        // past any buffer's, is refused before any product can overflow.
        guard leafSize > 0, leafSize <= Self.maxLeafSize, firstLeaf >= 0, firstLeaf < endLeaf, endLeaf <= leafCount,
              endLeaf - firstLeaf <= data.count, hashes.count <= 2 * Int.bitWidth,
              hashes.allSatisfy({ $0.count == MerkleHash.size }) else { return nil }
        let full = (endLeaf - firstLeaf - 1) * leafSize
        guard data.count > full, data.count <= full + leafSize,
              data.count == full + leafSize || endLeaf == leafCount else { return nil }
        var next = 0
        var failed = false
        func build(_ start: Int, _ n: Int) -> [UInt8] {
            if failed { return [] }
            if start + n <= firstLeaf || start >= endLeaf {
                guard next < hashes.count else { failed = true; return [] }
                next += 1
                return hashes[next - 1]
            }
            if n == 1 {
                let offset = (start - firstLeaf) * leafSize
                return MerkleHash.leaf(Array(data[offset..<min(offset + leafSize, data.count)]))
            }
            let k = MerkleHash.split(n)
            let left = build(start, k)
            let right = build(start + k, n - k)
            return failed ? [] : MerkleHash.node(left, right)
        }
        let root = build(0, leafCount)
        return failed || next != hashes.count ? nil : root
    }

    /// True when `data` is the content of leaves [firstLeaf, endLeaf) of the tree whose
    /// root is `root`.
    public func verifies(leafData data: [UInt8], root: [UInt8]) -> Bool {
        guard let computed = self.root(leafData: data) else { return false }
        return computed == root
    }
}
