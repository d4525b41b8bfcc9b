import Certification
import Foundation
import SP80090B

/// `registration.json`: the facts an entropy-source registration (NIST ESV) asks for, taken
/// from the signed report: the device, the noise source and its claim, the validated
/// entropy, the conditioning chain with its parameters, the health tests with their cutoffs
/// and false-positive probabilities, and the data files with their SHA-256.
public struct RegistrationMetadata: Codable, Sendable, Equatable {
    public struct NoiseSource: Codable, Sendable, Equatable {
        public var bitsPerSample: Int
        public var claimedMinEntropy: Double
        public var iidClaim: Bool
        public var rationale: String?
        public var track: String
        public var hOriginal: Double?
        public var hBitstring: Double?
        public var hInitial: Double?
        public var restartSanityCheckPassed: Bool?
        public var hRows: Double?
        public var hColumns: Double?
        /// min(H_r, H_c, H_I); nil when no entropy is awarded.
        public var validatedMinEntropyPerSample: Double?
    }

    public struct Component: Codable, Sendable, Equatable {
        public var name: String
        public var vetted: Bool
        public var nIn: Int
        public var nOut: Int
        public var nw: Int
        public var hIn: Double?
        public var hPrime: Double?
        public var hOut: Double?
    }

    public struct HealthTests: Codable, Sendable, Equatable {
        public var alpha: Double
        public var minEntropy: Double
        public var repetitionCountCutoff: Int
        public var repetitionCountFalsePositiveProbability: Double
        public var adaptiveProportionWindow: Int
        public var adaptiveProportionCutoff: Int
        public var adaptiveProportionFalsePositiveProbability: Double
    }

    public var device: QualificationConfig.Device
    public var noiseSource: NoiseSource
    public var conditioning: [Component]
    /// h_out of the last component per output, when conditioned.
    public var outputEntropy: Double?
    public var outputBits: Int?
    public var healthTests: HealthTests
    public var dataFiles: [EvidenceDataset]
    public var verdict: String
    /// The signed report this was taken from and its signer.
    public var report: String
    public var signerFingerprint: String?

    public init(report: QualificationReport) {
        let a = report.assessment, c = report.configuration
        device = c.device
        noiseSource = NoiseSource(
            bitsPerSample: c.noise.bitsPerSample, claimedMinEntropy: c.claim.minEntropy, iidClaim: c.claim.iid,
            rationale: c.claim.rationale, track: a.track.rawValue, hOriginal: a.hOriginal, hBitstring: a.hBitstring,
            hInitial: a.hInitial, restartSanityCheckPassed: a.restart?.sanityCheck.passed, hRows: a.restart?.rowEntropy,
            hColumns: a.restart?.columnEntropy, validatedMinEntropyPerSample: a.entropyPerSample)
        conditioning = zip(c.conditioning, a.conditioning).map { component, outcome in
            Component(name: component.name, vetted: component.vetted, nIn: component.inputBits, nOut: component.outputBits,
                      nw: component.narrowestWidth, hIn: outcome.inputEntropy, hPrime: outcome.conditionedEstimate?.hBitstring,
                      hOut: outcome.assessment?.outputEntropy)
        }
        outputEntropy = a.outputEntropy
        outputBits = a.outputBits
        let h = a.health
        healthTests = HealthTests(
            alpha: h.parameters.falsePositiveProbability, minEntropy: h.parameters.minEntropy,
            repetitionCountCutoff: h.parameters.repetitionCountCutoff, repetitionCountFalsePositiveProbability: h.repetitionCountFalsePositive,
            adaptiveProportionWindow: h.parameters.adaptiveProportionWindow, adaptiveProportionCutoff: h.parameters.adaptiveProportionCutoff,
            adaptiveProportionFalsePositiveProbability: h.adaptiveProportionFalsePositive)
        dataFiles = report.datasets
        verdict = report.verdict.rawValue
        self.report = QualificationReport.fileName
        signerFingerprint = report.signer?.fingerprint
    }

    public func encoded() throws -> [UInt8] {
        try ReportCoding.canonical(self)
    }
}
