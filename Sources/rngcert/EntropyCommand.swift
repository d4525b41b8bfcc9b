import ArgumentParser

/// `rngcert entropy`: the SP 800-90B tools one by one, with the reference programs' arguments
/// (usnistgov/SP800-90B_EntropyAssessment: ea_non_iid, ea_iid, ea_restart, ea_conditioning)
/// and the continuous health tests.
///
/// Exit codes: 0 done (and passed, where there is something to pass); 1 a test failed (IID
/// rejected, restart sanity check or validation failed, claimed entropy not met, health-test
/// alarms, no entropy awarded); 2 bad usage, bad parameter or unreadable input.
struct EntropyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entropy",
        abstract: "SP 800-90B entropy assessment tools (like NIST's ea_non_iid, ea_iid, ea_restart, ea_conditioning) and health tests.",
        discussion: """
        Input files hold one sample per byte, in the low bits_per_symbol bits (the reference \
        tools' format); '-' reads standard input. Exit code 0 when done (and passed), 1 when \
        a test failed, 2 on bad usage or input.
        """,
        subcommands: [EntropyNonIID.self, EntropyIID.self, EntropyRestart.self, EntropyConditioning.self, EntropyHealth.self]
    )
}

/// ea_non_iid's and ea_iid's -i / -c.
enum EntropyEstimateFlag: String, EnumerableFlag {
    case initial
    case conditioned

    static func name(for value: Self) -> NameSpecification {
        switch value {
        case .initial: [.customShort("i"), .customLong("initial")]
        case .conditioned: [.customShort("c"), .customLong("conditioned")]
        }
    }

    static func help(for value: Self) -> ArgumentHelp? {
        switch value {
        case .initial: "Initial entropy estimate H_I (SP 800-90B 3.1.3)."
        case .conditioned: "Conditioned sequential dataset estimate h' (3.1.5.2): the bitstring only."
        }
    }
}

/// ea_non_iid's and ea_iid's -a / -t.
enum EntropyBitstringFlag: String, EnumerableFlag {
    case all
    case truncate

    static func name(for value: Self) -> NameSpecification {
        switch value {
        case .all: [.customShort("a"), .customLong("all-bits")]
        case .truncate: [.customShort("t"), .customLong("truncate")]
        }
    }

    static func help(for value: Self) -> ArgumentHelp? {
        switch value {
        case .all: "Assess H_bitstring on every bit."
        case .truncate: "Assess H_bitstring on the first 1,000,000 bits only."
        }
    }
}
