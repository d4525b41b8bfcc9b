import HTTPTypes

/// The proof of a raw `/v1/random` response, in headers. A client rebuilds the
/// `DeliveryProof` from them (`DeliveryProof.init(headers:bytes:)`).
///
///     Rngcert-Buffer: 42                      the buffer id
///     Rngcert-Allocation: 1234                the ledger's allocation number
///     Rngcert-Leaves: 10-13                   leaves [10, 13) of the buffer's tree
///     Rngcert-Leaf-Size: 32
///     Rngcert-Leaf-Count: 32768               leaves in the tree
///     Rngcert-Tail: 9f01…                     the last leaf's bytes past the body (hex, may be empty)
///     Rngcert-Proof: 3a7c…,0b12…              the range proof's hashes (hex, comma-separated)
///     Rngcert-Merkle-Root: 5d2e…              the root the server claims
///     Rngcert-Report-SHA256: c0ff…            SHA-256 of the buffer's report.json
///     Rngcert-Report: /v1/buffers/42/report.json
public enum ProofHeaders {
    public static let buffer = HTTPField.Name("Rngcert-Buffer")!
    public static let allocation = HTTPField.Name("Rngcert-Allocation")!
    public static let leaves = HTTPField.Name("Rngcert-Leaves")!
    public static let leafSize = HTTPField.Name("Rngcert-Leaf-Size")!
    public static let leafCount = HTTPField.Name("Rngcert-Leaf-Count")!
    public static let tail = HTTPField.Name("Rngcert-Tail")!
    public static let proof = HTTPField.Name("Rngcert-Proof")!
    public static let merkleRoot = HTTPField.Name("Rngcert-Merkle-Root")!
    public static let reportSHA256 = HTTPField.Name("Rngcert-Report-SHA256")!
    public static let report = HTTPField.Name("Rngcert-Report")!
    public static let apiKey = HTTPField.Name("X-API-Key")!

    /// The headers for `proof`.
    public static func fields(_ proof: DeliveryProof) -> HTTPFields {
        var fields = HTTPFields()
        fields[buffer] = "\(proof.bufferID)"
        fields[allocation] = "\(proof.allocationID)"
        fields[leaves] = "\(proof.firstLeaf)-\(proof.endLeaf)"
        fields[leafSize] = "\(proof.leafSize)"
        fields[leafCount] = "\(proof.leafCount)"
        fields[tail] = proof.tail
        fields[self.proof] = proof.hashes.joined(separator: ",")
        fields[merkleRoot] = proof.merkleRoot
        fields[reportSHA256] = proof.reportSHA256
        fields[report] = "/v1/buffers/\(proof.bufferID)/report.json"
        return fields
    }

    /// The proof these headers carry for `bytes`, or nil naming the header that is missing
    /// or malformed.
    public static func proof(from fields: HTTPFields, bytes: [UInt8]) -> Result<DeliveryProof, GateError> {
        func value(_ name: HTTPField.Name) -> Result<String, GateError> {
            guard let v = fields[name] else { return .failure(.invalidParameter(name: "header", value: name.canonicalName, reason: "missing")) }
            return .success(v)
        }
        func integer(_ name: HTTPField.Name) -> Result<Int, GateError> {
            value(name).flatMap { text in
                Int(text).map { .success($0) } ?? .failure(.invalidParameter(name: "header", value: name.canonicalName, reason: "'\(text)' is not a number"))
            }
        }
        return Result {
            let range = try value(leaves).get().split(separator: "-")
            guard range.count == 2, let first = Int(range[0]), let end = Int(range[1]) else {
                throw GateError.invalidParameter(name: "header", value: leaves.canonicalName, reason: "expected FIRST-END")
            }
            let tailText = fields[tail] ?? ""
            guard let tailBytes = Hex.decode(tailText) else {
                throw GateError.invalidParameter(name: "header", value: tail.canonicalName, reason: "not hex")
            }
            let hashText = try value(proof).get()
            var hashes: [[UInt8]] = []
            for part in hashText.split(separator: ",") {
                guard let hash = Hex.decode(part), hash.count == MerkleHash.size else {
                    throw GateError.invalidParameter(name: "header", value: proof.canonicalName, reason: "'\(part.prefix(80))' is not a 64-digit hex hash")
                }
                hashes.append(hash)
            }
            guard let root = Hex.decode(try value(merkleRoot).get()), root.count == MerkleHash.size else {
                throw GateError.invalidParameter(name: "header", value: merkleRoot.canonicalName, reason: "not a 64-digit hex hash")
            }
            let rangeProof = MerkleRangeProof(leafSize: try integer(leafSize).get(), leafCount: try integer(leafCount).get(),
                                              firstLeaf: first, endLeaf: end, hashes: hashes)
            guard let allocationID = Int64(try value(allocation).get()) else {
                throw GateError.invalidParameter(name: "header", value: allocation.canonicalName, reason: "not a number")
            }
            return DeliveryProof(bufferID: try integer(buffer).get(), allocationID: allocationID, bytes: bytes, tail: tailBytes,
                                 proof: rangeProof, merkleRoot: root, reportSHA256: try value(reportSHA256).get())
        }.mapError { $0 as? GateError ?? .invalidParameter(name: "header", value: "?", reason: "\($0)") }
    }
}
