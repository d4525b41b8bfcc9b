import SP80090B

/// What `qualification.yaml` declares: the device, where its raw noise and restart data come
/// from, the submitter's claim, the conditioning chain and the health tests' α. Paths are
/// resolved against the file's directory by `QualificationConfigParser`.
///
/// Validated on construction by the parser: every value is in range and every cross-key rule
/// holds (a component's n_in is a multiple of what feeds it; a non-vetted component names its
/// conditioned output), so the run never starts on a configuration it cannot finish.
public struct QualificationConfig: Codable, Sendable, Equatable {
    /// SP 800-90B §3.1.1: the sequential dataset holds at least 1,000,000 samples.
    public static let requiredNoiseSamples = 1_000_000
    /// SP 800-90B §3.1.1 item 2: at least 1,000,000 outputs of a non-vetted component.
    public static let requiredConditionedOutputs = 1_000_000
    /// The fewest noise samples a configuration may ask for (a smaller run is a rehearsal: the
    /// data step fails it, but everything else is computed).
    public static let minimumNoiseSamples = 10_000

    /// Registration metadata, copied into the evidence folder's `registration.json`.
    public struct Device: Codable, Sendable, Equatable {
        public var vendor: String
        public var model: String
        public var serial: String?
        public var firmware: String?
        public var description: String?

        public init(vendor: String, model: String, serial: String? = nil, firmware: String? = nil, description: String? = nil) {
            self.vendor = vendor
            self.model = model
            self.serial = serial
            self.firmware = firmware
            self.description = description
        }
    }

    /// Where a dataset comes from: an existing file, or a capture source (any
    /// `rngcert capture --source`) read by `qualify` itself.
    public enum Origin: Codable, Sendable, Equatable {
        case file(String)
        case source(String)
    }

    /// The raw noise: the sequential dataset of §3.1.1 item 1, one sample per byte.
    public struct Noise: Codable, Sendable, Equatable {
        public var origin: Origin
        /// Samples to capture from a source (default 1,000,000); for a file, the samples
        /// assessed (nil: the whole file).
        public var samples: Int?
        /// Bits per sample, 1…8.
        public var bitsPerSample: Int

        public init(origin: Origin, samples: Int?, bitsPerSample: Int) {
            self.origin = origin
            self.samples = samples
            self.bitsPerSample = bitsPerSample
        }
    }

    /// The submitter's claim (§3.1.2, §3.1.3).
    public struct Claim: Codable, Sendable, Equatable {
        /// H_submitter, bits per sample.
        public var minEntropy: Double
        /// The IID claim; the IID track is used only when the data does not reject it.
        public var iid: Bool
        public var rationale: String?

        public init(minEntropy: Double, iid: Bool, rationale: String? = nil) {
            self.minEntropy = minEntropy
            self.iid = iid
            self.rationale = rationale
        }
    }

    /// The restart dataset of §3.1.4.1: 1,000 restarts × 1,000 samples in row order.
    public struct Restart: Codable, Sendable, Equatable {
        public var origin: Origin
        /// Run with `/bin/sh -c` before each restart when collecting (power-cycle or reset):
        /// RNGCERT_RESTART holds the restart's number, 1…1000.
        public var command: String?
        /// Seconds the command may take before the collection stops with an error.
        public var commandTimeout: Double

        public init(origin: Origin, command: String?, commandTimeout: Double) {
            self.origin = origin
            self.command = command
            self.commandTimeout = commandTimeout
        }
    }

    /// One conditioning component (§3.1.5), in order from the noise source.
    public struct ConditioningComponent: Codable, Sendable, Equatable {
        public var name: String
        /// One of the vetted functions of §3.1.5.1.1.
        public var vetted: Bool
        public var inputBits: Int
        public var outputBits: Int
        public var narrowestWidth: Int
        /// The conditioned sequential dataset (§3.1.1 item 2), needed for a non-vetted
        /// component: its outputs concatenated, read as a bitstring (8 bits per byte).
        public var outputFile: String?

        public init(name: String, vetted: Bool, inputBits: Int, outputBits: Int, narrowestWidth: Int, outputFile: String?) {
            self.name = name
            self.vetted = vetted
            self.inputBits = inputBits
            self.outputBits = outputBits
            self.narrowestWidth = narrowestWidth
            self.outputFile = outputFile
        }
    }

    /// The continuous health tests (§4.4); their windows are the standard's (W = 1024 for
    /// binary samples, else 512).
    public struct Health: Codable, Sendable, Equatable {
        /// α: each test's false-positive probability.
        public var alpha: Double

        public init(alpha: Double) {
            self.alpha = alpha
        }
    }

    public var device: Device
    public var noise: Noise
    public var claim: Claim
    public var restart: Restart
    public var conditioning: [ConditioningComponent]
    public var health: Health

    public init(device: Device, noise: Noise, claim: Claim, restart: Restart, conditioning: [ConditioningComponent], health: Health) {
        self.device = device
        self.noise = noise
        self.claim = claim
        self.restart = restart
        self.conditioning = conditioning
        self.health = health
    }
}
