/// How the sanity check (SP 800-90B §3.1.4.3) turns H_I into the largest acceptable X_max.
///
/// ea_restart does not use the standard's single binomial: it takes the "worst case" inverted
/// near-uniform distribution for H_I (⌊1/p⌋ symbols of probability p = 2^−H_I, plus one symbol
/// with the remaining 1 − ⌊1/p⌋·p), draws 1000 samples from it, records the largest symbol
/// count, repeats that 5,000,000 times with a /dev/urandom-seeded xoshiro256**, and takes the
/// empirical (1 − α) quantile, α = 1 − 0.99^(1/2000). Its cutoff therefore varies from run to run.
public enum RestartCutoffMethod: Codable, Sendable, Equatable, Hashable {
    /// The exact (1 − α) quantile of the statistic ea_restart simulates: the smallest m with
    /// P(max count of 1000 draws ≤ m) ≥ 1 − α, computed by dynamic programming over the
    /// multinomial. This is the value the reference's simulation estimates, without its noise.
    case exact
    /// ea_restart's simulation, made reproducible: `rounds` rounds from xoshiro256** seeded by
    /// SplitMix64(`seed`); the rounds are split into fixed blocks whose generators are successive
    /// 2^128-step jumps of the seeded state, so the cutoff is the same for any number of jobs.
    case simulation(rounds: Int, seed: UInt64)
    /// The text of §3.1.4.3: X ~ Binomial(1000, p); the largest X_max with
    /// P(X ≥ X_max) ≥ α passes, α = 0.000005.
    case binomial

    /// ea_restart's DEFAULT_SIMULATION_ROUNDS.
    public static let referenceSimulationRounds = 5_000_000
    /// The documented default seed of the reproducible simulation ("800-90B §3.1.4.3").
    public static let defaultSimulationSeed: UInt64 = 800_90_3143
    /// ea_restart's simulation with its default number of rounds and the documented seed.
    public static let referenceSimulation = RestartCutoffMethod.simulation(rounds: referenceSimulationRounds, seed: defaultSimulationSeed)
    /// Fewest rounds accepted: the quantile index ⌊(1 − α)·N⌋ − 1 must exist.
    public static let minimumSimulationRounds = 2
    /// Most rounds accepted: 100,000,000, twenty times ea_restart's default (each round draws
    /// 1000 samples; the default takes seconds, this bound minutes). More would add nothing
    /// the exact cutoff does not give, and 2^31 or more would run for days.
    public static let maximumSimulationRounds = 100_000_000

    /// Checks the method's parameters: the simulation's rounds must lie in
    /// `minimumSimulationRounds...maximumSimulationRounds`.
    public func validate() throws(RestartTestError) {
        if case let .simulation(rounds, _) = self,
           !(Self.minimumSimulationRounds...Self.maximumSimulationRounds).contains(rounds) {
            throw .invalidSimulationRounds(rounds)
        }
    }
}
