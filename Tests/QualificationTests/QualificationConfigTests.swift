import Foundation
import Qualification
import Testing

/// `qualification.yaml`: a complete file parses with its defaults; every kind of mistake is
/// one error naming the file, the line and the key.
@Suite struct QualificationConfigTests {
    static let valid = """
        device:
          vendor: Example Labs
          model: QRNG-7
          serial: "000123"
        noise:
          source: tcp://127.0.0.1:4000
          bits_per_sample: 4
        claim:
          min_entropy: 3.5
          iid: true
        restart:
          source: /dev/hwrng
          command: ./power-cycle.sh
        conditioning:
          - name: XOR fold
            vetted: false
            n_in: 8
            n_out: 4
            nw: 4
            output_file: folded.bin
          - name: SHA-256
            vetted: true
            n_in: 512
            n_out: 256
            nw: 256
        health:
          alpha: 2^-30
        """

    func parse(_ text: String) throws -> QualificationConfig {
        try QualificationConfigParser.parse(text, file: "lab/q.yaml", baseDirectory: "lab")
    }

    @Test func aCompleteFileParsesWithPathsResolvedAndDefaults() throws {
        let c = try parse(Self.valid)
        #expect(c.device.vendor == "Example Labs" && c.device.serial == "000123" && c.device.firmware == nil)
        #expect(c.noise == .init(origin: .source("tcp://127.0.0.1:4000"), samples: nil, bitsPerSample: 4))
        #expect(c.claim.minEntropy == 3.5 && c.claim.iid)
        #expect(c.restart.origin == .source("/dev/hwrng") && c.restart.command == "./power-cycle.sh" && c.restart.commandTimeout == 600)
        #expect(c.conditioning.count == 2)
        #expect(c.conditioning[0].outputFile == "lab/folded.bin" && !c.conditioning[0].vetted)
        #expect(c.conditioning[1] == .init(name: "SHA-256", vetted: true, inputBits: 512, outputBits: 256, narrowestWidth: 256, outputFile: nil))
        #expect(c.health.alpha == 0x1p-30)
    }

    @Test func theMinimalFileTakesTheStandardsDefaults() throws {
        let c = try parse("""
            device: {vendor: V, model: M}
            noise: {file: raw.bin, bits_per_sample: 8}
            claim: {min_entropy: 7}
            restart: {file: /data/restart.bin}
            """)
        #expect(c.noise.origin == .file("lab/raw.bin"))
        #expect(c.restart.origin == .file("/data/restart.bin"))
        #expect(!c.claim.iid && c.conditioning.isEmpty && c.health.alpha == 0x1p-20)
    }

    /// (text to replace, replacement, what the one-line error must say).
    static let mistakes: [(String, String, String)] = [
        ("  bits_per_sample: 4\n", "  bits_per_sample: nine\n", "lab/q.yaml:7:20: noise.bits_per_sample: must be an integer from 1 to 8, got \"nine\""),
        ("  bits_per_sample: 4\n", "  bits_per_sampel: 4\n", "lab/q.yaml:7:3: noise.bits_per_sampel: unknown key (expected one of: file, source, samples, bits_per_sample)"),
        ("  min_entropy: 3.5\n", "  min_entropy: 4.5\n", "claim.min_entropy: must be a number of bits per sample with 0 < H ≤ bits_per_sample (4), got \"4.5\""),
        ("  min_entropy: 3.5\n", "", "claim: missing required key 'claim.min_entropy'"),
        ("  source: tcp://127.0.0.1:4000\n", "  source: tcp://127.0.0.1:4000\n  file: raw.bin\n", "noise: give either file or source, not both"),
        ("  source: tcp://127.0.0.1:4000\n", "  source: ftp://host/x\n", "noise.source: "),
        ("    output_file: folded.bin\n", "", "conditioning[0]: a non-vetted component needs output_file"),
        ("    n_in: 512\n", "    n_in: 510\n", "conditioning[1].n_in: must be a multiple of conditioning[0].n_out (4)"),
        ("    n_in: 8\n", "    n_in: 6\n", "conditioning[0].n_in: must be a multiple of bits_per_sample (4)"),
        ("    nw: 256\n", "    nw: -1\n", "conditioning[1].nw: must be an integer from 1 to 4294967295, got \"-1\""),
        ("  alpha: 2^-30", "  alpha: 1.5", "health.alpha: must be a probability in (0, 1), as a number or 2^-k, got \"1.5\""),
        ("  iid: true\n", "  iid: maybe\n", "claim.iid: must be true or false, got \"maybe\""),
        ("  source: /dev/hwrng\n", "  file: restart.bin\n", "restart.command: a restart command is run only when collecting"),
        ("  model: QRNG-7\n", "  model: QRNG-7\n  model: QRNG-8\n", "model: given twice in one mapping"),
        ("device:\n", "device:\n  colour: blue\n", "device.colour: unknown key"),
        ("conditioning:\n", "conditioning: SHA-256\n  # was a list\n", "not valid YAML"),
        ("health:\n  alpha: 2^-30", "health: [1, 2]", "health: must be a mapping of alpha"),
    ]

    @Test(arguments: mistakes.indices)
    func aMistakeIsOneErrorNamingTheKey(_ index: Int) throws {
        let (old, new, expected) = Self.mistakes[index]
        #expect(Self.valid.contains(old), "the fixture must contain \(old)")
        let text = Self.valid.replacingOccurrences(of: old, with: new)
        do {
            _ = try parse(text)
            Issue.record("no error for \(new)")
        } catch let error as QualificationConfigError {
            let line = error.description
            #expect(line.contains(expected), "\(line)")
            #expect(line.hasPrefix("lab/q.yaml"), "\(line)")
            #expect(!line.contains("\n"))
        }
    }

    @Test func anEmptyOrNonMappingFileIsNamed() throws {
        for (text, expected) in [("", "empty file"), ("- a\n- b\n", "must be a mapping"), ("device: [", "not valid YAML")] {
            do {
                _ = try parse(text)
                Issue.record("no error for \(text)")
            } catch let error as QualificationConfigError {
                #expect(error.description.contains(expected), "\(error)")
            }
        }
    }

    @Test func aFileThatCannotBeReadIsNamed() throws {
        do {
            _ = try QualificationConfigParser.load(path: "/nonexistent/q.yaml")
            Issue.record("no error")
        } catch let error as QualificationConfigError {
            #expect(error.description.hasPrefix("/nonexistent/q.yaml: cannot read"))
        }
    }
}
