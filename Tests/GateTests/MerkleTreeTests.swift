import Crypto
import Foundation
import Gate
import Testing

/// RFC 6962 §2.1's definition, written out as it reads (recursion on the data), to check
/// the level-by-level tree against.
private func referenceMTH(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
    if leaves.isEmpty { return Array(SHA256.hash(data: [UInt8]())) }
    if leaves.count == 1 { return Array(SHA256.hash(data: [0x00] + leaves.first!)) }
    var k = 1
    while k * 2 < leaves.count { k *= 2 }
    let start = leaves.startIndex
    return Array(SHA256.hash(data: [0x01] + referenceMTH(leaves[start..<start + k]) + referenceMTH(leaves[(start + k)...])))
}

private func leaves(of bytes: [UInt8], size: Int) -> [[UInt8]] {
    stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
}

private func pseudoRandomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return UInt8(truncatingIfNeeded: state >> 33)
    }
}

@Suite("Gate: Merkle tree and range proofs")
struct MerkleTreeTests {
    @Test("a one-leaf tree's root is SHA-256(0x00 ‖ data), RFC 6962's leaf hash")
    func singleLeaf() {
        // SHA-256 of the single byte 0x00: RFC 6962's hash of an empty leaf, as published
        // in Certificate Transparency's test data.
        let empty = MerkleHash.leaf([UInt8]())
        #expect(empty.map { String(format: "%02x", $0) }.joined() == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
        let data: [UInt8] = Array("abc".utf8)
        #expect(MerkleTree(bytes: data).root == Array(SHA256.hash(data: [0x00] + data)))
    }

    @Test("roots match the recursive RFC 6962 definition for every leaf count 1…70", arguments: [1, 7, 32])
    func rootsMatchReference(leafSize: Int) {
        for leafCount in 1...70 {
            let bytes = pseudoRandomBytes(leafCount * leafSize - (leafCount % 3 == 0 ? leafSize / 2 : 0), seed: UInt64(leafCount))
            let tree = MerkleTree(bytes: bytes, leafSize: leafSize)
            #expect(tree.leafCount == leafCount)
            #expect(tree.root == referenceMTH(leaves(of: bytes, size: leafSize)[...]), "leaf count \(leafCount)")
        }
    }

    @Test("every range of every tree up to 20 leaves proves, and only with its own bytes")
    func everyRangeVerifies() {
        for leafCount in 1...20 {
            let bytes = pseudoRandomBytes(leafCount * 4, seed: 99 + UInt64(leafCount))
            let tree = MerkleTree(bytes: bytes, leafSize: 4)
            for first in 0..<leafCount {
                for end in (first + 1)...leafCount {
                    let proof = tree.proof(leaves: first..<end)
                    let data = Array(bytes[first * 4..<end * 4])
                    #expect(proof.verifies(leafData: data, root: tree.root), "\(first)..<\(end) of \(leafCount)")
                    #expect(proof.hashes.count <= 2 * (Int.bitWidth - leafCount.leadingZeroBitCount))
                    var flipped = data
                    flipped[(first * 7 + end) % data.count] ^= 0x10
                    #expect(!proof.verifies(leafData: flipped, root: tree.root))
                }
            }
        }
    }

    @Test("a single leaf's proof is its RFC 6962 audit path")
    func singleLeafAuditPath() {
        // Leaf 2 of 5 leaves d0…d4: MTH = H(1‖ H(1‖ H(1‖l0‖l1) ‖ H(1‖l2‖l3)) ‖ l4); the path
        // to l2 is l4 (root's right), then H(l0,l1), then l3 (root to leaf).
        let bytes = pseudoRandomBytes(5, seed: 5)
        let tree = MerkleTree(bytes: bytes, leafSize: 1)
        let l = bytes.map { MerkleHash.leaf([$0]) }
        let proof = tree.proof(leaves: 2..<3)
        #expect(proof.hashes == [MerkleHash.node(l[0], l[1]), l[3], l[4]])
    }

    @Test("tampered proofs fail: a changed hash, a missing or extra hash, a shifted range")
    func tamperedProofsFail() {
        let bytes = pseudoRandomBytes(32 * 100, seed: 7)
        let tree = MerkleTree(bytes: bytes)
        let proof = tree.proof(leaves: 10..<13)
        let data = Array(bytes[320..<416])
        #expect(proof.verifies(leafData: data, root: tree.root))
        var changed = proof
        changed.hashes[0][5] ^= 1
        #expect(!changed.verifies(leafData: data, root: tree.root))
        var missing = proof
        missing.hashes.removeLast()
        #expect(!missing.verifies(leafData: data, root: tree.root))
        var extra = proof
        extra.hashes.append(proof.hashes[0])
        #expect(!extra.verifies(leafData: data, root: tree.root))
        var shifted = proof
        shifted.firstLeaf += 1
        shifted.endLeaf += 1
        #expect(!shifted.verifies(leafData: data, root: tree.root))
        var outside = proof
        outside.endLeaf = 101
        #expect(outside.root(leafData: data) == nil)
        #expect(!proof.verifies(leafData: Array(data.dropLast()), root: tree.root))
    }

    @Test("hostile shapes are refused without trapping: huge leaf sizes and ranges, too many hashes")
    func hostileShapes() {
        let data = pseudoRandomBytes(64, seed: 3)
        let hash = [UInt8](repeating: 7, count: 32)
        let shapes = [
            MerkleRangeProof(leafSize: Int.max, leafCount: 4, firstLeaf: 0, endLeaf: 2, hashes: [hash]),
            MerkleRangeProof(leafSize: 32, leafCount: Int.max, firstLeaf: 0, endLeaf: Int.max, hashes: [hash]),
            MerkleRangeProof(leafSize: 32, leafCount: Int.max, firstLeaf: Int.max - 2, endLeaf: Int.max, hashes: [hash]),
            MerkleRangeProof(leafSize: 32, leafCount: 1 << 40, firstLeaf: 5, endLeaf: 7, hashes: Array(repeating: hash, count: 1000)),
            MerkleRangeProof(leafSize: 32, leafCount: 4, firstLeaf: -1, endLeaf: 1, hashes: [hash]),
        ]
        for proof in shapes { #expect(proof.root(leafData: data) == nil) }
        // A deep tree with a well-formed proof just gives another root: leaves 5 and 6 of
        // 2^40 need 37 right-hand siblings from 2^39 down to 8, then [0,4), [4,5) and [7,8).
        var deep = MerkleRangeProof(leafSize: 32, leafCount: 1 << 40, firstLeaf: 5, endLeaf: 7,
                                    hashes: Array(repeating: hash, count: 40))
        #expect(deep.root(leafData: data) != nil)
        deep.hashes.append(hash)
        #expect(deep.root(leafData: data) == nil)
    }
}
