import ArgumentParser
import Foundation
import SP80090B

/// `rngcert entropy conditioning`: the entropy of a conditioning component's output
/// (SP 800-90B 3.1.5), as `ea_conditioning` computes it.
struct EntropyConditioning: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conditioning",
        abstract: "Output entropy of a conditioning component (SP 800-90B 3.1.5), like ea_conditioning.",
        discussion: """
        Vetted (-v, default): h_out = Output_Entropy(n_in, n_out, nw, h_in). Non-vetted (-n): \
        h_out = min(Output_Entropy(…), 0.999·n_out, h'·n_out), h' being the entropy per bit of \
        the conditioned sequential dataset (e.g. from `rngcert entropy non-iid -c`).

        Examples:
          rngcert entropy conditioning -v 512 256 256 400
          rngcert entropy conditioning -n 512 256 256 400 0.9
        """
    )

    enum Kind: String, EnumerableFlag {
        case vetted
        case nonVetted

        static func name(for value: Self) -> NameSpecification {
            switch value {
            case .vetted: [.customShort("v"), .customLong("vetted")]
            case .nonVetted: [.customShort("n"), .customLong("non-vetted")]
            }
        }

        static func help(for value: Self) -> ArgumentHelp? {
            switch value {
            case .vetted: "A vetted conditioning component (3.1.5.1.1)."
            case .nonVetted: "A non-vetted component (3.1.5.2): give h' as well."
            }
        }
    }

    @Flag var kind: Kind = .vetted

    @OptionGroup
    var jsonOutput: JSONOutputOptions

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("n_in n_out nw h_in [h']: input bits, output bits, narrowest internal width, input entropy (0 < h_in ≤ n_in) and, for -n, the output's entropy per bit (0 < h' ≤ 1).", valueName: "n_in n_out nw h_in [h']"))
    var arguments: [String]

    func validate() throws {
        _ = try assessment()
    }

    func assessment() throws -> ConditioningAssessment {
        let expected = kind == .vetted ? 4 : 5
        guard arguments.count == expected else {
            throw ValidationError(kind == .vetted
                ? "-v expects n_in n_out nw h_in (\(arguments.count) argument(s) given)"
                : "-n expects n_in n_out nw h_in h' (\(arguments.count) argument(s) given)")
        }
        func integer(_ i: Int, _ name: String) throws -> Int {
            guard let v = Int(arguments[i]) else { throw ValidationError("\(name) '\(arguments[i])': must be an integer in [1, \(UInt32.max)]") }
            return v
        }
        func real(_ i: Int, _ name: String) throws -> Double {
            guard let v = Double(arguments[i]) else { throw ValidationError("\(name) '\(arguments[i])': must be a number") }
            return v
        }
        let nIn = try integer(0, "n_in"), nOut = try integer(1, "n_out"), nw = try integer(2, "nw")
        let hIn = try real(3, "h_in")
        let component: ConditioningAssessment.Component = kind == .vetted ? .vetted : .nonVetted(entropyPerBit: try real(4, "h'"))
        do {
            return try ConditioningAssessment(component: component, inputBits: nIn, outputBits: nOut, narrowestWidth: nw, inputEntropy: hIn)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        try jsonOutput.checkWritable()
        let a = try assessment()
        let g = EntropyArguments.g17
        print("n_in = \(a.inputBits)")
        print("n_out = \(a.outputBits)")
        print("nw = \(a.effectiveNarrowestWidth)")
        print("h_in = \(g(a.inputEntropy))")
        if case let .nonVetted(hPrime) = a.component { print("h' = \(g(hPrime))") }
        print("Output_Entropy(*) = \(g(a.outputEntropyFunction))")
        switch a.component {
        case .vetted:
            print("(Vetted) h_out = \(g(a.outputEntropy))")
            if let exponent = a.fullEntropyEpsilonExponent {
                let note = a.meetsIGDKResolution19InputCondition == true
                    ? ": FIPS 140-3 IG D.K Resolution 19 Full Entropy if the conditioning component security strength is >= \(a.outputBits)" : ""
                print("epsilon = 2^(-\(g(exponent)))\(note)")
            }
        case .nonVetted:
            print("0.999 * n_out = \(g(a.nonVettedCap ?? 0))")
            print("h' * n_out = \(g(a.statisticalBound ?? 0))")
            print("(Non-vetted) h_out = \(g(a.outputEntropy))")
        }
        try jsonOutput.write(a)
    }
}
