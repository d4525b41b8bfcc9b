import Foundation
import Testing
import RandomnessCore
@testable import SP80022

@Suite struct NonOverlappingTemplateTests {
    /// STS 2.1.2's `numOfTemplates` table (nonOverlappingTemplateMatchings.c), m = 2 ... 21.
    static let stsTemplateCounts = [2, 4, 6, 12, 20, 40, 74, 148, 284, 568, 1116, 2232, 4424, 8848,
                                    17622, 35244, 70340, 140680, 281076, 562152]

    @Test func templateCountsMatchSTSTable() {
        for (i, m) in AperiodicTemplates.lengths.enumerated() where m <= 16 {
            #expect(AperiodicTemplates.all(length: m).count == Self.stsTemplateCounts[i], "m = \(m)")
        }
    }

    /// The generated text of every templateM file hashes to the SHA-256 recorded from STS
    /// 2.1.2's files (Fixtures/sp800-22/sts-template-sha256.json).
    @Test func generatedTemplatesMatchSTSFiles() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/sp800-22/sts-template-sha256.json")
        struct Entry: Decodable { let sha256: String; let templates: Int }
        struct Fixture: Decodable { let files: [String: Entry] }
        let files = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: fixture)).files
        #expect(files.count == 20)
        // FIPS 180-4 example: SHA-256("abc").
        #expect(TestSHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        for m in AperiodicTemplates.lengths {
            let entry = try #require(files[String(m)])
            let text = AperiodicTemplates.stsFileBytes(length: m)
            #expect(entry.templates == Self.stsTemplateCounts[m - 2])
            #expect(TestSHA256.hex(text) == entry.sha256, "template\(m)")
        }
    }

    /// STS tests at most 148 templates: every ⌊T/148⌋-th one when there are more.
    @Test func stsSelection() {
        #expect(AperiodicTemplates.stsSelection(length: 9) == AperiodicTemplates.all(length: 9))
        #expect(AperiodicTemplates.stsSelection(length: 10) == Array(AperiodicTemplates.all(length: 10).prefix(148)))
        let all11 = AperiodicTemplates.all(length: 11)  // 568 → SKIP 3
        #expect(AperiodicTemplates.stsSelection(length: 11) == (0..<148).map { all11[3 * $0] })
        #expect(AperiodicTemplates.stsSelection(length: 4).count == 6)
        #expect(AperiodicTemplates.label(1, length: 9) == "000000001")
    }

    /// SP 800-22 rev1a §2.7.4: ε = 10100100101110010110, B = 001, m = 3, N = 2, M = 10:
    /// W_1 = 2, W_2 = 1, χ² = 2.133333, P-value = 0.344154.
    @Test func workedExample274() throws {
        let outcome = try NonOverlappingTemplateTest.evaluate(bitSequence("10100100101110010110"), templateLength: 3, blockCount: 2)
        let i = try #require(outcome.labels.firstIndex(of: "001"))
        #expect(abs(outcome.statistics["chi_squared[001]"]! - 2.133333) < 1e-6)
        #expect(abs(outcome.pValues[i] - 0.344154) < 1e-6)
        #expect(outcome.labels == ["001", "011", "100", "110"])
    }

    /// The histogram count equals STS's scan (which jumps m bits after each match) for every template.
    @Test func histogramCountsEqualSTSScan() throws {
        var rng = SeededTestBits(seed: 0x5EED_0007)
        for (n, m) in [(8 * 3001 + 5, 9), (8 * 700, 5), (8 * 200 + 7, 10), (8 * 64, 2)] {
            let bits = rng.bits(n)
            let outcome = try NonOverlappingTemplateTest.evaluate(bits, templateLength: m, blockCount: 8)
            let M = n / 8
            let lambda = Double(M - m + 1) / pow(2.0, Double(m))
            let sigma = (Double(M) * (1.0 / pow(2.0, Double(m)) - (2.0 * Double(m) - 1.0) / pow(2.0, 2.0 * Double(m)))).squareRoot()
            let array = bits.bitArray
            for (t, template) in AperiodicTemplates.stsSelection(length: m).enumerated() {
                let pattern = (0..<m).map { UInt8((template >> UInt32(m - 1 - $0)) & 1) }
                var chiSquare = 0.0
                for block in 0..<8 {
                    var w = 0, j = 0
                    while j < M - m + 1 {
                        if Array(array[block * M + j ..< block * M + j + m]) == pattern { w += 1; j += m } else { j += 1 }
                    }
                    chiSquare += pow((Double(w) - lambda) / sigma, 2)
                }
                #expect(abs(outcome.statistics["chi_squared[\(outcome.labels[t])]"]! - chiSquare) < 1e-9)
            }
        }
    }

    @Test func notApplicableWhenBlocksShorterThanTemplate() throws {
        let outcome = try NonOverlappingTemplateTest.run(bitSequence(String(repeating: "01", count: 30)), parameters: SP80022Parameters())
        #expect(outcome.notApplicable != nil)
        #expect(outcome.pValues.isEmpty)
    }

    @Test func rejectsUnsupportedTemplateLength() {
        var parameters = SP80022Parameters()
        for m in [1, 22] {
            parameters.nonOverlappingTemplateLength = m
            #expect(throws: SP80022Error.self) { try NonOverlappingTemplateTest.run(bitSequence("0110"), parameters: parameters) }
        }
    }
}

/// SHA-256 (FIPS 180-4), only to check generated template text against recorded digests.
enum TestSHA256 {
    static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    static func hex(_ message: [UInt8]) -> String {
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var data = message
        data.append(0x80)
        while data.count % 64 != 56 { data.append(0) }
        let bitLength = UInt64(message.count) * 8
        for i in (0..<8).reversed() { data.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * i))) }
        var w = [UInt32](repeating: 0, count: 64)
        @inline(__always) func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }
        for chunk in stride(from: 0, to: data.count, by: 64) {
            for i in 0..<16 {
                w[i] = UInt32(data[chunk + 4 * i]) << 24 | UInt32(data[chunk + 4 * i + 1]) << 16
                    | UInt32(data[chunk + 4 * i + 2]) << 8 | UInt32(data[chunk + 4 * i + 3])
            }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for i in 0..<64 {
                let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            for (i, v) in [a, b, c, d, e, f, g, hh].enumerated() { h[i] &+= v }
        }
        return h.map { word in (0..<8).map { String((word >> UInt32(28 - 4 * $0)) & 0xF, radix: 16) }.joined() }.joined()
    }
}
