import Foundation
import SP80090B

/// A NIST reference program's command line (usnistgov/SP800-90B_EntropyAssessment) that
/// reproduces figures of the report, run from the evidence folder. Numbers passed on are
/// written with 17 significant digits, so the reference computes from exactly the value
/// rngcert used.
public struct ReferenceCommand: Codable, Sendable, Equatable {
    /// The report step it reproduces (`initial-entropy`, `restart`, `conditioning-N`, `track`).
    public var step: String
    /// What it prints that the report records, e.g. "H_original, H_bitstring".
    public var figures: String
    public var command: String

    public init(step: String, figures: String, command: String) {
        self.step = step
        self.figures = figures
        self.command = command
    }

    /// The command lines for a finished assessment.
    public static func all(config: QualificationConfig, datasets: [EvidenceDataset], result: QualificationAssessment.Result) -> [ReferenceCommand] {
        let bits = config.noise.bitsPerSample
        func file(_ role: EvidenceDataset.Role, _ component: Int? = nil) -> String {
            datasets.first { $0.role == role && $0.component == component }?.file ?? "?"
        }
        func g(_ x: Double) -> String { String(format: "%.17g", x) }
        var commands = [
            ReferenceCommand(step: "initial-entropy", figures: "H_original, H_bitstring (non-IID track)",
                             command: "ea_non_iid -i -a -v \(file(.rawNoise)) \(bits)"),
            ReferenceCommand(step: "track", figures: "IID tests and H_original, H_bitstring (IID track)",
                             command: "ea_iid -i -a -v \(file(.rawNoise)) \(bits)"),
        ]
        if let r = result.restart {
            let flag = r.track == .iid ? "-i" : "-n"
            commands.append(ReferenceCommand(step: "restart", figures: "X_cutoff (simulated), X_max, H_r, H_c, min(H_r, H_c, H_I)",
                                             command: "ea_restart \(flag) -v \(file(.restart)) \(bits) \(g(r.initialEntropy))"))
        }
        for (index, outcome) in result.conditioning.enumerated() {
            let component = config.conditioning[index]
            if !component.vetted {
                commands.append(ReferenceCommand(step: "conditioning-\(index + 1)", figures: "h′ (H_bitstring of the conditioned dataset)",
                                                 command: "ea_non_iid -c -t -v \(file(.conditioned, index)) 8"))
            }
            guard let a = outcome.assessment else { continue }
            let tail = "\(a.inputBits) \(a.outputBits) \(a.narrowestWidth) \(g(a.inputEntropy))"
            let command: String
            if case let .nonVetted(hPrime) = a.component {
                command = "ea_conditioning -n \(tail) \(g(hPrime))"
            } else {
                command = "ea_conditioning -v \(tail)"
            }
            commands.append(ReferenceCommand(step: "conditioning-\(index + 1)", figures: "Output_Entropy, h_out", command: command))
        }
        return commands
    }

    /// `reference-commands.sh`: the commands as a script with a comment per step.
    public static func script(_ commands: [ReferenceCommand]) -> String {
        var out = "#!/bin/sh\n# NIST SP 800-90B reference programs (github.com/usnistgov/SP800-90B_EntropyAssessment)\n"
        out += "# reproducing the figures of qualification.json; run from this folder.\n"
        for c in commands { out += "\n# \(c.step): \(c.figures)\n\(c.command)\n" }
        return out
    }
}
