import AssessmentEngine
import Foundation
import RandomnessCore

/// One data file of the evidence folder: its role, where it is (relative to the folder),
/// where it came from, its size and SHA-256.
public struct EvidenceDataset: Codable, Sendable, Equatable {
    public enum Role: String, Codable, Sendable {
        /// The sequential dataset of raw noise samples (§3.1.1 item 1).
        case rawNoise = "raw-noise"
        /// The restart dataset, 1,000 × 1,000 samples in row order (§3.1.4.1).
        case restart
        /// A non-vetted component's conditioned sequential dataset (§3.1.1 item 2).
        case conditioned
    }

    public var role: Role
    /// Path relative to the evidence folder, e.g. `data/noise.bin`.
    public var file: String
    /// The file or capture source it was taken from, as configured.
    public var origin: String
    public var byteCount: Int
    public var sha256: String
    /// Which conditioning component's output (index in the chain); nil for the others.
    public var component: Int?

    /// Copies the first `byteLimit` bytes (nil: all) of `source` to `folder/file`, streamed,
    /// hashing as it goes, and checks every byte against `bitsPerSample` (nil: any byte).
    /// A destination already there (a resumed run) is kept when it holds exactly those bytes.
    public static func copy(role: Role, from source: String, to file: String, in folder: String, byteLimit: Int?,
                            bitsPerSample: Int?, minimumBytes: Int, component: Int? = nil) throws -> EvidenceDataset {
        let reader = try FileRangeReader(path: source)
        let count = min(reader.size, byteLimit ?? reader.size)
        guard count >= minimumBytes else {
            throw CollectionError.file(path: source, reason: "holds \(reader.size) bytes; at least \(minimumBytes) are needed")
        }
        let destination = folder + "/" + file
        let exists = FileBytes.exists(destination)
        let output = exists ? nil : try AtomicFileStream(path: destination, overwrite: false)
        let sha256: String
        do {
            sha256 = try scan(reader, count: count, name: source, bitsPerSample: bitsPerSample) { chunk in
                try output?.write(UnsafeRawBufferPointer(chunk))
            }
            try output?.commit()
        } catch {
            output?.discard()
            throw error
        }
        let dataset = EvidenceDataset(role: role, file: file, origin: source, byteCount: count, sha256: sha256, component: component)
        if exists {
            let kept = try hashing(file, in: folder)
            guard kept.byteCount == count, kept.sha256 == dataset.sha256 else {
                throw CollectionError.stateMismatch(path: destination, reason: "already holds other data than \(source); use another --out")
            }
        }
        return dataset
    }

    /// The record of a file already in the folder (collected by `qualify`), hashed streaming.
    public static func hashing(_ file: String, in folder: String, role: Role = .rawNoise, origin: String = "",
                               bitsPerSample: Int? = nil) throws -> EvidenceDataset {
        let reader = try FileRangeReader(path: folder + "/" + file)
        let sha256 = try scan(reader, count: reader.size, name: folder + "/" + file, bitsPerSample: bitsPerSample)
        return EvidenceDataset(role: role, file: file, origin: origin, byteCount: reader.size, sha256: sha256)
    }

    /// Streams bytes [0, `count`) of `reader` once: checks every sample against the width
    /// (the error names `name` and the offset), hashes, and hands each chunk to `body`.
    /// Returns the SHA-256 in hex.
    private static func scan(_ reader: FileRangeReader, count: Int, name: String, bitsPerSample: Int?,
                             _ body: (UnsafeBufferPointer<UInt8>) throws -> Void = { _ in }) throws -> String {
        let limit: UInt8 = bitsPerSample.map { $0 == 8 ? .max : UInt8((1 << $0) - 1) } ?? .max
        var digest = SHA256Digest()
        var offset = 0
        try reader.forEachChunk(in: 0..<count) { chunk in
            if limit != .max, let j = chunk.firstIndex(where: { $0 > limit }) {
                throw CollectionError.sampleTooWide(what: name, offset: offset + j, value: chunk[j], bitsPerSample: bitsPerSample ?? 8)
            }
            digest.update(chunk)
            try body(chunk)
            offset += chunk.count
        }
        return digest.hex()
    }
}
