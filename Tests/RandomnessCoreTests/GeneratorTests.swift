import Testing
@testable import RandomnessCore

/// The seeded generators against published vectors.
@Suite struct GeneratorTests {
    /// SplitMix64 from state 0 and from 1234567: the outputs of Vigna's splitmix64.c, as
    /// quoted by several independent ports' tests.
    @Test func splitMix64MatchesTheReference() {
        var zero = SplitMix64(seed: 0)
        #expect((0..<4).map { _ in zero.next() } == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC])
        var other = SplitMix64(seed: 1_234_567)
        #expect((0..<5).map { _ in other.next() } == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                                                      4_593_380_528_125_082_431, 16_408_922_859_458_223_821])
    }

    /// xoshiro256** from the state (1, 2, 3, 4): the values rand_xoshiro's test took from the
    /// reference xoshiro256starstar.c.
    @Test func xoshiro256StarStarMatchesTheReference() {
        var generator = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let expected: [UInt64] = [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360,
                                  607_988_272_756_665_600, 16_172_922_978_634_559_625, 8_476_171_486_693_032_832,
                                  10_595_114_339_597_558_777, 2_904_607_092_377_533_576]
        #expect((0..<10).map { _ in generator.next() } == expected)
    }

    /// Seeding: the state is four SplitMix64 outputs of the seed.
    @Test func seedingUsesSplitMix64() {
        var mix = SplitMix64(seed: 42)
        let state = (mix.next(), mix.next(), mix.next(), mix.next())
        var seeded = Xoshiro256StarStar(seed: 42)
        var explicit = Xoshiro256StarStar(state: state)
        #expect((0..<8).map { _ in seeded.next() } == (0..<8).map { _ in explicit.next() })
    }

    /// Lemire's range stays in [0, high] and jump() gives a different stream.
    @Test func uniformStaysInRangeAndJumpMoves() {
        var g = Xoshiro256StarStar(seed: 7)
        for high in [0, 1, 2, 9, 1000, UInt64.max] as [UInt64] {
            for _ in 0..<100 { #expect(g.uniform(upTo: high) <= high) }
        }
        var a = Xoshiro256StarStar(seed: 1)
        var b = a
        b.jump()
        #expect((0..<4).map { _ in a.next() } != (0..<4).map { _ in b.next() })
    }
}
