import Foundation

/// What a client needs, beside the buffer's signed report, to prove every byte it got:
/// written by `rngcert fetch` to `FILE.proof.json` and checked by `rngcert verify --delivery`.
///
/// The client got leaves [firstLeaf, endLeaf) of buffer `bufferID`: the first `byteCount`
/// bytes of them as its random bytes, and the rest of the last leaf (`tail`, fewer than
/// `leafSize` bytes, never served to anyone else) here. `hashes` is the compact range proof
/// (`MerkleRangeProof`); with the bytes and the tail it must give the report's
/// `gate.merkleRoot`.
public struct DeliveryProof: Codable, Sendable, Equatable {
    public static let currentFormat = "rngcert-delivery-proof/1"

    public var format: String
    public var bufferID: Int
    /// The ledger's allocation number.
    public var allocationID: Int64
    public var byteCount: Int
    /// SHA-256 of the delivered bytes, lowercase hex.
    public var sha256: String
    public var leafSize: Int
    public var leafCount: Int
    public var firstLeaf: Int
    public var endLeaf: Int
    /// The last leaf's bytes past `byteCount`, lowercase hex (empty when none).
    public var tail: String
    /// The range proof's hashes, lowercase hex, in RFC 6962 recursion order.
    public var hashes: [String]
    /// The Merkle root the server claims; the report's `gate.merkleRoot` is what counts.
    public var merkleRoot: String
    /// SHA-256 of the buffer's report.json.
    public var reportSHA256: String

    public init(bufferID: Int, allocationID: Int64, bytes: [UInt8], tail: [UInt8], proof: MerkleRangeProof,
                merkleRoot: [UInt8], reportSHA256: String) {
        format = Self.currentFormat
        self.bufferID = bufferID
        self.allocationID = allocationID
        byteCount = bytes.count
        sha256 = Hex.sha256(bytes)
        leafSize = proof.leafSize
        leafCount = proof.leafCount
        firstLeaf = proof.firstLeaf
        endLeaf = proof.endLeaf
        self.tail = Hex.encode(tail)
        hashes = proof.hashes.map { Hex.encode($0) }
        self.merkleRoot = Hex.encode(merkleRoot)
        self.reportSHA256 = reportSHA256
    }

    /// The range proof, or nil when a hash is not 64 hex digits.
    public var rangeProof: MerkleRangeProof? {
        var decoded: [[UInt8]] = []
        for hash in hashes {
            guard let bytes = Hex.decode(hash), bytes.count == MerkleHash.size else { return nil }
            decoded.append(bytes)
        }
        return MerkleRangeProof(leafSize: leafSize, leafCount: leafCount, firstLeaf: firstLeaf, endLeaf: endLeaf, hashes: decoded)
    }

    /// Sorted keys, two-space indentation, trailing newline.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(GateError) -> DeliveryProof {
        let proof: DeliveryProof
        do {
            proof = try JSONDecoder().decode(DeliveryProof.self, from: Data(bytes))
        } catch {
            throw .invalidParameter(name: "proof", value: path, reason: "not a delivery proof: \(error)")
        }
        guard proof.format == currentFormat else {
            throw .invalidParameter(name: "proof", value: path, reason: "format '\(proof.format)', expected '\(currentFormat)'")
        }
        return proof
    }
}
