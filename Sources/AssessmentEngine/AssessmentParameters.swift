import RandomnessCore
import SP80022
import SP80090B

/// Every parameter of an assessment, in structured form; recorded in the report so that
/// `verify --rerun` can reproduce the run exactly.
public struct AssessmentParameters: Codable, Sendable, Equatable {
    /// The suites to run, in `SuiteID` order.
    public var suites: [SuiteID]
    /// How the input bytes decode into bits and samples.
    public var decoding: DecodingOptions
    /// Read at most this many bytes (`--bytes`); nil reads the whole input.
    public var byteLimit: Int?
    /// SP 800-22 battery parameters; present when that suite runs.
    public var sp80022: SP80022Parameters?
    /// SP 800-90B suite parameters; present when that suite runs. Their bits per symbol is
    /// the decoding's sample width (`sampleWidth(for:)`).
    public var sp80090b: SP80090BParameters?
    /// The SP 800-90B window: its estimators and IID track read the first this many samples
    /// (`--sp800-90b-samples`, default `defaultSP80090BWindow`); nil reads every sample (also
    /// how a report without the member, from before the window, is read). The health tests
    /// run over every sample either way. Nil when SP 800-90B does not run.
    public var sp80090bWindow: Int?

    /// SP 800-90B §3.1.1's data size, 1,000,000 samples: the default window.
    public static let defaultSP80090BWindow = 1_000_000

    public init(suites: [SuiteID], decoding: DecodingOptions = .init(), byteLimit: Int? = nil,
                sp80022: SP80022Parameters? = nil, sp80090b: SP80090BParameters? = nil,
                sp80090bWindow: Int? = AssessmentParameters.defaultSP80090BWindow) {
        self.suites = Array(Set(suites)).sorted()
        self.decoding = decoding
        self.byteLimit = byteLimit
        self.sp80022 = self.suites.contains(.sp80022) ? (sp80022 ?? SP80022Parameters()) : nil
        if self.suites.contains(.sp80090b) {
            var p = sp80090b ?? SP80090BParameters()
            p.nonIID.bitsPerSymbol = Self.sampleWidth(for: decoding)
            self.sp80090b = p
            self.sp80090bWindow = sp80090bWindow
        } else {
            self.sp80090b = nil
            self.sp80090bWindow = nil
        }
    }

    /// The width of the samples SP 800-90B reads from the decoded input (README, "Input
    /// formats"): 1 for ascii01 input; `--bits-per-symbol`, else 8, for raw and hex input;
    /// `--bits-per-symbol`, else nil — inferred from the samples, as ea_non_iid does — for
    /// samples input.
    public static func sampleWidth(for decoding: DecodingOptions) -> Int? {
        switch decoding.format {
        case .ascii01: 1
        case .raw, .hex: decoding.bitsPerSymbol ?? 8
        case .samples: decoding.bitsPerSymbol
        }
    }
}
