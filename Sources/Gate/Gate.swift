/// The entropy gate: `rngcert serve` hands out only bytes that passed the battery, each
/// provable offline.
///
/// The pieces: `MerkleTree` and `MerkleRangeProof` (RFC 6962 hashing over fixed
/// `MerkleTree.leafSize`-byte leaves); `BufferPipeline` (capture → buffer → assessment →
/// signed report → pool or quarantine); `Ledger` (SQLite through GRDB: every allocation
/// committed before bytes leave); `GateServer` (the HTTP API, Hummingbird 2); and
/// `GateClient` with `DeliveryVerifier` (what `rngcert fetch` and `verify` check).
public enum Gate {}
